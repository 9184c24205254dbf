using System.Diagnostics;

namespace XinYu.Bench;

/// <summary>What one load run measured: completed calls, failures, wall time and latency percentiles.</summary>
public sealed record LoadResult(int Calls, int Failures, double Seconds, double P50Ms, double P99Ms, string? FirstFailure)
{
    public double PerSecond => Seconds > 0 ? (Calls - Failures) / Seconds : 0;
}

/// <summary>
/// Closed-loop load: <c>concurrency</c> workers call as fast as answers come back, for a fixed time. Latency is measured
/// per call from send to the last byte read. The first seconds warm the JIT, pools and caches and are not counted.
/// </summary>
public static class LoadRunner
{
    /// <param name="call">One call by worker <c>w</c>, its sequence number <c>n</c>; returns null on success, or why it failed.</param>
    public static async Task<LoadResult> RunAsync(int concurrency, TimeSpan duration, Func<int, long, Task<string?>> call, TimeSpan? warmUp = null)
    {
        if (warmUp is { } warm) await RunCoreAsync(concurrency, warm, call);
        return await RunCoreAsync(concurrency, duration, call);
    }

    private static long _sequence;

    private static async Task<LoadResult> RunCoreAsync(int concurrency, TimeSpan duration, Func<int, long, Task<string?>> call)
    {
        var latencies = new List<long>[concurrency];
        var failures = new int[concurrency];
        string? firstFailure = null;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<long>(4096);
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                string? failure;
                try { failure = await call(w, Interlocked.Increment(ref _sequence)); }
                catch (Exception e) { failure = e.GetType().Name + ": " + e.Message; }
                mine.Add(Stopwatch.GetTimestamp() - started);
                if (failure is not null)
                {
                    failures[w]++;
                    Interlocked.CompareExchange(ref firstFailure, failure, null);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).ToArray();
        return new LoadResult(all.Length, failures.Sum(), seconds, Percentile(all, 0.50), Percentile(all, 0.99), firstFailure);
    }

    /// <summary>The value below which <paramref name="q"/> of the samples fall, in milliseconds.</summary>
    public static double Percentile(long[] ticks, double q)
    {
        if (ticks.Length == 0) return double.NaN;
        Array.Sort(ticks);
        var index = (int)Math.Ceiling(q * ticks.Length) - 1;
        return ticks[Math.Clamp(index, 0, ticks.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }

    public static double PercentileMs(IEnumerable<double> milliseconds, double q)
    {
        var sorted = milliseconds.OrderBy(x => x).ToArray();
        if (sorted.Length == 0) return double.NaN;
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
