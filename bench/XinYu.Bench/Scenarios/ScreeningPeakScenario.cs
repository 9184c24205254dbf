using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using XinYu.Bench.Generator;
using XinYu.Contracts;

namespace XinYu.Bench.Scenarios;

/// <summary>
/// The October peak: PHQ-9 submissions through the gateway by each school's counsellor, as fast as the suite answers,
/// about 2 % of them with item 9 answered above zero. Then, for those, the crisis warning's latency from the moment
/// the submission was sent to its arrival in each consuming service's inbox (Records' file, Liaison's guardian
/// notification), read from the services' own tables.
/// </summary>
public static class ScreeningPeakScenario
{
    public static async Task RunAsync(BenchContext context)
    {
        var bureau = context.Bureau!;
        var schools = bureau.Schools.Where(s => s.Students.Count > 0).ToArray();
        await WaitForScreeningToKnowStudentsAsync(context, schools.Sum(s => s.Students.Count));
        var ceiling = await CeilingScenario.RunAsync(context);

        using var http = BenchSuite.LoadClient(context.Suite.Gateway, "", context.Options.Concurrency);
        http.DefaultRequestHeaders.Authorization = null;
        var crisisSent = new ConcurrentDictionary<Guid, DateTimeOffset>();
        var since = DateTimeOffset.UtcNow;
        var random = new ThreadLocal<Random>(() => new Random(context.Options.Seed + Environment.CurrentManagedThreadId));
        await using var backlog = new BacklogMonitor(context.Deliveries);
        await using (var peak = new PeakMemory(context.Suite.App))
        {
            var result = await LoadRunner.RunAsync(context.Options.Concurrency, context.Options.Duration, async (worker, n) =>
            {
                var school = schools[n % schools.Length];
                var student = school.Students[(int)(n / schools.Length % school.Students.Count)];
                var r = random.Value!;
                var answers = Enumerable.Range(0, 9).Select(_ => r.Next(4) == 0 ? r.Next(1, 4) : 0).ToArray();
                var crisis = r.NextDouble() < 0.02;
                answers[8] = crisis ? 1 : 0;
                var submissionId = Guid.CreateVersion7();
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/screening/submissions")
                {
                    Content = JsonContent.Create(new { submissionId, studentId = student.Id, instrumentCode = "phq-9", instrumentVersion = 1, answers }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", school.CounsellorToken);
                var sent = DateTimeOffset.UtcNow;
                using var response = await http.SendAsync(request);
                await response.Content.LoadIntoBufferAsync();
                if (!response.IsSuccessStatusCode) return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if (crisis) crisisSent[submissionId] = sent;
                return null;
            }, warmUp: TimeSpan.FromSeconds(5));
            context.Results.Add("screening peak", "PHQ-9 submissions through the gateway", result.PerSecond, "/s", "", null,
                $"{result.Calls - result.Failures} accepted, {result.Failures} failed{(result.FirstFailure is null ? "" : " (" + Trim(result.FirstFailure) + ")")}; {context.Options.Concurrency} concurrent");
            var ratio = ceiling.PerSecond > 0 ? result.PerSecond / ceiling.PerSecond : 0;
            context.Results.Add("screening peak", "submissions/s as a share of the ceiling", ratio, "×", "≥ 0.5", ratio >= 0.5,
                $"{result.PerSecond:F0} /s through the suite vs {ceiling.PerSecond:F0} /s straight on PostgreSQL, same run");
            context.Results.Add("screening peak", "submission latency p50", result.P50Ms, "ms");
            context.Results.Add("screening peak", "submission latency p99", result.P99Ms, "ms", "≤ 150 ms", result.P99Ms <= 150);
            context.Results.Add("screening peak", "peak memory of the whole suite under the peak", peak.PeakMb, "MB");
        }
        await backlog.WaitDrainedAsync(TimeSpan.FromMinutes(5));
        context.Results.Add("backlog", "largest consumer backlog under the peak", backlog.LargestBacklog, "messages", "bounded", null,
            $"{Consumer(backlog.LargestConsumer)}; largest outbox backlog (not yet relayed) {backlog.LargestUnsent}");
        context.Results.Add(new Figure("backlog", "drained after the load stopped",
            backlog.DrainTime is { } drain ? $"{drain.TotalSeconds:F1} s" : "not within 5 min", "", backlog.DrainTime is not null,
            "every outbox relayed and every consumer's inbox caught up"));
        await CrisisLatencyAsync(context, crisisSent, since);
    }

    private static async Task WaitForScreeningToKnowStudentsAsync(BenchContext context, int expected)
    {
        var clock = Stopwatch.StartNew();
        long known = 0;
        while (clock.Elapsed < TimeSpan.FromMinutes(10))
        {
            known = await context.Deliveries.CountAsync("screeningdb", "SELECT count(*) FROM students");
            if (known >= expected) break;
            await Task.Delay(500);
        }
        context.Results.Add("load", "students known to screening (from Records' events)", clock.Elapsed.TotalSeconds, "s", note: $"{known} of {expected}");
    }

    /// <summary>From each crisis submission's send time to the CrisisWarningRaised's arrival in every consumer's inbox.</summary>
    private static async Task CrisisLatencyAsync(BenchContext context, ConcurrentDictionary<Guid, DateTimeOffset> sent, DateTimeOffset since)
    {
        if (sent.IsEmpty)
        {
            context.Results.Add(new Figure("crisis warning", "latency to consumers", "no crisis submissions", "p99 ≤ 500 ms", false));
            return;
        }
        var bySubmission = await context.Deliveries.PayloadIdsAsync("screeningdb", nameof(CrisisWarningRaised), since, "submissionId");
        var messages = bySubmission.Where(p => sent.ContainsKey(p.Key)).ToDictionary(p => p.Value, p => sent[p.Key]);
        Dictionary<Guid, List<(string Consumer, DateTimeOffset At)>> arrivals = [];
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            arrivals = await context.Deliveries.ArrivalsAsync(messages.Keys);
            if (arrivals.Count == messages.Count && arrivals.Values.All(a => a.Count >= 2)) break;
            await Task.Delay(500);
        }
        // The relay's leg: from the submission's send to the warning's hand-over to the broker.
        var relayed = await context.Deliveries.RelayTimesAsync("screeningdb", messages.Keys);
        var relayMs = messages.Select(m => relayed.TryGetValue(m.Key, out var t) && t.Sent is { } at ? (at - m.Value).TotalMilliseconds : double.NaN)
            .Where(l => !double.IsNaN(l)).ToList();
        context.Results.Add("crisis warning", "relayed to the broker p99", LoadRunner.PercentileMs(relayMs, 0.99), "ms", note:
            $"p50 {LoadRunner.PercentileMs(relayMs, 0.5):F0} ms from the submission's send to the outbox row marked sent");
        var consumers = arrivals.Values.SelectMany(a => a.Select(x => x.Consumer)).Distinct().Order().ToList();
        foreach (var consumer in consumers)
        {
            var latencies = messages.Select(m => arrivals.TryGetValue(m.Key, out var a) && a.FirstOrDefault(x => x.Consumer == consumer) is { Consumer: not null } hit
                ? (hit.At - m.Value).TotalMilliseconds : double.NaN).ToList();
            var missing = latencies.Count(double.IsNaN);
            var arrived = latencies.Where(l => !double.IsNaN(l)).ToList();
            var p99 = LoadRunner.PercentileMs(arrived, 0.99);
            context.Results.Add("crisis warning", $"to {Service(consumer)} p99", p99, "ms", "≤ 500 ms", missing == 0 && p99 <= 500,
                $"p50 {LoadRunner.PercentileMs(arrived, 0.5):F0} ms over {arrived.Count} warnings; {missing} not arrived");
        }
    }

    /// <summary>"recordsdb:XinYu.Records.Consumers.ScreeningSubmittedConsumer" → "records ScreeningSubmittedConsumer".</summary>
    private static string Consumer(string key) => key.Split(':') is [_, var name] ? $"{Service(name)} {name[(name.LastIndexOf('.') + 1)..]}" : key;

    /// <summary>"XinYu.Records.Consumers.CrisisWarningRaisedConsumer" → "records".</summary>
    private static string Service(string consumer) => consumer.Split('.') is [_, var service, ..] ? service.ToLowerInvariant() : consumer;

    private static string Trim(string text) => text.Length > 120 ? text[..120] + "…" : text;
}
