using XinYu.Records.Data;
using XinYu.Testing;

namespace XinYu.Records.Tests;

public sealed class ModelMatchesMigrationsTests
{
    [Fact]
    public void The_model_is_what_the_migrations_build() =>
        ModelChecks.AssertMatchesMigrations(new RecordsDbContext(ModelChecks.Options<RecordsDbContext>()));
}
