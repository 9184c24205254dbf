using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinYu.Contracts;
using XinYu.Messaging.Inbox;
using XinYu.Testing;

namespace XinYu.Staffing.Tests.Api;

/// <summary>
/// Staffing's copies of Records' placements (the mentor grid's roster), Identity's accounts and Calendar's terms, over
/// the real bus: an older event arriving after a newer one changes nothing, and a repeated event is applied once.
/// </summary>
public sealed class LocalCopyTests(StaffingApp app) : IClassFixture<StaffingApp>
{
    private static DateTimeOffset AnHourAgo() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds());

    private async Task PublishAndWaitAsync(params IntegrationEvent[] events)
    {
        var bus = app.Services.GetRequiredService<IBus>();
        foreach (var e in events) await bus.Publish((object)e, e.GetType(), c => c.MessageId = e.MessageId);
        // Consumed (applied, or found older than the copy): the inbox has every one.
        var ids = events.Select(e => e.MessageId).Distinct().ToList();
        await Eventually.AssertAsync(() => app.QueryAsync(async db => await db.Set<InboxMessage>().CountAsync(m => ids.Contains(m.MessageId)) == ids.Count),
            TimeSpan.FromSeconds(30), "the events consumed");
    }

    [Fact]
    public async Task An_older_placement_arriving_after_a_transfer_does_not_move_the_student_back_and_a_redelivery_counts_once()
    {
        var (bureau, school, newSchool, @class, newClass, student) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var t = AnHourAgo();
        var enrolled = new StudentEnrolled { BureauId = bureau, SchoolId = school, StudentId = student, ClassId = @class, Grade = 7, OccurredAt = t };
        await PublishAndWaitAsync(enrolled, enrolled); // the second is a redelivery (the same message id)
        await PublishAndWaitAsync(new StudentTransferred
        {
            BureauId = bureau, SchoolId = newSchool, FromSchoolId = school, StudentId = student, ClassId = newClass, Grade = 8, OccurredAt = t.AddMinutes(2),
        });
        // Sent before the transfer, delivered after it (another queue).
        await PublishAndWaitAsync(
            new StudentClassChanged { BureauId = bureau, SchoolId = school, StudentId = student, ClassId = @class, Grade = 7, OccurredAt = t.AddMinutes(1) },
            new StudentLeft { BureauId = bureau, SchoolId = school, StudentId = student, Reason = "moved-out", OccurredAt = t.AddMinutes(1) });

        var stored = await app.QueryAsync(db => db.Roster.AsNoTracking().SingleAsync(s => s.StudentId == student));
        Assert.Equal((newSchool, newClass, 8, false), (stored.SchoolId, stored.ClassId, stored.Grade, stored.Left));
        Assert.Equal(2, stored.SourceEvents); // the enrolment once, the transfer; neither late event
    }

    [Fact]
    public async Task An_enrolment_arriving_after_the_leaving_does_not_put_the_student_back_on_the_roster()
    {
        var (bureau, school, @class, student) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var t = AnHourAgo();
        await PublishAndWaitAsync(new StudentClassChanged { BureauId = bureau, SchoolId = school, StudentId = student, ClassId = @class, Grade = 8, OccurredAt = t.AddDays(1) });
        await PublishAndWaitAsync(new StudentLeft { BureauId = bureau, SchoolId = school, StudentId = student, Reason = "graduated", OccurredAt = t.AddDays(2) });
        await PublishAndWaitAsync(new StudentEnrolled { BureauId = bureau, SchoolId = school, StudentId = student, ClassId = @class, Grade = 7, OccurredAt = t });

        var stored = await app.QueryAsync(db => db.Roster.AsNoTracking().SingleAsync(s => s.StudentId == student));
        Assert.True(stored.Left);
        Assert.Equal(8, stored.Grade);
    }

    [Fact]
    public async Task A_terms_older_schedule_changes_nothing_and_an_account_announced_twice_is_learned_once()
    {
        var (bureau, term) = (Guid.NewGuid(), Guid.NewGuid());
        var t = AnHourAgo();
        var account = new StaffAccountCreated { BureauId = bureau, SchoolId = Guid.NewGuid(), AccountId = Guid.NewGuid(), OccurredAt = t };
        await PublishAndWaitAsync(account, account,
            new TermScheduled { BureauId = bureau, TermId = term, SchoolYear = 2026, Number = 1, StartsOn = new(2026, 9, 7), EndsOn = new(2027, 1, 22), OccurredAt = t.AddMinutes(5) });
        await PublishAndWaitAsync(
            new TermScheduled { BureauId = bureau, TermId = term, SchoolYear = 2026, Number = 1, StartsOn = new(2026, 9, 1), EndsOn = new(2027, 1, 15), OccurredAt = t });

        var known = await app.QueryAsync(db => db.Terms.AsNoTracking().SingleAsync(x => x.TermId == term));
        Assert.Equal((new DateOnly(2026, 9, 7), new DateOnly(2027, 1, 22), 1), (known.StartsOn, known.EndsOn, known.SourceEvents));
        Assert.Equal(1, await app.QueryAsync(db => db.KnownAccounts.Where(a => a.AccountId == account.AccountId).Select(a => a.SourceEvents).SingleAsync()));
    }
}
