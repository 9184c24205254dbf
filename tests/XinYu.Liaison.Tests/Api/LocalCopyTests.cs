using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinYu.Contracts;
using XinYu.Liaison.Data;
using XinYu.Messaging.Inbox;

namespace XinYu.Liaison.Tests.Api;

/// <summary>
/// Liaison's copies of the directory's classes and staff, Records' placements and Calendar's terms, over the real bus:
/// an older event arriving after a newer one changes nothing, and a repeated event is applied once.
/// </summary>
[Collection(LiaisonCollection.Name)]
public sealed class LocalCopyTests(LiaisonApp app)
{
    /// <summary>An hour ago, to the second: PostgreSQL keeps microseconds, .NET ticks.</summary>
    private static DateTimeOffset AnHourAgo() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds());

    private async Task PublishAsync(params IntegrationEvent[] events)
    {
        var bus = app.Services.GetRequiredService<IBus>();
        foreach (var e in events) await bus.Publish((object)e, e.GetType(), c => c.MessageId = e.MessageId);
    }

    /// <summary>Every one of these events was consumed (applied or found older): its inbox row is there.</summary>
    private Task ConsumedAsync(params IntegrationEvent[] events)
    {
        var ids = events.Select(e => e.MessageId).ToList();
        return app.WaitForAsync(async db => await db.Set<InboxMessage>().CountAsync(m => ids.Contains(m.MessageId)) == ids.Count, "the events consumed");
    }

    [Fact]
    public async Task An_older_placement_arriving_after_a_transfer_does_not_move_the_student_back_and_a_redelivery_counts_once()
    {
        var (bureau, school, newSchool, @class, newClass, student) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var t = AnHourAgo();
        var enrolled = new StudentEnrolled { BureauId = bureau, SchoolId = school, StudentId = student, ClassId = @class, Grade = 7, OccurredAt = t };
        var transferred = new StudentTransferred
        {
            BureauId = bureau, SchoolId = newSchool, FromSchoolId = school, StudentId = student, ClassId = newClass, Grade = 8, OccurredAt = t.AddMinutes(2),
        };
        await PublishAsync(enrolled, enrolled); // the second is a redelivery (the same message id)
        await ConsumedAsync(enrolled);
        await PublishAsync(transferred);
        await ConsumedAsync(transferred);

        // Sent before the transfer, delivered after it (another queue): the class change and the leaving are both older.
        var lateClassChange = new StudentClassChanged { BureauId = bureau, SchoolId = school, StudentId = student, ClassId = @class, Grade = 7, OccurredAt = t.AddMinutes(1) };
        var lateLeaving = new StudentLeft { BureauId = bureau, SchoolId = school, StudentId = student, Reason = "moved-out", OccurredAt = t.AddMinutes(1) };
        await PublishAsync(lateClassChange, lateLeaving);
        await ConsumedAsync(lateClassChange, lateLeaving);

        var stored = await app.QueryAsync(db => db.Students.AsNoTracking().SingleAsync(s => s.StudentId == student));
        Assert.Equal((newSchool, newClass, 8, false), (stored.SchoolId, stored.ClassId, stored.Grade, stored.Left));
        Assert.Equal(t.AddMinutes(2), stored.SourceChangedAt);
        Assert.Equal(2, stored.SourceEvents); // the enrolment once, the transfer; neither late event
    }

    [Fact]
    public async Task A_class_closed_before_its_opening_arrives_stays_closed()
    {
        var (bureau, school, @class) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var t = AnHourAgo();
        var closed = new ClassClosed { BureauId = bureau, SchoolId = school, ClassId = @class, OccurredAt = t.AddDays(1) };
        await PublishAsync(closed);
        await ConsumedAsync(closed);
        var opened = new ClassOpened { BureauId = bureau, SchoolId = school, ClassId = @class, Grade = 7, EntryYear = 2026, OccurredAt = t };
        await PublishAsync(opened, opened);
        await ConsumedAsync(opened);

        var known = await app.QueryAsync(db => db.Classes.AsNoTracking().SingleAsync(c => c.ClassId == @class));
        Assert.True(known.Closed);
        Assert.Equal(1, known.SourceEvents);
    }

    [Fact]
    public async Task A_terms_older_schedule_and_a_staff_members_older_roles_change_nothing()
    {
        var (bureau, school, term, staff) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var t = AnHourAgo();
        var rescheduled = new TermScheduled
        {
            BureauId = bureau, TermId = term, SchoolYear = 2026, Number = 1, StartsOn = new(2026, 9, 7), EndsOn = new(2027, 1, 22), OccurredAt = t.AddMinutes(5),
        };
        var promoted = new StaffRegistered { BureauId = bureau, SchoolId = school, StaffId = staff, Roles = ["full-time-psych"], OccurredAt = t.AddMinutes(5) };
        await PublishAsync(rescheduled, promoted, promoted);
        await ConsumedAsync(rescheduled, promoted);
        var first = new TermScheduled
        {
            BureauId = bureau, TermId = term, SchoolYear = 2026, Number = 1, StartsOn = new(2026, 9, 1), EndsOn = new(2027, 1, 15), OccurredAt = t,
        };
        var hired = new StaffRegistered { BureauId = bureau, SchoolId = school, StaffId = staff, Roles = ["new-hire"], OccurredAt = t };
        await PublishAsync(first, hired);
        await ConsumedAsync(first, hired);

        var known = await app.QueryAsync(db => db.Terms.AsNoTracking().SingleAsync(x => x.TermId == term));
        Assert.Equal((new DateOnly(2026, 9, 7), new DateOnly(2027, 1, 22), 1), (known.StartsOn, known.EndsOn, known.SourceEvents));
        var member = await app.QueryAsync(db => db.KnownStaff.AsNoTracking().SingleAsync(x => x.StaffId == staff));
        Assert.Equal(["full-time-psych"], member.Roles);
        Assert.Equal(1, member.SourceEvents);
    }
}
