using Microsoft.EntityFrameworkCore;
using Npgsql;
using XinYu.ServiceDefaults.Data;

namespace XinYu.Platform.Tests.Data;

/// <summary>The one translation of a lost unique-key race into a 409 naming the field (every service's saves use it).</summary>
[Trait("Category", "Unit")]
public sealed class UniqueConflictsTests
{
    private static DbUpdateException Failure(string sqlState, string? constraint) =>
        new("An error occurred while saving.", new PostgresException("duplicate key value", "ERROR", "ERROR", sqlState, constraintName: constraint));

    [Fact]
    public void A_unique_violation_is_a_409_naming_the_field_its_constraint_stands_for()
    {
        var conflict = Failure(PostgresErrorCodes.UniqueViolation, "IX_schools_bureau_id_code")
            .AsConflict(c => c == "IX_schools_bureau_id_code" ? ("code", "A school with this code exists.") : ("body", "Conflict."));
        Assert.NotNull(conflict);
        Assert.Equal(("code", "A school with this code exists.", 409), (conflict.Field, conflict.Message, conflict.Status));
    }

    [Fact]
    public void An_unnamed_constraint_reaches_the_map_as_empty()
    {
        Assert.True(Failure(PostgresErrorCodes.UniqueViolation, null).IsUniqueViolation(out var constraint));
        Assert.Equal("", constraint);
    }

    [Theory]
    [InlineData(PostgresErrorCodes.ForeignKeyViolation)]
    [InlineData(PostgresErrorCodes.SerializationFailure)]
    public void Any_other_failure_stays_a_failure(string sqlState)
    {
        Assert.False(Failure(sqlState, "fk").IsUniqueViolation(out _));
        Assert.Null(Failure(sqlState, "fk").AsConflict(_ => ("x", "y")));
        Assert.Null(new DbUpdateException("no database error").AsConflict(_ => ("x", "y")));
    }
}
