using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinYu.Calendar.Jobs;
using XinYu.Calendar.Data;
using XinYu.Messaging.Outbox;
using XinYu.ServiceDefaults.Jobs;
using XinYu.Testing.Services;

namespace XinYu.Calendar.Tests.Api;

/// <summary>Reminders: an event due within 24 hours is published once as ActivityDueSoon, with a controlled clock.</summary>
public sealed class ReminderSweepTests(CalendarApp app) : IClassFixture<CalendarApp>
{
    private async Task<int> SweepAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderSweep>().RunAsync(CancellationToken.None);
    }

    private Task<List<OutboxMessage>> DueSoonAsync(Guid eventId) => app.QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking()
        .Where(m => m.AggregateKey == $"activity:{eventId}" && m.MessageType.StartsWith("XinYu.Contracts.ActivityDueSoon,")).ToListAsync());

    [Fact]
    public async Task An_event_is_reminded_exactly_once_when_it_comes_within_24_hours_and_again_after_it_is_moved()
    {
        // The clock starts at 2025-06-10 10:00 Beijing time; this event is two days later.
        var bureau = Guid.NewGuid();
        var school = await app.KnownSchoolAsync(bureau);
        using var admin = app.As("school-admin", bureau, school);
        var id = await EventsApiTests.PlanAsync(admin, EventsApiTests.EventBody(school, "parent-meeting", "2025-06-12T10:00:00+08:00"));
        var presenter = await app.KnownStaffAsync(bureau, school);
        (await admin.PutAsJsonAsync($"/api/calendar/events/{id}/presenters", new { staffIds = new[] { presenter } })).EnsureSuccessStatusCode();

        var cancelled = await EventsApiTests.PlanAsync(admin, EventsApiTests.EventBody(school, "lecture", "2025-06-12T11:00:00+08:00"));
        (await admin.DeleteAsync($"/api/calendar/events/{cancelled}")).EnsureSuccessStatusCode();

        await SweepAsync();
        Assert.Empty(await DueSoonAsync(id));

        app.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1)); // 23h59m before it
        await SweepAsync();
        await SweepAsync();
        app.Clock.Advance(TimeSpan.FromHours(12));
        await SweepAsync();

        Assert.Empty(await DueSoonAsync(cancelled));
        var reminder = Assert.Single(await DueSoonAsync(id));
        var payload = JsonDocument.Parse(reminder.Payload).RootElement;
        Assert.Equal((id, "parent-meeting"), (payload.GetProperty("activityId").GetGuid(), payload.GetProperty("kind").GetString()));
        Assert.Equal(new DateTimeOffset(2025, 6, 12, 2, 0, 0, TimeSpan.Zero), payload.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal([presenter], payload.GetProperty("assignedStaffIds").EnumerateArray().Select(s => s.GetGuid()));

        // Moved two days later: reminded again when the new time comes near, once.
        (await admin.PutAsJsonAsync($"/api/calendar/events/{id}", EventsApiTests.EventBody(school, "parent-meeting", "2025-06-14T10:00:00+08:00"))).EnsureSuccessStatusCode();
        await SweepAsync();
        Assert.Single(await DueSoonAsync(id));
        app.Clock.Advance(TimeSpan.FromHours(48));
        await SweepAsync();
        await SweepAsync();
        Assert.Equal(2, (await DueSoonAsync(id)).Count);

        // Past events are never reminded.
        app.Clock.Advance(TimeSpan.FromDays(1));
        await SweepAsync();
        Assert.Equal(2, (await DueSoonAsync(id)).Count);
    }

    [Fact]
    public async Task Two_replicas_sweeping_at_once_remind_each_event_once()
    {
        var bureau = Guid.NewGuid();
        var school = await app.KnownSchoolAsync(bureau);
        using var admin = app.As("school-admin", bureau, school);
        async Task<List<Guid>> DueSoonEventsAsync()
        {
            var startsAt = app.Clock.GetUtcNow().AddHours(12).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:00zzz");
            var ids = new List<Guid>();
            for (var i = 0; i < 3; i++) ids.Add(await EventsApiTests.PlanAsync(admin, EventsApiTests.EventBody(school, "lecture", startsAt)));
            return ids;
        }
        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        async Task<int> Direct()
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ReminderSweep>().RunAsync(CancellationToken.None);
        }
        async Task<int> Round() => await PeriodicJobRound.RunAsync<ReminderSweep, CalendarDbContext>(scopes, CancellationToken.None) ?? 0;

        // Three sweeps at once without the job's lock (the row version decides), then two replicas' rounds.
        var first = await DueSoonEventsAsync();
        await ReplicaRace.RunAsync(app.OwnerConnectionString, "events", Direct, Direct, Direct);
        var second = await DueSoonEventsAsync();
        await ReplicaRace.RunAsync(app.OwnerConnectionString, "events", Round, Round);

        foreach (var id in first.Concat(second)) Assert.Single(await DueSoonAsync(id));
    }
}
