namespace XinYu.Records.Domain;

/// <summary>
/// A student's file moving in from a partner bureau (转入, the receiving side of a move out): the rules that make the
/// sender's file this bureau's. The endpoint verifies and opens the package and hands over what it carries; these
/// rules decide the ids, the placement and who each row is recorded by. The rows are collected in <see cref="Rows"/>
/// for the caller to add and save in one transaction.
/// </summary>
public sealed class FileImport(Guid bureauId, KnownClass into, Guid senderBureauId, DateTimeOffset now)
{
    /// <summary>The width of the <c>recorded_by</c> columns (Records' model).</summary>
    public const int RecordedByLength = 100;

    private readonly Dictionary<Guid, Guid> _guardianIds = [];
    private readonly List<object> _rows = [];
    private Student? _student;

    public Student Student => _student ?? throw new InvalidOperationException("Adopt the student first.");

    /// <summary>Everything the import adds: the student, then the rows of their file.</summary>
    public IReadOnlyList<object> Rows => _rows;

    /// <summary>Rows the sender recorded are attributed to the sending bureau (and its recorder), trimmed to the column.</summary>
    public string RecordedBy(string? recorder = null)
    {
        var by = recorder is null ? $"bureau:{senderBureauId}" : $"bureau:{senderBureauId}:{recorder}";
        return by[..Math.Min(RecordedByLength, by.Length)];
    }

    /// <summary>
    /// One id for life: the student keeps the id the sending bureau gave them unless this database already uses it
    /// (<paramref name="idTaken"/>). They join the chosen open class of the receiving school, as an active student.
    /// </summary>
    public Student AdoptStudent(Guid sentId, bool idTaken, string? name, string? nationalNumber, string gender, DateOnly? birthDate)
    {
        _student = new Student
        {
            Id = idTaken ? Guid.CreateVersion7() : sentId, BureauId = bureauId, SchoolId = into.SchoolId, ClassId = into.ClassId, Grade = into.Grade,
            NationalNumber = nationalNumber, Name = name ?? "", Gender = gender, BirthDate = birthDate ?? default,
            Status = StudentStatus.Active, EnrolledAt = now,
        };
        _rows.Add(_student);
        return _student;
    }

    /// <summary>A guardian gets a new id here; the sender's id is remembered so the guardian's consents follow them.</summary>
    public void AddGuardian(Guid sentId, string name, string relation, string phone)
    {
        var guardian = new Guardian { Id = Guid.CreateVersion7(), StudentId = Student.Id, Name = name, Relation = relation, Phone = phone, RecordedAt = now };
        _guardianIds[sentId] = guardian.Id;
        _rows.Add(guardian);
    }

    /// <summary>A file entry keeps its text and time; it now belongs to the receiving school.</summary>
    public void AddEntry(string section, string text, string recorder, DateTimeOffset recordedAt) =>
        _rows.Add(new FileEntry
        {
            Id = Guid.CreateVersion7(), StudentId = Student.Id, Section = section, Text = text, Corrects = null, SchoolId = into.SchoolId,
            RecordedBy = RecordedBy(recorder), RecordedAt = recordedAt,
        });

    /// <summary>A timeline entry happened at a school of the other bureau, which this deployment does not know: no school.</summary>
    public void AddTimeline(Guid sourceEventId, string kind, string section, DateTimeOffset occurredAt, string details) =>
        _rows.Add(new TimelineEntry
        {
            Id = Guid.CreateVersion7(), StudentId = Student.Id, SourceEventId = sourceEventId, Kind = kind, Section = section, SchoolId = null,
            OccurredAt = occurredAt, Details = details, RecordedAt = now,
        });

    /// <summary>A counselling note comes as a session marked imported: part of the file, not of this school's workload.</summary>
    public void AddSession(string kind, Guid counsellorStaffId, DateOnly heldOn, int durationMinutes, string notes, string? followUp, DateOnly? followUpOn) =>
        _rows.Add(new CounsellingSession
        {
            Id = Guid.CreateVersion7(), SchoolId = into.SchoolId, BureauId = bureauId, CounsellorStaffId = counsellorStaffId, Kind = kind,
            HeldOn = heldOn, DurationMinutes = durationMinutes, StudentIds = [Student.Id], Notes = notes, FollowUp = followUp, FollowUpOn = followUpOn,
            ImportedFrom = senderBureauId, RecordedBy = RecordedBy(), RecordedAt = now,
        });

    /// <summary>A consent travels with the guardian who gave it: one of a guardian the package does not carry is dropped.</summary>
    public bool AddConsent(Guid sentGuardianId, string purpose, string? agencyId, bool granted, string method, DateTimeOffset givenAt)
    {
        if (!_guardianIds.TryGetValue(sentGuardianId, out var guardianId)) return false;
        _rows.Add(new Consent
        {
            Id = Guid.CreateVersion7(), StudentId = Student.Id, Purpose = purpose, AgencyId = agencyId, Granted = granted, GuardianId = guardianId,
            Method = method, GivenAt = givenAt, RecordedBy = RecordedBy(), RecordedAt = now,
        });
        return true;
    }
}
