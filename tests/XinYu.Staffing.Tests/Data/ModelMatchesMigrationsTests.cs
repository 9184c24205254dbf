using XinYu.Staffing.Data;
using XinYu.Testing;

namespace XinYu.Staffing.Tests;

public sealed class ModelMatchesMigrationsTests
{
    [Fact]
    public void The_model_is_what_the_migrations_build() =>
        ModelChecks.AssertMatchesMigrations(new StaffingDbContext(ModelChecks.Options<StaffingDbContext>()));
}
