using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using XinYu.ServiceDefaults.Http;

namespace XinYu.ServiceDefaults.Data;

/// <summary>
/// The one way a service saves a change that can lose a race on a unique key (two admins creating the same code, two
/// bookings of one slot): the loser gets a 409 problem naming the field, never a 500. Which field a constraint stands
/// for is the service's knowledge, so it passes either the field or a map from the constraint's name.
/// </summary>
public static class UniqueConflicts
{
    /// <summary>Whether the save failed on a unique key (PostgreSQL 23505); <paramref name="constraint"/> names it ("" if unnamed).</summary>
    public static bool IsUniqueViolation(this DbUpdateException e, out string constraint)
    {
        constraint = e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique ? unique.ConstraintName ?? "" : "";
        return e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
    }

    /// <summary>The 409 a unique violation answers, or null for any other failure (which stays a 500).</summary>
    public static RequestRejectedException? AsConflict(this DbUpdateException e, Func<string, (string Field, string Message)> conflictOf)
    {
        if (!e.IsUniqueViolation(out var constraint)) return null;
        var (field, message) = conflictOf(constraint);
        return new RequestRejectedException(field, message, StatusCodes.Status409Conflict);
    }

    /// <summary>Saves; a unique key lost to a concurrent request (or an existing row) is a 409 naming <paramref name="field"/>.</summary>
    public static Task SaveOrConflictAsync(this DbContext db, string field, string message, CancellationToken ct) =>
        db.SaveOrConflictAsync(_ => (field, message), ct);

    /// <summary>Saves; a unique violation is a 409 with the field and message <paramref name="conflictOf"/> gives for its constraint.</summary>
    public static async Task SaveOrConflictAsync(this DbContext db, Func<string, (string Field, string Message)> conflictOf, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.AsConflict(conflictOf) is { } conflict)
        {
            throw conflict;
        }
    }
}
