using XinYu.Identity.Data;
using XinYu.Testing;

namespace XinYu.Identity.Tests;

public sealed class ModelMatchesMigrationsTests
{
    [Fact]
    public void The_model_is_what_the_migrations_build() =>
        ModelChecks.AssertMatchesMigrations(new AccountsDbContext(ModelChecks.Options<AccountsDbContext>()));
}
