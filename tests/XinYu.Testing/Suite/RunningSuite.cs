using XinYu.AppHost.Hosting;

namespace XinYu.Testing.Suite;

/// <summary>
/// The whole suite, started from the AppHost's own model the way `dotnet run --project XinYu.AppHost` starts it: the
/// end-to-end tests and the benchmark both drive it through the gateway. Stopping it must leave no process behind.
/// </summary>
public class RunningSuite
{
    private readonly StringWriter _log = new();

    public RunningSuite(string? dataDirectory = null) =>
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "xinyu-suite-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The services behind the gateway, by their path under /api.</summary>
    public static readonly string[] Services = ["calendar", "identity", "liaison", "records", "screening", "staffing"];

    public string DataDirectory { get; }
    public DistributedApplication App { get; private set; } = null!;
    public Uri Gateway => App.GetEndpoint("gateway");
    /// <summary>The issuer tokens carry: the gateway's public URL.</summary>
    public string Issuer => $"http://localhost:{Gateway.Port}/";
    public string Log => _log.ToString();
    /// <summary>Every server's and service's output in this run.</summary>
    public string LogDirectory => Path.Combine(DataDirectory, "logs");

    /// <summary>Starts the suite; <paramref name="adjust"/> may change the model first (a setting of one project, say).</summary>
    public async Task StartAsync(Action<ResourceModel>? adjust = null)
    {
        var options = new AppHostOptions { DataDirectory = DataDirectory, GatewayPort = 0, Ephemeral = true };
        var model = AppHost.Program.BuildApplication(options).Model;
        adjust?.Invoke(model);
        App = new DistributedApplication(model, options) { Output = _log };
        try
        {
            await App.StartAsync();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"The suite did not start: {e.Message}\n{Log}", e);
        }
    }

    /// <summary>A client of the gateway, keeping cookies (the sign-in page needs them).</summary>
    public HttpClient CreateClient(bool followRedirects = true) =>
        new(new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = true, CookieContainer = new() })
        {
            BaseAddress = new Uri(Issuer),
        };

    /// <summary>Stops every process; throws if one outlives the suite.</summary>
    public async Task StopAsync()
    {
        var pids = App.Supervisor.Running.Select(p => p.Pid).ToList();
        await App.StopAsync();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        var survivors = pids.Where(pid => File.Exists($"/proc/{pid}/stat") && File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] != "Z").ToList();
        if (survivors.Count > 0)
        {
            throw new InvalidOperationException($"Processes outlived the suite: {string.Join(", ", survivors)}");
        }
    }
}
