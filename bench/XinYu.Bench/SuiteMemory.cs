using System.Globalization;
using Aspire.Hosting;
using XinYu.Testing;

namespace XinYu.Bench;

/// <summary>
/// Resident memory of the whole suite: every process DCP runs for it (servers, services, PostgreSQL's backends, Erlang),
/// less DCP's own (a city's suite does not carry its local orchestrator). The benchmark process itself, which hosts the
/// AppHost and the load generator, is left out too.
/// </summary>
public static class SuiteMemory
{
    public static double MegabytesOf(DistributedApplication app)
    {
        _ = app; // the suite is the one this process hosts
        var kb = DcpProcesses.Of(Environment.ProcessId)
            .Where(p => !p.Value.Contains("/tools/dcp", StringComparison.Ordinal))
            .Sum(p => ResidentKb(p.Key));
        return kb / 1024.0;
    }

    private static long ResidentKb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException) { return 0; }
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
