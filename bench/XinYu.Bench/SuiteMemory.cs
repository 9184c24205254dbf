using System.Globalization;
using Aspire.Hosting;
using XinYu.Testing;

namespace XinYu.Bench;

/// <summary>
/// Memory of the whole suite: every process DCP runs for it (servers, services, PostgreSQL's backends, Erlang), less
/// DCP's own (a city's suite does not carry its local orchestrator; <see cref="DcpMegabytes"/> reports it apart). The
/// benchmark process itself, which hosts the AppHost and the load generator, is left out too. Each process counts its
/// proportional set size (PSS): pages shared between processes, above all PostgreSQL's shared buffers mapped by every
/// backend, are divided among them instead of being counted once per backend as the resident size would.
/// </summary>
public static class SuiteMemory
{
    public static double MegabytesOf(DistributedApplication app) => Sum(app, dcp: false);

    /// <summary>DCP's own processes (its API server, controllers and one monitor per child).</summary>
    public static double DcpMegabytes(DistributedApplication app) => Sum(app, dcp: true);

    private static double Sum(DistributedApplication app, bool dcp)
    {
        _ = app; // the suite is the one this process hosts
        var kb = DcpProcesses.Of(Environment.ProcessId)
            .Where(p => p.Value.Contains("/tools/dcp", StringComparison.Ordinal) == dcp)
            .Sum(p => ProportionalKb(p.Key));
        return kb / 1024.0;
    }

    private static long ProportionalKb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/smaps_rollup").FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException) { return 0; }
        catch (UnauthorizedAccessException) { return 0; }
    }
}

/// <summary>Samples the suite's memory in the background and keeps the peak.</summary>
public sealed class PeakMemory : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    public double PeakMb { get; private set; }

    public PeakMemory(DistributedApplication app) => _sampling = Task.Run(async () =>
    {
        while (!_stop.IsCancellationRequested)
        {
            PeakMb = Math.Max(PeakMb, SuiteMemory.MegabytesOf(app));
            try { await Task.Delay(500, _stop.Token); } catch (OperationCanceledException) { }
        }
    });

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
    }
}
