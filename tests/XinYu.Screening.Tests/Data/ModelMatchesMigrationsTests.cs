using XinYu.Screening.Data;
using XinYu.Testing;

namespace XinYu.Screening.Tests;

public sealed class ModelMatchesMigrationsTests
{
    [Fact]
    public void The_model_is_what_the_migrations_build() =>
        ModelChecks.AssertMatchesMigrations(new ScreeningDbContext(ModelChecks.Options<ScreeningDbContext>()));
}
