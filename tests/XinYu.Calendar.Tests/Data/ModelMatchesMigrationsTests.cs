using XinYu.Calendar.Data;
using XinYu.Testing;

namespace XinYu.Calendar.Tests;

public sealed class ModelMatchesMigrationsTests
{
    [Fact]
    public void The_model_is_what_the_migrations_build() =>
        ModelChecks.AssertMatchesMigrations(new CalendarDbContext(ModelChecks.Options<CalendarDbContext>()));
}
