using System.Diagnostics;
using System.Runtime.InteropServices;
using XinYu.AppHost.Orchestration;

namespace XinYu.AppHost.Hosting;

/// <summary>
/// Runs the model on this machine: backing servers first, then each project once what it waits for is healthy.
/// Stops in the reverse order. The same class starts the servers for the test fixtures.
/// </summary>
public sealed class DistributedApplication(ResourceModel model, AppHostOptions options) : IAsyncDisposable
{
    private readonly List<IResourceRunner> _started = [];
    private readonly Stopwatch _clock = new();
    private RunContext? _context;

    public ResourceModel Model { get; } = model;
    public AppHostOptions Options { get; } = options;
    /// <summary>Console output; tests may silence it.</summary>
    public TextWriter Output { get; init; } = Console.Out;
    public ProcessSupervisor Supervisor => _context?.Supervisor ?? throw new InvalidOperationException("Not started.");

    public static DistributedApplicationBuilder CreateBuilder(AppHostOptions options) => new(options);

    public string GetConnectionString(string name) =>
        Context.ConnectionStringOf((IResourceWithConnectionString)Model.Get(name));

    public Uri GetEndpoint(string name) => new($"http://127.0.0.1:{((IResourceWithEndpoint)Model.Get(name)).Port}");

    private RunContext Context => _context ?? throw new InvalidOperationException("The application has not started.");

    public async Task StartAsync(CancellationToken ct = default)
    {
        _clock.Start();
        if (Options.Fresh && Directory.Exists(Options.DataDirectory))
        {
            Directory.Delete(Options.DataDirectory, recursive: true);
        }
        Directory.CreateDirectory(Options.DataDirectory);
        _context = new RunContext(Model, Options, new ProcessSupervisor(Path.Combine(Options.DataDirectory, "run")), new SecretStore(Options.DataDirectory));
        AssignPorts();

        var runners = Model.Resources.Select(CreateRunner).OfType<IResourceRunner>().ToList();
        var ready = runners.ToDictionary(r => r.Resource.Name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);

        async Task StartOne(IResourceRunner runner)
        {
            try
            {
                var waits = runner.Resource is ProjectResource p ? p.WaitsFor.Select(ServerOf).Distinct().ToList() : [];
                if (waits.Count > 0) Report(runner.Resource.Name, "waiting", "for " + string.Join(", ", waits.Select(w => w.Name)));
                await Task.WhenAll(waits.Select(w => ready[w.Name].Task)).WaitAsync(failed.Token);
                Report(runner.Resource.Name, "starting", "");
                lock (_started) _started.Add(runner);
                await runner.StartAsync(failed.Token);
                Report(runner.Resource.Name, "healthy", runner.Endpoint);
                ready[runner.Resource.Name].TrySetResult();
            }
            catch (Exception e)
            {
                ready[runner.Resource.Name].TrySetException(e);
                if (e is not OperationCanceledException) Report(runner.Resource.Name, "failed", e.Message.Split('\n')[0]);
                await failed.CancelAsync();
                throw;
            }
        }

        var all = Task.WhenAll(runners.Select(StartOne));
        try
        {
            await all;
        }
        catch
        {
            var root = all.Exception?.InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException) ?? all.Exception?.InnerException;
            await StopAsync();
            if (root is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(root);
            throw;
        }
    }

    /// <summary>Stops one resource (for fault tests: a broker outage, a killed service); its port stays reserved.</summary>
    public async Task StopResourceAsync(string name)
    {
        var runner = RunnerOf(name);
        await runner.StopAsync();
        Report(name, "stopped", "");
    }

    /// <summary>Starts a stopped resource again on the same port and data.</summary>
    public async Task StartResourceAsync(string name, CancellationToken ct = default)
    {
        var runner = RunnerOf(name);
        Report(name, "starting", "");
        await runner.StartAsync(ct);
        Report(name, "healthy", runner.Endpoint);
    }

    private IResourceRunner RunnerOf(string name)
    {
        lock (_started)
        {
            return _started.FirstOrDefault(r => r.Resource.Name == name) ?? throw new KeyNotFoundException($"'{name}' was not started.");
        }
    }

    public async Task StopAsync()
    {
        List<IResourceRunner> toStop;
        lock (_started)
        {
            toStop = Enumerable.Reverse(_started).ToList();
            _started.Clear();
        }
        // Projects first (the gateway before the services it fronts), then the servers they used.
        foreach (var runner in toStop.Where(r => r.Resource is ProjectResource))
        {
            await runner.StopAsync();
            Report(runner.Resource.Name, "stopped", "");
        }
        foreach (var runner in toStop.Where(r => r.Resource is not ProjectResource))
        {
            await runner.StopAsync();
            Report(runner.Resource.Name, "stopped", "");
        }
        if (_context is not null)
        {
            await _context.Supervisor.DisposeAsync();
        }
    }

    /// <summary>Starts everything, prints where to go, and runs until Ctrl+C or SIGTERM.</summary>
    public async Task<int> RunAsync()
    {
        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => { c.Cancel = true; stop.Cancel(); });
        try
        {
            await StartAsync(stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 130;
        }
        catch (MissingServerException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"XinYu did not start: {e.Message}");
            return 1;
        }

        PrintSummary();
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            Output.WriteLine("Stopping...");
        }
        await StopAsync();
        Output.WriteLine("Stopped; nothing is left running.");
        return 0;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private void PrintSummary()
    {
        Output.WriteLine();
        Output.WriteLine($"XinYu is running ({_clock.Elapsed.TotalSeconds:0.0} s to all healthy).");
        if (Model.OfType<ProjectResource>().FirstOrDefault(p => p.IsExternal) is { } gateway)
        {
            Output.WriteLine($"  Gateway:  http://localhost:{gateway.Port}");
            Output.WriteLine($"  API docs: http://localhost:{gateway.Port}/docs");
        }
        if (Options.InfrastructureOnly)
        {
            foreach (var resource in Model.OfType<IResourceWithConnectionString>())
            {
                Output.WriteLine($"  ConnectionStrings__{resource.Name}={GetConnectionString(resource.Name)}");
            }
        }
        Output.WriteLine($"  Logs:     {Path.Combine(Options.DataDirectory, "logs")}");
        Output.WriteLine("Press Ctrl+C to stop.");
    }

    private void Report(string name, string state, string detail)
    {
        lock (Output)
        {
            Output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0}s] {name,-14} {state,-9} {detail}");
        }
    }

    /// <summary>Waiting for a database means waiting for its server.</summary>
    private static IResource ServerOf(IResource resource) => resource is PostgresDatabaseResource db ? db.Server : resource;

    private IResourceRunner? CreateRunner(IResource resource) => resource switch
    {
        PostgresServerResource postgres => new PostgresRunner(postgres, Context),
        RedisResource redis => new RedisRunner(redis, Context),
        RabbitMQServerResource rabbit => new RabbitMqRunner(rabbit, Context),
        ProjectResource project when !Options.InfrastructureOnly => new ProjectRunner(project, Context),
        _ => null, // parameters and databases have no process of their own
    };

    private void AssignPorts()
    {
        foreach (var resource in Model.OfType<IResourceWithEndpoint>())
        {
            resource.Port = resource is ProjectResource { FixedPort: > 0 } fixedPort
                ? fixedPort.FixedPort.Value
                : PortAllocator.FreePort();
            if (resource is RabbitMQServerResource rabbit)
            {
                rabbit.DistributionPort = PortAllocator.FreePort();
                rabbit.EpmdPort = PortAllocator.FreePort();
            }
        }
    }
}
