using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using XinYu.Contracts;
using XinYu.Liaison.Data;
using XinYu.Liaison.Jobs;
using XinYu.ServiceDefaults.Jobs;
using XinYu.Testing.Services;

namespace XinYu.Liaison.Tests.Api;

/// <summary>Special home visits after a level rise and guardian notifications after a crisis warning, under a fake clock.</summary>
[Collection(LiaisonCollection.Name)]
public sealed class TasksApiTests(LiaisonApp app)
{
    private async Task<(Roster Roster, Guid School, Guid Class, Guid Student)> StudentAsync()
    {
        var roster = new Roster(app);
        var school = await roster.SchoolAsync();
        var @class = await roster.ClassAsync(school);
        var student = (await roster.EnrolAsync(school, @class, 1))[0];
        await roster.LearnedAsync(1);
        return (roster, school, @class, student);
    }

    private RiskLevelChanged Rise(Roster roster, Guid school, Guid @class, Guid student, string from = "attention", int fromRank = 1, string to = "high", int toRank = 2) => new()
    {
        BureauId = roster.Bureau, SchoolId = school, ClassId = @class, StudentId = student, From = from, FromRank = fromRank, To = to, ToRank = toRank,
        Reasons = ["band:phq-9:severe"], OccurredAt = app.Clock.GetUtcNow(),
    };

    [Fact]
    public async Task A_rise_to_high_creates_exactly_one_special_visit_even_when_the_event_arrives_twice()
    {
        var (roster, school, @class, student) = await StudentAsync();
        var rise = Rise(roster, school, @class, student);

        var again = Guid.NewGuid();
        var notHigh = Rise(roster, school, @class, student, "none", 0, "attention", 1);
        var withinHigh = Rise(roster, school, @class, student, "high", 2, "crisis", 3);
        var ids = new[] { rise.MessageId, again, notHigh.MessageId, withinHigh.MessageId };
        await app.PublishAsync(rise);                                                   // delivered
        await app.PublishAsync(rise);                                                   // redelivered: same transport id (inbox)
        await app.Services.GetRequiredService<IBus>().Publish(rise, c => c.MessageId = again); // published again: new transport id, same event
        await app.PublishAsync(notHigh);                                                // not a rise to high
        await app.PublishAsync(withinHigh);                                             // already high
        // Four deliveries reach the inbox (the redelivery is dropped there); by then every copy has been applied or refused.
        await app.WaitForAsync(async db => await db.Set<XinYu.Messaging.Inbox.InboxMessage>().CountAsync(m =>
            m.Consumer.EndsWith("RiskLevelChangedConsumer") && ids.Contains(m.MessageId)) == 4, "every delivery of the level changes");

        var tasks = await app.QueryAsync(db => db.SpecialVisits.AsNoTracking().Where(t => t.StudentId == student).ToListAsync());
        var task = Assert.Single(tasks);
        Assert.Equal((rise.MessageId, "attention", "high", rise.OccurredAt.AddDays(3)), (task.SourceEventId, task.FromLevel, task.ToLevel, task.DueAt));

        var listed = await app.As("head-teacher", roster.Bureau, school, @class).GetAsync($"/api/liaison/schools/{school}/special-visits").OkAsync();
        Assert.Equal([task.Id], listed.EnumerateArray().Select(t => t.GetProperty("id").GetGuid()));
        var otherTeacher = await app.As("head-teacher", roster.Bureau, school, Guid.NewGuid()).GetAsync($"/api/liaison/schools/{school}/special-visits").OkAsync();
        Assert.Equal(0, otherTeacher.GetArrayLength());
    }

    [Fact]
    public async Task An_overdue_special_visit_escalates_once_under_a_controllable_clock_and_shows_in_the_overdue_list()
    {
        var (roster, school, @class, student) = await StudentAsync();
        var rise = Rise(roster, school, @class, student);
        await app.PublishAsync(rise);
        await app.WaitForAsync(db => db.SpecialVisits.AnyAsync(t => t.StudentId == student), "the special visit");
        var task = await app.QueryAsync(db => db.SpecialVisits.AsNoTracking().SingleAsync(t => t.StudentId == student));

        app.Clock.SetUtcNow(task.DueAt);   // at the deadline: not yet overdue
        await app.SweepAsync();
        Assert.Empty(await app.OutboxAsync("LiaisonTaskOverdue", student));

        app.Clock.SetUtcNow(task.DueAt.AddMinutes(1));
        await app.SweepAsync();
        await app.SweepAsync(); // a second sweep escalates nothing more
        var escalated = JsonDocument.Parse(Assert.Single(await app.OutboxAsync("LiaisonTaskOverdue", student)).Payload).RootElement;
        Assert.Equal((task.Id, "special-visit", school), (escalated.GetProperty("taskId").GetGuid(), escalated.GetProperty("kind").GetString(), escalated.GetProperty("schoolId").GetGuid()));

        var overdue = await app.As("school-admin", roster.Bureau, school).GetAsync($"/api/liaison/schools/{school}/overdue").OkAsync();
        var item = Assert.Single(overdue.GetProperty("tasks").EnumerateArray());
        Assert.Equal((task.Id, "special-visit"), (item.GetProperty("id").GetGuid(), item.GetProperty("kind").GetString()));
        Assert.Equal(JsonValueKind.String, item.GetProperty("escalatedAt").ValueKind);
    }

    [Fact]
    public async Task Two_replicas_sweeping_at_once_escalate_each_overdue_special_visit_once()
    {
        var roster = new Roster(app);
        var school = await roster.SchoolAsync();
        var @class = await roster.ClassAsync(school);
        var students = await roster.EnrolAsync(school, @class, 6);
        await roster.LearnedAsync(6);
        async Task OverdueAsync(List<Guid> batch)
        {
            foreach (var student in batch) await app.PublishAsync(Rise(roster, school, @class, student));
            await app.WaitForAsync(async db => await db.SpecialVisits.CountAsync(t => batch.Contains(t.StudentId)) == batch.Count, "the special visits");
            app.Clock.Advance(TimeSpan.FromDays(4)); // past their deadlines
        }
        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        async Task<int> Direct()
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<OverdueSweep>().RunAsync(CancellationToken.None);
        }
        async Task<int> Round() => await PeriodicJobRound.RunAsync<OverdueSweep, LiaisonDbContext>(scopes, CancellationToken.None) ?? 0;

        // Three sweeps at once without the job's lock (the rows' own locks decide), then two replicas' rounds.
        await OverdueAsync(students[..3]);
        await ReplicaRace.RunAsync(app.OwnerConnectionString, "special_visits", Direct, Direct, Direct);
        await OverdueAsync(students[3..]);
        await ReplicaRace.RunAsync(app.OwnerConnectionString, "special_visits", Round, Round);

        foreach (var student in students) Assert.Single(await app.OutboxAsync("LiaisonTaskOverdue", student));
    }

    [Fact]
    public async Task Recording_the_special_visit_stores_the_guardians_acknowledgement_completes_the_task_and_publishes()
    {
        var (roster, school, @class, student) = await StudentAsync();
        await app.PublishAsync(Rise(roster, school, @class, student));
        await app.WaitForAsync(db => db.SpecialVisits.AnyAsync(t => t.StudentId == student), "the special visit");
        var taskId = await app.QueryAsync(db => db.SpecialVisits.Where(t => t.StudentId == student).Select(t => t.Id).SingleAsync());
        using var counsellor = app.As("counsellor", roster.Bureau, school);
        var visitors = new[] { roster.Visitor(school), await app.KnownStaffAsync(roster.Bureau, school, "full-time-psych") };
        object Body(bool? informed) => new
        {
            visitedOn = app.Today.ToString("yyyy-MM-dd"), visitorStaffIds = visitors, met = new[] { "father" },
            topics = new[] { "treatment", "safety" }, notes = "父亲同意带孩子就医", guardianInformed = informed, guardianSeeksTreatment = true, guardianEnsuresSafety = true,
        };

        await counsellor.PostJsonAsync($"/api/liaison/special-visits/{taskId}/visit", Body(null)).RejectedAsync("guardianInformed");
        var visit = await counsellor.PostJsonAsync($"/api/liaison/special-visits/{taskId}/visit", Body(true)).OkAsync(HttpStatusCode.Created);
        Assert.Equal(("special", true, true, true), (visit.GetProperty("kind").GetString(), visit.GetProperty("guardianInformed").GetBoolean(),
            visit.GetProperty("guardianSeeksTreatment").GetBoolean(), visit.GetProperty("guardianEnsuresSafety").GetBoolean()));
        await counsellor.PostJsonAsync($"/api/liaison/special-visits/{taskId}/visit", Body(true)).RejectedAsync("specialVisitId", HttpStatusCode.Conflict);

        var task = await app.QueryAsync(db => db.SpecialVisits.AsNoTracking().SingleAsync(t => t.Id == taskId));
        Assert.Equal(visit.GetProperty("id").GetGuid(), task.VisitId);
        var published = JsonDocument.Parse(Assert.Single(await app.OutboxAsync("HomeVisitCompleted", student)).Payload).RootElement;
        Assert.Equal(("special", true), (published.GetProperty("kind").GetString(), published.GetProperty("guardianAcknowledged").GetBoolean()));

        app.Clock.Advance(TimeSpan.FromDays(4)); // past the deadline, but done: nothing to escalate
        await app.SweepAsync();
        Assert.Empty(await app.OutboxAsync("LiaisonTaskOverdue", student));
    }

    [Fact]
    public async Task A_crisis_warning_asks_the_school_to_inform_the_guardian_within_two_hours_or_escalates()
    {
        var (roster, school, @class, student) = await StudentAsync();
        var warning = new CrisisWarningRaised
        {
            BureauId = roster.Bureau, SchoolId = school, ClassId = @class, StudentId = student, WarningId = Guid.NewGuid(), Source = "screening",
            Tier = "class", OccurredAt = app.Clock.GetUtcNow(),
        };
        var retold = warning with { MessageId = Guid.NewGuid() }; // the same warning told twice
        await app.PublishAsync(warning);
        await app.PublishAsync(retold);
        var ids = new[] { warning.MessageId, retold.MessageId };
        await app.WaitForAsync(async db => await db.Set<XinYu.Messaging.Inbox.InboxMessage>().CountAsync(m =>
            m.Consumer.EndsWith("CrisisWarningRaisedConsumer") && ids.Contains(m.MessageId)) == 2, "both deliveries of the warning");
        var task = Assert.Single(await app.QueryAsync(db => db.GuardianNotifications.AsNoTracking().Where(n => n.StudentId == student).ToListAsync()));
        Assert.Equal(warning.OccurredAt.AddHours(2), task.DueAt);

        using var counsellor = app.As("counsellor", roster.Bureau, school);
        var open = await counsellor.GetAsync($"/api/liaison/schools/{school}/guardian-notifications").OkAsync();
        Assert.Equal([task.Id], open.EnumerateArray().Select(n => n.GetProperty("id").GetGuid()));
        await app.As("head-teacher", roster.Bureau, school, @class).GetAsync($"/api/liaison/schools/{school}/guardian-notifications").StatusAsync(HttpStatusCode.Forbidden);

        app.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        await app.SweepAsync();
        var escalated = JsonDocument.Parse(Assert.Single(await app.OutboxAsync("LiaisonTaskOverdue", student)).Payload).RootElement;
        Assert.Equal("guardian-notification", escalated.GetProperty("kind").GetString());

        var informedAt = app.Clock.GetUtcNow().AddMinutes(-1);
        await counsellor.PostJsonAsync($"/api/liaison/guardian-notifications/{task.Id}/record", new { method = "carrier-pigeon", informedAt }).RejectedAsync("method");
        await counsellor.PostJsonAsync($"/api/liaison/guardian-notifications/{task.Id}/record", new { method = "phone", informedAt = informedAt.AddDays(2) }).RejectedAsync("informedAt");
        var recorded = await counsellor.PostJsonAsync($"/api/liaison/guardian-notifications/{task.Id}/record", new { method = "phone", informedAt, note = "母亲已知情，当晚接回" }).OkAsync();
        Assert.Equal("phone", recorded.GetProperty("method").GetString());

        var notified = JsonDocument.Parse(Assert.Single(await app.OutboxAsync("GuardianNotified", student)).Payload).RootElement;
        Assert.Equal((warning.WarningId, "phone"), (notified.GetProperty("warningId").GetGuid(), notified.GetProperty("method").GetString()));
        Assert.DoesNotContain("母亲", notified.GetRawText());
        var stored = await app.QueryAsync(db => db.Database.SqlQuery<string>($"SELECT \"Note\" AS \"Value\" FROM guardian_notifications WHERE \"Id\" = {task.Id}").SingleAsync());
        Assert.DoesNotContain("母亲", stored);
        await counsellor.PostJsonAsync($"/api/liaison/guardian-notifications/{task.Id}/record", new { method = "phone", informedAt }).RejectedAsync("notificationId", HttpStatusCode.Conflict);
        await app.As("counsellor", roster.Bureau, Guid.NewGuid()).PostJsonAsync($"/api/liaison/guardian-notifications/{task.Id}/record", new { method = "phone", informedAt })
            .StatusAsync(HttpStatusCode.NotFound);
    }
}
