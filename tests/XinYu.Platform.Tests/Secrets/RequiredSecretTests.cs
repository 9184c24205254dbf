using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using XinYu.ServiceDefaults.Secrets;
using XinYu.Staffing.Data;
using XinYu.Testing;
using XinYu.Testing.Services;

namespace XinYu.Platform.Tests.Secrets;

public sealed class RequiredSecretTests
{
    private const string Setting = "Tests:Widget:ApiKey";

    private static IHost HostWith(string environment, string? value)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        if (value is not null) builder.Configuration.AddInMemoryCollection([new(Setting, value)]);
        builder.Services.RequireSecret(Setting);
        return builder.Build();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("development-only-widget-key")]
    [InlineData("Host=db;Password=db-password-dev-only")]
    public async Task Outside_Development_a_missing_empty_or_development_secret_stops_the_start_naming_the_setting(string? value)
    {
        using var host = HostWith(Environments.Production, value);
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(Setting, refused.Message);
        if (!string.IsNullOrEmpty(value)) Assert.DoesNotContain(value, refused.Message);
    }

    [Fact]
    public async Task A_secret_of_its_own_starts_and_Development_accepts_the_repository_values()
    {
        using (var production = HostWith(Environments.Production, "k5J1qN0v9yB2mW8rT4eX7cZ3"))
        {
            await production.StartAsync();
            await production.StopAsync();
        }
        using var development = HostWith(Environments.Development, null);
        await development.StartAsync();
        await development.StopAsync();
    }

    [Fact]
    public void The_development_key_encryption_key_is_a_known_development_value() =>
        Assert.True(DevelopmentSecrets.IsDevelopmentValue(DevelopmentSecrets.KeyEncryptionKey));

    /// <summary>Staffing as a city would start it, with the dev overlay's RabbitMQ password copied in by mistake.</summary>
    private sealed class StaffingInProduction(string messaging) : ServiceApp<StaffingDbContext, StaffingDbContext>("staffingdb")
    {
        protected override string EnvironmentName => Environments.Production;
        protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("ConnectionStrings:messaging", messaging)];
    }

    [Fact]
    public async Task A_service_in_Production_with_a_development_password_in_a_connection_string_does_not_start()
    {
        await using var staffing = new StaffingInProduction("amqp://guest:messaging-password-dev-only@localhost:1");
        await staffing.InitializeAsync();
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => Task.Run(() => staffing.CreateClient()));
        var message = refused is AggregateException all ? string.Join("\n", all.Flatten().InnerExceptions.Select(e => e.Message)) : refused.Message;
        Assert.Contains("ConnectionStrings:messaging", message);
        Assert.DoesNotContain("messaging-password-dev-only", message);
    }
}
