using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinYu.Contracts;
using XinYu.Messaging.Inbox;
using XinYu.Testing;

namespace XinYu.Screening.Tests.Api;

/// <summary>The student directory and consent learned from Records' and Staffing's events over the real bus.</summary>
[Collection(OneServiceAtATime.Name)]
public sealed class DirectoryConsumerTests(ScreeningApp app) : IClassFixture<ScreeningApp>
{
    [Fact]
    public async Task Enrolment_transfer_leaving_and_consent_arrive_through_the_bus_once_each()
    {
        var bus = app.Services.GetRequiredService<IBus>();
        var (bureau, school, newSchool, @class, student) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var t = DateTimeOffset.UtcNow;
        await bus.Publish(new SchoolRegistered { BureauId = bureau, SchoolId = school, Level = "junior", Urban = true, Boarding = false, StudentCount = 100, LegalEntity = true });
        await bus.Publish(new ClassOpened { BureauId = bureau, SchoolId = school, ClassId = @class, Grade = 7, EntryYear = 2026 });
        var enrolled = new StudentEnrolled { BureauId = bureau, SchoolId = school, StudentId = student, ClassId = @class, Grade = 7, OccurredAt = t };
        await bus.Publish(enrolled, c => c.MessageId = enrolled.MessageId);
        await bus.Publish(enrolled, c => c.MessageId = enrolled.MessageId); // redelivered: applied once
        await bus.Publish(new ConsentRecorded { BureauId = bureau, SchoolId = school, StudentId = student, Purpose = "screening", Granted = true, OccurredAt = t });

        await Eventually.AssertAsync(() => app.QueryAsync(async db =>
            await db.Students.AnyAsync(s => s.StudentId == student) && await db.Consents.AnyAsync(c => c.StudentId == student)
            && await db.Schools.AnyAsync(s => s.SchoolId == school) && await db.Classes.AnyAsync(c => c.ClassId == @class)),
            TimeSpan.FromSeconds(30), "the student, consent, school and class");

        await bus.Publish(new StudentTransferred { BureauId = bureau, SchoolId = newSchool, FromSchoolId = school, StudentId = student, ClassId = Guid.NewGuid(), Grade = 8, OccurredAt = t.AddMinutes(1) });
        await Eventually.AssertAsync(() => app.QueryAsync(db => db.Students.AnyAsync(s => s.StudentId == student && s.SchoolId == newSchool && s.Grade == 8)),
            TimeSpan.FromSeconds(30), "the transfer");
        // An older class change arriving late does not move the student back.
        var lateClassChange = new StudentClassChanged { BureauId = bureau, SchoolId = school, StudentId = student, ClassId = @class, Grade = 7, OccurredAt = t.AddSeconds(30) };
        await bus.Publish(lateClassChange, c => c.MessageId = lateClassChange.MessageId);
        await bus.Publish(new StudentLeft { BureauId = bureau, SchoolId = newSchool, StudentId = student, Reason = "moved-out", OccurredAt = t.AddMinutes(2) });
        await Eventually.AssertAsync(() => app.QueryAsync(async db => await db.Students.AnyAsync(s => s.StudentId == student && !s.Active)
            && await db.Set<InboxMessage>().AnyAsync(m => m.MessageId == lateClassChange.MessageId)),
            TimeSpan.FromSeconds(30), "the leaving, and the late class change consumed");
        var stored = await app.QueryAsync(db => db.Students.AsNoTracking().SingleAsync(s => s.StudentId == student));
        Assert.Equal((newSchool, 8), (stored.SchoolId, stored.Grade));
        // Each applied event counts once: the enrolment (delivered twice), the transfer, the leaving; not the late class
        // change. A second application of the enrolment, or the late event applied, would make it 4.
        Assert.Equal(3, stored.SourceEvents);
    }

    [Fact]
    public async Task A_partner_clients_older_registration_arriving_after_its_disabling_leaves_it_disabled()
    {
        var bus = app.Services.GetRequiredService<IBus>();
        var (bureau, client, agency) = (Guid.NewGuid(), "client-" + Guid.NewGuid().ToString("N")[..12], "agency-" + Guid.NewGuid().ToString("N")[..12]);
        var t = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds());
        var disabled = new PartnerClientDisabled { BureauId = bureau, ClientId = client, AgencyId = agency, OccurredAt = t.AddMinutes(1) };
        await bus.Publish(disabled, c => c.MessageId = disabled.MessageId);
        await bus.Publish(disabled, c => c.MessageId = disabled.MessageId); // redelivered: applied once
        await Eventually.AssertAsync(() => app.QueryAsync(db => db.AgencyClients.AnyAsync(c => c.ClientId == client)), TimeSpan.FromSeconds(30), "the disabling");
        var registered = new PartnerClientRegistered { BureauId = bureau, ClientId = client, AgencyId = agency, AgencyType = "hospital", OccurredAt = t };
        await bus.Publish(registered, c => c.MessageId = registered.MessageId);
        await Eventually.AssertAsync(() => app.QueryAsync(db => db.Set<InboxMessage>().AnyAsync(m => m.MessageId == registered.MessageId)),
            TimeSpan.FromSeconds(30), "the late registration consumed");

        var known = await app.QueryAsync(db => db.AgencyClients.AsNoTracking().SingleAsync(c => c.ClientId == client));
        Assert.Equal((t.AddMinutes(1), 1), (known.DisabledAt, known.SourceEvents));
    }
}
