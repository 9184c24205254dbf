using XinYu.AppHost.Hosting;

namespace XinYu.EndToEnd.Tests;

/// <summary>
/// The whole suite, started from the AppHost's own model the way `dotnet run --project XinYu.AppHost` starts it,
/// once for all end-to-end tests. Stopping it must leave no process behind; if one is left, cleanup fails the run.
/// </summary>
public sealed class SuiteFixture : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "xinyu-e2e-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly StringWriter _log = new();

    /// <summary>The services behind the gateway, by their path under /api.</summary>
    public static readonly string[] Services = ["calendar", "identity", "liaison", "records", "screening", "staffing"];

    public DistributedApplication App { get; private set; } = null!;
    public Uri Gateway => App.GetEndpoint("gateway");
    /// <summary>The issuer tokens carry: the gateway's public URL.</summary>
    public string Issuer => $"http://localhost:{Gateway.Port}/";
    public string Log => _log.ToString();
    /// <summary>Every server's and service's output in this run.</summary>
    public string LogDirectory => Path.Combine(_dataDirectory, "logs");

    public async Task InitializeAsync()
    {
        var options = new AppHostOptions { DataDirectory = _dataDirectory, GatewayPort = 0, Ephemeral = true };
        App = new DistributedApplication(AppHost.Program.BuildApplication(options).Model, options) { Output = _log };
        try
        {
            await App.StartAsync();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"The suite did not start: {e.Message}\n{Log}", e);
        }
    }

    public HttpClient CreateClient(bool followRedirects = true) =>
        new(new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = true, CookieContainer = new() })
        {
            BaseAddress = new Uri(Issuer),
        };

    public async Task DisposeAsync()
    {
        var pids = App.Supervisor.Running.Select(p => p.Pid).ToList();
        await App.StopAsync();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        var survivors = pids.Where(pid => File.Exists($"/proc/{pid}/stat") && File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] != "Z").ToList();
        if (survivors.Count > 0)
        {
            throw new InvalidOperationException($"Processes outlived the suite: {string.Join(", ", survivors)}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SuiteCollection : ICollectionFixture<SuiteFixture>
{
    public const string Name = "suite";
}
