using System.Security.Cryptography;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace XinYu.Testing.Suite;

/// <summary>
/// The Aspire dashboard of one test run, as `./xinyu.sh run` gives a developer theirs but on free ports (a developer's
/// own run keeps 18888), with a sign-in token and a telemetry-API key of its own.
/// </summary>
public sealed class TestDashboard
{
    private Uri? _url;
    private readonly string _browserToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    private readonly string _apiKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Where the dashboard listens: known once the suite runs (<see cref="LocateAsync"/>).</summary>
    public Uri Url => _url ?? throw new InvalidOperationException("The dashboard has not started.");

    /// <summary>The link the AppHost prints for a developer to sign in with.</summary>
    public string SignInLink => $"{Url}login?t={_browserToken}";

    /// <summary>
    /// The AppHost's configuration for this dashboard (the settings its launch profile gives a developer's run), chosen
    /// once: the ports asked for must be the ones given however often this is read.
    /// </summary>
    public IReadOnlyList<string> Arguments { get; }

    public TestDashboard()
    {
        Arguments =
        [
            $"--ASPNETCORE_URLS=http://localhost:{TestPorts.Free()}",
            $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://localhost:{TestPorts.Free()}",
            $"--ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=http://localhost:{TestPorts.Free()}",
            $"--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://localhost:{TestPorts.Free()}",
            "--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
            $"--ASPIRE_DASHBOARD_FRONTEND_BROWSERTOKEN={_browserToken}",
            // Every key Aspire would otherwise generate into the AppHost's user secrets is given, and the version check
            // (which records its last run there, and asks nuget.org) is off: a test run writes nothing a developer's
            // next `./xinyu.sh run` reads, and two test runs at once share nothing.
            $"--AppHost:DashboardApiKey={_apiKey}",
            $"--AppHost:OtlpApiKey={Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}",
            $"--AppHost:McpApiKey={Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}",
            "--ASPIRE_VERSION_CHECK_DISABLED=true",
        ];
    }

    /// <summary>
    /// Finds the dashboard's address. Aspire's test host randomises the ports DCP gives executables, the dashboard's
    /// among them, so the address asked for above is not the one it listens on: its environment says which is.
    /// </summary>
    public async Task LocateAsync(DistributedApplication app, CancellationToken cancellationToken = default)
    {
        var running = await app.ResourceNotifications.WaitForResourceAsync("aspire-dashboard",
            e => e.Snapshot.State?.Text == KnownResourceStates.Running, cancellationToken);
        var urls = running.Snapshot.EnvironmentVariables.FirstOrDefault(v => v.Name == "ASPNETCORE_URLS")?.Value
            ?? throw new InvalidOperationException("The dashboard runs without ASPNETCORE_URLS.");
        _url = new Uri(urls.Split(';')[0].TrimEnd('/') + "/");
    }

    /// <summary>A client of the dashboard's telemetry API (/api/telemetry/…), which answers OTLP JSON.</summary>
    public HttpClient CreateTelemetryClient() =>
        new() { BaseAddress = Url, DefaultRequestHeaders = { { "x-api-key", _apiKey } } };

}
