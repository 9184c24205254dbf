using XinYu.Records.Domain;

namespace XinYu.Records.Tests.Domain;

/// <summary>The rules of a file moving in from a partner bureau (ExchangeApi's import calls them; ExchangeTests covers the package).</summary>
[Trait("Category", "Unit")]
public sealed class FileImportTests
{
    private static readonly Guid Bureau = Guid.NewGuid();
    private static readonly Guid Sender = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly KnownClass Class = new() { ClassId = Guid.NewGuid(), SchoolId = Guid.NewGuid(), BureauId = Bureau, Grade = 8 };

    private static FileImport Import() => new(Bureau, Class, Sender, Now);

    [Fact]
    public void The_student_keeps_their_id_unless_it_is_taken_and_joins_the_chosen_class()
    {
        var sent = Guid.NewGuid();
        var kept = Import().AdoptStudent(sent, idTaken: false, "张三", "G123", "male", new DateOnly(2012, 5, 1));
        Assert.Equal((sent, Bureau, Class.SchoolId, Class.ClassId, 8, StudentStatus.Active, Now), (kept.Id, kept.BureauId, kept.SchoolId, kept.ClassId, kept.Grade, kept.Status, kept.EnrolledAt));
        var renamed = Import().AdoptStudent(sent, idTaken: true, null, null, "female", null);
        Assert.NotEqual(sent, renamed.Id);
        Assert.Equal(("", default(DateOnly)), (renamed.Name, renamed.BirthDate));
    }

    [Fact]
    public void A_consent_follows_its_guardian_and_one_of_a_guardian_left_behind_is_dropped()
    {
        var import = Import();
        var student = import.AdoptStudent(Guid.NewGuid(), false, "张三", null, "male", null);
        var mother = Guid.NewGuid();
        import.AddGuardian(mother, "李四", "mother", "13800000000");
        Assert.True(import.AddConsent(mother, "screening", null, true, "paper", Now.AddYears(-1)));
        Assert.False(import.AddConsent(Guid.NewGuid(), "referral", null, true, "paper", Now.AddYears(-1)));

        var guardian = Assert.Single(import.Rows.OfType<Guardian>());
        Assert.NotEqual(mother, guardian.Id); // a new id here, the sender's is only a key for its consents
        var consent = Assert.Single(import.Rows.OfType<Consent>());
        Assert.Equal((student.Id, guardian.Id, "screening", $"bureau:{Sender}"), (consent.StudentId, consent.GuardianId, consent.Purpose, consent.RecordedBy));
    }

    [Fact]
    public void Rows_are_the_receiving_schools_and_attributed_to_the_sending_bureau()
    {
        var import = Import();
        import.AdoptStudent(Guid.NewGuid(), false, "张三", null, "male", null);
        import.AddEntry(Sections.FamilySituation, "单亲家庭", new string('x', 200), Now.AddDays(-30));
        import.AddTimeline(Guid.NewGuid(), "screening-submitted", Sections.Screening, Now.AddDays(-40), "{}");
        import.AddSession("individual", Guid.NewGuid(), new DateOnly(2026, 10, 1), 45, "notes", null, null);

        var entry = Assert.Single(import.Rows.OfType<FileEntry>());
        Assert.Equal(Class.SchoolId, entry.SchoolId);
        Assert.Equal(FileImport.RecordedByLength, entry.RecordedBy.Length);
        Assert.StartsWith($"bureau:{Sender}:xxx", entry.RecordedBy);
        Assert.Null(Assert.Single(import.Rows.OfType<TimelineEntry>()).SchoolId); // another bureau's school, unknown here
        var session = Assert.Single(import.Rows.OfType<CounsellingSession>());
        Assert.Equal((Sender, Class.SchoolId, Bureau), (session.ImportedFrom, session.SchoolId, session.BureauId));
        Assert.IsType<Student>(import.Rows[0]);
    }
}
