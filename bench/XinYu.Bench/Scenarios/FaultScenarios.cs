using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Npgsql;
using XinYu.Contracts;

namespace XinYu.Bench.Scenarios;

/// <summary>
/// The faults a bureau worries about, each ending in a pass or fail line: the broker down under load, the database
/// restarted, one service killed, a storm of duplicate deliveries.
/// </summary>
public static class FaultScenarios
{
    public static async Task RunAsync(BenchContext context)
    {
        await BrokerOutageAsync(context);
        await DatabaseRestartAsync(context);
        await ServiceKilledAsync(context);
        await DuplicateStormAsync(context);
    }

    private static int _code = 700000;

    /// <summary>A school registration: a write whose event (SchoolRegistered) every service consumes.</summary>
    private static async Task<HttpStatusCode> RegisterSchoolAsync(HttpClient admin)
    {
        var code = "F" + Interlocked.Increment(ref _code);
        using var response = await admin.PostAsJsonAsync("/api/staffing/schools", new
        {
            name = "故障演练学校" + code, code, level = "primary", urban = true, boarding = false, studentCount = 100, legalEntity = true,
        });
        return response.StatusCode;
    }

    /// <summary>
    /// RabbitMQ stopped for the outage while schools are registered; afterwards every registered school's event must
    /// reach every consumer exactly once, and the backlog must drain within 60 s of the broker's return.
    /// </summary>
    private static async Task BrokerOutageAsync(BenchContext context)
    {
        const string scenario = "fault: broker down";
        using var admin = context.Suite.AdminClient();
        var consumers = await ConsumersOfAsync(context, admin, DateTimeOffset.UtcNow);
        var since = DateTimeOffset.UtcNow;
        var accepted = 0;
        var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (await RegisterSchoolAsync(admin) == HttpStatusCode.Created) Interlocked.Increment(ref accepted);
                await Task.Delay(50);
            }
        });
        await Task.Delay(TimeSpan.FromSeconds(3));
        await context.Suite.StopResourceAsync("messaging");
        await Task.Delay(context.Options.Outage);
        await context.Suite.StartResourceAsync("messaging");
        var back = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await stop.CancelAsync();
        await writer;

        var published = await context.Deliveries.PublishedAsync("staffingdb", nameof(SchoolRegistered), since);
        var drained = false;
        List<(string Database, string Consumer, long Applied, long Duplicates, DateTimeOffset? Last)> applied = [];
        while (back.Elapsed < TimeSpan.FromSeconds(120))
        {
            applied = await context.Deliveries.AppliedAsync(published);
            if (consumers.All(c => applied.Any(a => a.Consumer == c && a.Applied == published.Count))) { drained = true; break; }
            await Task.Delay(500);
        }
        var drainSeconds = back.Elapsed.TotalSeconds;
        var duplicates = applied.Sum(a => a.Duplicates);
        context.Results.Add(new Figure(scenario, "writes accepted during the run / events published", $"{accepted} / {published.Count}",
            "equal", accepted == published.Count, $"outage {context.Options.Outage.TotalSeconds:F0} s"));
        context.Results.Add(new Figure(scenario, "every consumer applied every event once", drained && duplicates == 0 ? "yes" : "no",
            "yes", drained && duplicates == 0, string.Join("; ", consumers.Select(c => $"{Short(c)} {applied.FirstOrDefault(a => a.Consumer == c).Applied}/{published.Count}"))));
        context.Results.Add(scenario, "backlog drained after the broker's return", drainSeconds, "s", "≤ 60 s", drained && drainSeconds <= 60);
    }

    /// <summary>The consumers of SchoolRegistered: found by registering one school and seeing who applies it.</summary>
    private static async Task<List<string>> ConsumersOfAsync(BenchContext context, HttpClient admin, DateTimeOffset since)
    {
        await RegisterSchoolAsync(admin);
        var published = await context.Deliveries.PublishedAsync("staffingdb", nameof(SchoolRegistered), since);
        await Task.Delay(TimeSpan.FromSeconds(5)); // every consumer has had its chance
        return (await context.Deliveries.AppliedAsync(published)).Select(a => a.Consumer).Distinct().ToList();
    }

    /// <summary>"XinYu.Identity.Consumers.SchoolRegisteredConsumer" → "identity".</summary>
    private static string Short(string consumer) => consumer.Split('.') is [_, var service, ..] ? service.ToLowerInvariant() : consumer;

    /// <summary>
    /// PostgreSQL stopped: writes and reads answer 503 problem details while it is down; after it returns, the first
    /// write succeeds within 10 s; every write that was answered 201 is stored, and none that was refused is.
    /// </summary>
    private static async Task DatabaseRestartAsync(BenchContext context)
    {
        const string scenario = "fault: postgres restart";
        using var admin = context.Suite.AdminClient();
        var before = await context.Deliveries.CountAsync("staffingdb", "SELECT count(*) FROM schools");
        var created = 0;
        await context.Suite.StopResourceAsync("postgres");
        var statuses = new List<(int Status, string? Type)>();
        for (var i = 0; i < 10; i++)
        {
            var code = "P" + Interlocked.Increment(ref _code);
            using var write = await admin.PostAsJsonAsync("/api/staffing/schools", new { name = "重启演练" + code, code, level = "junior", urban = false, boarding = false, studentCount = 10, legalEntity = true });
            if (write.StatusCode == HttpStatusCode.Created) created++;
            statuses.Add(((int)write.StatusCode, write.Content.Headers.ContentType?.MediaType));
            using var read = await admin.GetAsync("/api/staffing/schools");
            statuses.Add(((int)read.StatusCode, read.Content.Headers.ContentType?.MediaType));
        }
        var all503 = statuses.All(s => s.Status == 503 && s.Type == "application/problem+json");
        context.Results.Add(new Figure(scenario, "answers while down: 503 problem details", all503 ? "all" : string.Join(",", statuses.Select(s => s.Status).Distinct()),
            "all 503", all503));
        await context.Suite.StartResourceAsync("postgres");
        var clock = Stopwatch.StartNew();
        NpgsqlConnection.ClearAllPools(); // the benchmark's own checks reconnect too
        var recovered = false;
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (await RegisterSchoolAsync(admin) == HttpStatusCode.Created) { created++; recovered = true; break; }
            await Task.Delay(100);
        }
        context.Results.Add(scenario, "first successful write after restart", clock.Elapsed.TotalSeconds, "s", "≤ 10 s", recovered && clock.Elapsed.TotalSeconds <= 10);
        var after = await context.Deliveries.CountAsync("staffingdb", "SELECT count(*) FROM schools");
        context.Results.Add(new Figure(scenario, "schools stored = writes answered 201", $"{after - before} = {created}", "equal", after - before == created));
    }

    /// <summary>
    /// One service killed: the gateway answers 503 (problem details) for its routes only, once its active health check
    /// has seen the service fail; another service's routes still answer.
    /// </summary>
    private static async Task ServiceKilledAsync(BenchContext context)
    {
        const string scenario = "fault: service killed";
        using var admin = context.Suite.AdminClient();
        var school = context.Bureau!.Schools.First().Id;
        await context.Suite.StopResourceAsync("calendar-api");
        var clock = Stopwatch.StartNew();
        // Locally DCP's proxy goes on accepting connections for the stopped service and never answers them (as a node
        // may for a pod that died without closing its sockets), so there is no refused connection to see: the gateway
        // takes the service out of rotation when its active health check has failed twice, 5 s apart, and a request
        // sent before that waits on the dead backend. So ask, each time with a short timeout, until the answer is 503.
        HttpStatusCode? victim = null;
        var media = "";
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try
            {
                using var response = await admin.GetAsync("/api/calendar/health-probe", attempt.Token);
                victim = response.StatusCode;
                media = response.Content.Headers.ContentType?.MediaType ?? "";
                if (victim == HttpStatusCode.ServiceUnavailable) break;
            }
            catch (OperationCanceledException) when (attempt.IsCancellationRequested)
            {
                // still waiting on the dead backend
            }
            await Task.Delay(250);
        }
        var detected = clock.Elapsed.TotalSeconds;
        using var victimDocument = await admin.GetAsync("/openapi/calendar.json");
        using var other = await admin.GetAsync($"/api/staffing/schools/{school}");
        var ok = victim == HttpStatusCode.ServiceUnavailable && victimDocument.StatusCode == HttpStatusCode.ServiceUnavailable
            && other.StatusCode == HttpStatusCode.OK;
        context.Results.Add(new Figure(scenario, "calendar's routes 503, staffing's 200",
            $"{(victim is { } v ? ((int)v).ToString(System.Globalization.CultureInfo.InvariantCulture) : "no answer")}/{(int)victimDocument.StatusCode}, {(int)other.StatusCode}", "503, 200", ok, media));
        context.Results.Add(scenario, "time until the gateway answers 503 for it", detected, "s", "≤ 15 s",
            victim == HttpStatusCode.ServiceUnavailable && detected <= 15, "its active health check: every 5 s, out after two failures");
        await context.Suite.StartResourceAsync("calendar-api");
    }

    /// <summary>The same SchoolRegistered delivered 1,000 times: every consumer applies it once, identity knows the school once.</summary>
    private static async Task DuplicateStormAsync(BenchContext context)
    {
        const string scenario = "fault: duplicate storm";
        var school = Guid.NewGuid();
        var message = new SchoolRegistered
        {
            BureauId = BenchSuite.Bureau, SchoolId = school, Level = "primary", Urban = true, Boarding = false, StudentCount = 10, LegalEntity = true,
        };
        var broker = new Uri(await context.Suite.ConnectionStringAsync("messaging"));
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(broker));
        await bus.StartAsync();
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 16 },
                async (_, ct) => await bus.Publish(message, p => p.MessageId = message.MessageId, ct));
        }
        finally
        {
            await bus.StopAsync();
        }
        await Task.Delay(TimeSpan.FromSeconds(10));
        var applied = await context.Deliveries.AppliedAsync([message.MessageId]);
        var known = await context.Deliveries.CountAsync("identitydb", "SELECT count(*) FROM known_schools WHERE school_id = @id", ("id", school));
        var once = applied.Count > 0 && applied.All(a => a.Applied == 1 && a.Duplicates == 0) && known == 1;
        context.Results.Add(new Figure(scenario, "1,000 deliveries of one event: applied once per consumer", once ? "yes" : "no", "yes", once,
            $"{applied.Count} consumers; identity knows the school {known}×"));
    }
}
