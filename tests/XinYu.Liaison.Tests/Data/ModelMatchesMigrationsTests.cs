using XinYu.Liaison.Data;
using XinYu.Testing;

namespace XinYu.Liaison.Tests;

public sealed class ModelMatchesMigrationsTests
{
    [Fact]
    public void The_model_is_what_the_migrations_build() =>
        ModelChecks.AssertMatchesMigrations(new LiaisonDbContext(ModelChecks.Options<LiaisonDbContext>()));
}
