namespace XinYu.Staffing.Domain;

/// <summary>
/// A mental-health education qualification (seed 001): the C certificate (心理健康教育C证) every teacher should hold, the
/// B certificate (B证) encouraged for head teachers, or a counselling qualification (心理咨询/辅导资格). Wire names:
/// c-certificate, b-certificate, counselling-qualification.
/// </summary>
public enum CertificateKind
{
    CCertificate,
    BCertificate,
    CounsellingQualification,
}

public static class CertificateKinds
{
    private static readonly Dictionary<string, CertificateKind> ByName = new(StringComparer.Ordinal)
    {
        ["c-certificate"] = CertificateKind.CCertificate,
        ["b-certificate"] = CertificateKind.BCertificate,
        ["counselling-qualification"] = CertificateKind.CounsellingQualification,
    };

    public static IEnumerable<string> Names => ByName.Keys;
    public static bool TryParse(string? name, out CertificateKind kind) => ByName.TryGetValue(name ?? "", out kind);
    public static string ToName(this CertificateKind kind) => ByName.First(pair => pair.Value == kind).Key;
}

/// <summary>Settings section <c>Staffing:Certificates</c>.</summary>
public sealed class CertificateOptions
{
    /// <summary>A valid certificate expiring within this many days is listed as expiring soon.</summary>
    public int ExpiringWithinDays { get; set; } = 90;
}

/// <summary>One certificate of one staff member, with its issue date and (if it has one) its expiry date.</summary>
public sealed class Certificate
{
    private Certificate() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public Guid SchoolId { get; private set; }
    public Guid StaffId { get; private set; }
    public CertificateKind Kind { get; private set; }
    public DateOnly IssuedOn { get; private set; }
    /// <summary>Null: the certificate does not expire.</summary>
    public DateOnly? ExpiresOn { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    public static Certificate Record(StaffMember staff, CertificateKind kind, DateOnly issuedOn, DateOnly? expiresOn, DateTimeOffset now, DateOnly today)
    {
        StaffingRules.StaffMustBelongToASchool(staff);
        StaffingRules.CertificateDatesMustBePlausible(issuedOn, expiresOn, today);
        return new Certificate
        {
            Id = Guid.CreateVersion7(), BureauId = staff.BureauId, SchoolId = staff.SchoolId!.Value, StaffId = staff.Id,
            Kind = kind, IssuedOn = issuedOn, ExpiresOn = expiresOn, RecordedAt = now,
        };
    }

    /// <summary>Valid on <paramref name="day"/>: issued by then and not yet expired (the expiry day itself still counts).</summary>
    public bool IsValidOn(DateOnly day) => IssuedOn <= day && (ExpiresOn is null || ExpiresOn >= day);
}

/// <summary>One school's certificate coverage on a day.</summary>
public sealed record CertificateCoverage(
    int Teachers,
    int TeachersWithC,
    decimal CShare,
    int HeadTeachers,
    int HeadTeachersWithB,
    decimal BShareOfHeadTeachers,
    int CounsellingQualified,
    IReadOnlyList<Guid> TeachersWithoutC,
    IReadOnlyList<ExpiringCertificate> ExpiringSoon);

public sealed record ExpiringCertificate(Guid CertificateId, Guid StaffId, CertificateKind Kind, DateOnly ExpiresOn);

/// <summary>
/// Certificate coverage (seed 001: C certificate for all teachers, B encouraged for head teachers). Rules:
/// <list type="bullet">
/// <item>A teacher is a school staff member with a teaching role (anything but principal-only or research staff).</item>
/// <item>A valid B certificate also counts as a C: B is the higher level of the same qualification.</item>
/// <item>Head teachers are staff with the head-teacher role.</item>
/// <item>Expiring soon: a valid certificate whose expiry falls within the window (today to today + days).</item>
/// <item>Shares are fractions 0–1 rounded to 4 places; a school with no teachers has share 0.</item>
/// </list>
/// </summary>
public static class CertificateCoverageRules
{
    public static bool IsTeacher(IReadOnlyCollection<StaffRole> roles) =>
        roles.Any(r => r is not (StaffRole.Principal or StaffRole.ResearchStaff));

    public static CertificateCoverage Compute(IReadOnlyCollection<StaffMember> staff, IReadOnlyCollection<Certificate> certificates, DateOnly today, int expiringWithinDays)
    {
        var valid = certificates.Where(c => c.IsValidOn(today)).ToList();
        bool Has(Guid staffId, params CertificateKind[] kinds) => valid.Any(c => c.StaffId == staffId && kinds.Contains(c.Kind));
        var teachers = staff.Where(s => IsTeacher(s.Roles)).ToList();
        var withC = teachers.Where(t => Has(t.Id, CertificateKind.CCertificate, CertificateKind.BCertificate)).ToList();
        var heads = teachers.Where(t => t.Roles.Contains(StaffRole.HeadTeacher)).ToList();
        var headsWithB = heads.Count(h => Has(h.Id, CertificateKind.BCertificate));
        var staffIds = staff.Select(s => s.Id).ToHashSet();
        var horizon = today.AddDays(expiringWithinDays);
        var expiring = valid.Where(c => staffIds.Contains(c.StaffId) && c.ExpiresOn is { } e && e <= horizon)
            .OrderBy(c => c.ExpiresOn).Select(c => new ExpiringCertificate(c.Id, c.StaffId, c.Kind, c.ExpiresOn!.Value)).ToList();
        return new CertificateCoverage(
            teachers.Count, withC.Count, Share(withC.Count, teachers.Count),
            heads.Count, headsWithB, Share(headsWithB, heads.Count),
            staff.Count(s => Has(s.Id, CertificateKind.CounsellingQualification)),
            [.. teachers.Except(withC).Select(t => t.Id)],
            expiring);
    }

    public static decimal Share(int part, int whole) => whole == 0 ? 0m : Math.Round((decimal)part / whole, 4);
}
