namespace XinYu.ServiceDefaults.Auth;

/// <summary>The claims XinYu's tokens carry. Short names, because they travel in every request.</summary>
public static class XinYuClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Bureau = "bureau";
    /// <summary>The staff member's school; absent for bureau staff.</summary>
    public const string School = "school";
    /// <summary>A class the staff member teaches or heads; one claim per class.</summary>
    public const string Class = "class";
    /// <summary>A partner client's agency (its id) and kind (hospital, police, ...).</summary>
    public const string Agency = "agency";
    public const string AgencyType = "agency_type";
    public const string ClientId = "client_id";
    public const string Scope = "scope";
}

/// <summary>Who someone is in XinYu. The access matrix (docs/access-matrix.md) says what each may see.</summary>
public static class XinYuRoles
{
    public const string BureauAdmin = "bureau-admin";
    /// <summary>Figures across the bureau's schools, no student names.</summary>
    public const string BureauOfficer = "bureau-officer";
    public const string SchoolAdmin = "school-admin";
    /// <summary>Full files of their school's students (专职/兼职心理健康教育教师).</summary>
    public const string Counsellor = "counsellor";
    /// <summary>Their class: warnings, plans they take part in, home visits; not counselling notes (班主任).</summary>
    public const string HeadTeacher = "head-teacher";
    /// <summary>Raises a warning for a mentee and sees its status (心网格 mentor).</summary>
    public const string Mentor = "mentor";
    /// <summary>The audit trail, read-only.</summary>
    public const string Auditor = "auditor";
    /// <summary>A partner agency's system (client credentials), limited further by its scopes.</summary>
    public const string Partner = "partner";

    public static readonly IReadOnlyList<string> Staff =
        [BureauAdmin, BureauOfficer, SchoolAdmin, Counsellor, HeadTeacher, Mentor, Auditor];
}

/// <summary>What a partner agency's client may ask for.</summary>
public static class XinYuScopes
{
    /// <summary>Referrals addressed to the calling hospital, and its feedback on them.</summary>
    public const string Referrals = "xinyu.referrals";
    /// <summary>The provincial crisis platform's pull of high-risk cases.</summary>
    public const string CrisisExport = "xinyu.crisis-export";
    /// <summary>Joint crisis cases shared with the calling agency.</summary>
    public const string JointCases = "xinyu.joint-cases";
    /// <summary>Staff sign-in: the XinYu API as the signed-in person.</summary>
    public const string Api = "xinyu.api";

    public static readonly IReadOnlyList<string> All = [Referrals, CrisisExport, JointCases, Api];
}
