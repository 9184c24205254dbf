using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using XinYu.Screening.Data;
using XinYu.Testing.Services;
using XinYu.Screening.Domain;

namespace XinYu.Screening.Tests;

/// <summary>
/// The real screening service on a fresh <c>screeningdb</c> of the test servers (see <see cref="ServiceApp{TEntryPoint, TContext}"/>),
/// with a controllable clock set to 15 October 2026, 10:00 in Shanghai (inside the default October window), and the
/// background escalation worker off: tests run the sweep themselves.
/// </summary>
public sealed class ScreeningApp() : ServiceApp<Program, ScreeningDbContext>("screeningdb")
{
    public static readonly DateTimeOffset Start = new(2026, 10, 15, 2, 0, 0, TimeSpan.Zero);
    public FakeTimeProvider Clock { get; } = new(Start);

    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Screening:Escalation:Enabled", "false")];

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>The same service with <c>Screening:Consent:SchoolNoticeSuffices = true</c> (the opt-out consent policy).</summary>
public sealed class ScreeningAppNoticeSuffices() : ServiceApp<Program, ScreeningDbContext>("screeningdb")
{
    public FakeTimeProvider Clock { get; } = new(ScreeningApp.Start);

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("Screening:Escalation:Enabled", "false"), new("Screening:Consent:SchoolNoticeSuffices", "true")];

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>
/// The API test classes run one after the other: every instance of the service consumes from the same RabbitMQ queues
/// (screening-*), so two instances alive at once would take each other's messages into the wrong database.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OneServiceAtATime
{
    public const string Name = "one screening service at a time";
}
