using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinYu.Contracts;
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
        // Publish only once the service's queues are bound, or RabbitMQ drops what no queue is bound to yet.
        await app.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
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
        await bus.Publish(new StudentClassChanged { BureauId = bureau, SchoolId = school, StudentId = student, ClassId = @class, Grade = 7, OccurredAt = t.AddSeconds(30) });
        await bus.Publish(new StudentLeft { BureauId = bureau, SchoolId = newSchool, StudentId = student, Reason = "moved-out", OccurredAt = t.AddMinutes(2) });
        await Eventually.AssertAsync(() => app.QueryAsync(db => db.Students.AnyAsync(s => s.StudentId == student && !s.Active)),
            TimeSpan.FromSeconds(30), "the leaving");
        var stored = await app.QueryAsync(db => db.Students.AsNoTracking().SingleAsync(s => s.StudentId == student));
        Assert.Equal((newSchool, 8), (stored.SchoolId, stored.Grade));
        Assert.Equal(1, await app.QueryAsync(db => db.Students.CountAsync(s => s.StudentId == student)));
    }
}
