using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using XinYu.Messaging.Directory;
using XinYu.Messaging.Outbox;
using XinYu.Screening.Data;
using XinYu.Screening.Domain;

namespace XinYu.Screening.Tests.Api;

/// <summary>A school with classes and students as the directory's events would have left them.</summary>
public sealed record SchoolSeed(Guid Bureau, Guid School, Guid Class, Guid OtherClass, Guid[] Students)
{
    /// <summary>A psych teacher of the school, as learned from the directory's StaffRegistered (a plan's person in charge).</summary>
    public Guid Counsellor { get; } = Guid.NewGuid();
}

public static class Seed
{
    public static async Task<SchoolSeed> SchoolAsync(ScreeningApp app, int students = 3, bool consent = true, int grade = 7, Guid? bureau = null)
    {
        var seed = new SchoolSeed(bureau ?? Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            Enumerable.Range(0, students).Select(_ => Guid.NewGuid()).ToArray());
        await app.QueryAsync(async db =>
        {
            db.Schools.Add(new KnownSchool { SchoolId = seed.School, BureauId = seed.Bureau });
            db.KnownStaff.Add(new KnownStaffMember { StaffId = seed.Counsellor, BureauId = seed.Bureau, SchoolId = seed.School, Roles = ["full-time-psych"], LearnedAt = ScreeningApp.Start.AddDays(-30) });
            db.Classes.Add(new KnownClass { ClassId = seed.Class, SchoolId = seed.School, BureauId = seed.Bureau, Grade = grade });
            db.Classes.Add(new KnownClass { ClassId = seed.OtherClass, SchoolId = seed.School, BureauId = seed.Bureau, Grade = grade });
            foreach (var (id, i) in seed.Students.Select((id, i) => (id, i)))
            {
                db.Students.Add(new Student
                {
                    StudentId = id, BureauId = seed.Bureau, SchoolId = seed.School, ClassId = i % 2 == 0 ? seed.Class : seed.OtherClass,
                    Grade = grade, Active = true, SourceChangedAt = ScreeningApp.Start.AddDays(-30), Level = "none",
                });
                if (consent) db.Consents.Add(new Consent { StudentId = id, Purpose = "screening", Granted = true, OccurredAt = ScreeningApp.Start.AddDays(-20) });
            }
            return await db.SaveChangesAsync();
        });
        return seed;
    }

    /// <summary>An agency with an enabled partner client of the bureau, as Identity's PartnerClientRegistered would leave it.</summary>
    public static Task AgencyAsync(ScreeningApp app, Guid bureau, string agencyId) => app.QueryAsync(db =>
    {
        db.AgencyClients.Add(new KnownAgencyClient { ClientId = $"client-{agencyId}-{Guid.NewGuid():N}"[..40], AgencyId = agencyId, BureauId = bureau, SourceChangedAt = ScreeningApp.Start });
        return db.SaveChangesAsync();
    });

    /// <summary>Makes a staff member known, as Staffing's StaffRegistered would (no school: the bureau's research staff).</summary>
    public static Task<Guid> KnownStaffAsync(ScreeningApp app, Guid bureau, Guid? school, params string[] roles) => app.QueryAsync(async db =>
    {
        var id = Guid.NewGuid();
        db.KnownStaff.Add(new KnownStaffMember { StaffId = id, BureauId = bureau, SchoolId = school, Roles = roles.Length > 0 ? [.. roles] : ["head-teacher"], LearnedAt = ScreeningApp.Start });
        await db.SaveChangesAsync();
        return id;
    });

    public static Task<List<OutboxMessage>> OutboxOfStudentAsync(ScreeningApp app, Guid student) => app.QueryAsync(db =>
        db.Set<OutboxMessage>().AsNoTracking().Where(m => m.AggregateKey == $"student:{student}").OrderBy(m => m.Sequence).ToListAsync());

    public static string TypeOf(OutboxMessage m) => m.MessageType.Split(',')[0].Replace("XinYu.Contracts.", "");

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task AssertRejectedAsync(HttpResponseMessage response, string field, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {body}");
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), body);
    }

    public static object Phq9(Guid student, int[] answers, Guid? submissionId = null, Guid? campaignId = null, string code = "phq-9", int version = 1) => new
    {
        submissionId = submissionId ?? Guid.NewGuid(), studentId = student, campaignId, instrumentCode = code, instrumentVersion = version, answers,
    };
}
