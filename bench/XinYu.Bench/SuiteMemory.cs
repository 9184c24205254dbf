using System.Globalization;
using XinYu.AppHost.Hosting;

namespace XinYu.Bench;

/// <summary>
/// Resident memory of the whole suite: every supervised process (servers and services) and every process in their
/// sessions (PostgreSQL's backends, RabbitMQ's Erlang VM). The benchmark process itself, which hosts the orchestrator
/// and the load generator, is left out: a city's suite does not carry it.
/// </summary>
public static class SuiteMemory
{
    public static double MegabytesOf(DistributedApplication app)
    {
        var sessions = app.Supervisor.Running.Select(p => SessionOf(p.Pid)).OfType<int>().ToHashSet();
        long kb = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId) continue;
            if (SessionOf(pid) is not { } sid || !sessions.Contains(sid)) continue;
            kb += ResidentKb(pid);
        }
        return kb / 1024.0;
    }

    private static int? SessionOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[3], CultureInfo.InvariantCulture); // state ppid pgrp session
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
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
