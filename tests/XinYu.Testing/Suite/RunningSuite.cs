using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace XinYu.Testing.Suite;

/// <summary>
/// The whole suite, started from the AppHost under Aspire's test host the way `./xinyu.sh run` starts it (DCP runs
/// every server and service), with a data folder and a free gateway port of its own: the end-to-end tests and the
/// benchmark both drive it through the gateway.
/// </summary>
public class RunningSuite
{
    /// <param name="dataDirectory">Where the servers keep their data and the AppHost its logs (a new temporary folder by default).</param>
    /// <param name="withDashboard">Run the Aspire dashboard too, on free ports: every service's telemetry goes to it.</param>
    public RunningSuite(string? dataDirectory = null, bool withDashboard = false)
    {
        StaleTestFolders.Sweep(Path.GetTempPath(), "xinyu-suite-*");
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "xinyu-suite-" + Guid.NewGuid().ToString("N")[..8]);
        Dashboard = withDashboard ? new TestDashboard() : null;
    }

    /// <summary>The services behind the gateway, by their path under /api.</summary>
    public static readonly string[] Services = ["calendar", "identity", "liaison", "records", "screening", "staffing"];

    /// <summary>Every project of the suite, by resource name.</summary>
    public static readonly string[] Projects =
        ["identity-api", "staffing-api", "records-api", "screening-api", "liaison-api", "calendar-api", "gateway"];

    public string DataDirectory { get; }
    public TestDashboard? Dashboard { get; }
    public DistributedApplication App { get; private set; } = null!;
    public Uri Gateway { get; private set; } = null!;
    /// <summary>The issuer tokens carry: the gateway's public URL.</summary>
    public string Issuer => $"http://localhost:{Gateway.Port}/";
    /// <summary>Every server's and service's console output in this run, a file each (the AppHost writes them).</summary>
    public string LogDirectory => Path.Combine(DataDirectory, "logs");

    /// <summary>Starts the suite; <paramref name="adjust"/> may change the model first (a setting of one project, say).</summary>
    public async Task StartAsync(Action<IDistributedApplicationTestingBuilder>? adjust = null)
    {
        try
        {
            App = await AppHostUnderTest.StartAsync(["--data-dir", DataDirectory, "--ephemeral", "--gateway-port", "0"], Projects, adjust,
                dashboard: Dashboard);
        }
        catch (Exception e)
        {
            // A resource that failed or never became healthy: its own output says why, and on CI it is all there is
            // to read (the data folder goes with the machine).
            throw new InvalidOperationException($"The suite did not start: {e.Message}\n{LogTails(40)}", e);
        }
        Gateway = App.GetEndpoint("gateway", "http");
        if (Dashboard is not null) await Dashboard.LocateAsync(App);
    }

    /// <summary>
    /// Lifts the gateway's rate limits (every kind of caller) for a run whose one account stands in for many people: the
    /// load generator, or tests calling every endpoint in a row. The limits themselves are tested with a gateway of
    /// their own (RateLimitTests, PerPersonRateLimitTests).
    /// </summary>
    public static void LiftGatewayRateLimits(IDistributedApplicationTestingBuilder builder)
    {
        var gateway = builder.CreateResourceBuilder<ProjectResource>("gateway");
        foreach (var kind in new[] { "Person", "Client", "Address" })
        {
            gateway.WithEnvironment($"Gateway__RateLimit__{kind}__PermitsPerSecond", "1000000")
                .WithEnvironment($"Gateway__RateLimit__{kind}__Burst", "1000000");
        }
    }

    /// <summary>The last lines of every resource's log in this run.</summary>
    public string LogTails(int lines) => !Directory.Exists(LogDirectory) ? $"(no logs in {LogDirectory})" : string.Join('\n',
        Directory.GetFiles(LogDirectory, "*.log").Order(StringComparer.Ordinal).Select(file =>
            $"--- {Path.GetFileName(file)}, last {lines} lines ---\n" + string.Join('\n', File.ReadLines(file).TakeLast(lines))));

    public async Task<string> ConnectionStringAsync(string resource) =>
        await App.GetConnectionStringAsync(resource) ?? throw new InvalidOperationException($"'{resource}' has no connection string.");

    /// <summary>A client of the gateway, keeping cookies (the sign-in page needs them).</summary>
    public HttpClient CreateClient(bool followRedirects = true) =>
        new(new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = true, CookieContainer = new() })
        {
            BaseAddress = new Uri(Issuer),
        };

    /// <summary>Stops one resource (a broker outage, a killed service) and waits until it is down.</summary>
    public async Task StopResourceAsync(string resource)
    {
        await App.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StopCommand);
        await App.ResourceNotifications.WaitForResourceAsync(resource, KnownResourceStates.TerminalStates);
    }

    /// <summary>Starts a stopped resource again and waits until it is healthy.</summary>
    public async Task StartResourceAsync(string resource)
    {
        await App.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand);
        await App.ResourceNotifications.WaitForResourceHealthyAsync(resource);
    }

    /// <summary>Stops every process (DCP ends each resource's) and removes the data folder.</summary>
    public async Task StopAsync()
    {
        if (App is not null) // null when the start failed (AppHostUnderTest has disposed what it began)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
