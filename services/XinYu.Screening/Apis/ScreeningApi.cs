using XinYu.Screening.Domain;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;

namespace XinYu.Screening.Apis;

/// <summary>The screening service's public API, under /api/screening (the gateway routes it there).</summary>
public static class ScreeningApi
{
    public static IEndpointRouteBuilder MapScreeningApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/screening").WithTags("Screening").ProducesProblems();
        // The domain names the field a rule refuses; the suite's problem details turn that into a 400 naming it.
        api.AddEndpointFilter(async (context, next) =>
        {
            try { return await next(context); }
            catch (ScreeningConflictException e) { throw new RequestRejectedException(e.Field, e.Message, StatusCodes.Status409Conflict); }
            catch (ScreeningRuleException e) { throw new RequestRejectedException(e.Field, e.Message); }
        });
        api.MapInstrumentsApi();
        api.MapCampaignsApi();
        api.MapSubmissionsApi();
        api.MapAnswerCodesApi();
        api.MapStudentAnswersApi();
        api.MapWarningsApi();
        api.MapPlansApi();
        api.MapReferralsApi();
        api.MapReportsApi();
        return app;
    }

    internal static Guid BureauOf(HttpContext http) => CallerScope.From(http.User).BureauId
        ?? throw new RequestRejectedException("bureau", "The caller's token names no bureau.", StatusCodes.Status403Forbidden);

    internal static string Actor(HttpContext http)
    {
        var subject = CallerScope.From(http.User).Subject;
        return subject.Length > 200 ? subject[..200] : subject;
    }
}

/// <summary>Who may call what (docs/access-matrix.md).</summary>
internal static class ScreeningRoles
{
    public const string BureauAdmin = XinYuRoles.BureauAdmin;
    public static readonly string[] BureauManagers = [XinYuRoles.BureauAdmin];
    public static readonly string[] BureauStaff = [XinYuRoles.BureauAdmin, XinYuRoles.BureauOfficer];
    /// <summary>Instruments are not student data: every staff role that screens or plans may read them.</summary>
    public static readonly string[] InstrumentReaders =
        [XinYuRoles.BureauAdmin, XinYuRoles.BureauOfficer, XinYuRoles.SchoolAdmin, XinYuRoles.Counsellor, XinYuRoles.HeadTeacher, XinYuRoles.Mentor];
    /// <summary>
    /// Campaigns and their progress. A head teacher hands out the answer-code slips in class, so reads the school's
    /// campaigns and the progress of their own classes only (no other class's figures).
    /// </summary>
    public static readonly string[] CampaignReaders =
        [XinYuRoles.BureauAdmin, XinYuRoles.BureauOfficer, XinYuRoles.SchoolAdmin, XinYuRoles.Counsellor, XinYuRoles.HeadTeacher];
    /// <summary>A screening is run in class by the school's counsellor or its administrator; partners never submit.</summary>
    public static readonly string[] Submitters = [XinYuRoles.Counsellor, XinYuRoles.SchoolAdmin];
    /// <summary>
    /// Answer codes for a class: the school's counsellor or administrator, and the class's head teacher (who hands out
    /// the slips in class); the codes give no answers, scores or levels, only which student holds which code.
    /// </summary>
    public static readonly string[] CodeIssuers = [XinYuRoles.Counsellor, XinYuRoles.SchoolAdmin, XinYuRoles.HeadTeacher];
    public static readonly string[] SchoolCase = [XinYuRoles.Counsellor, XinYuRoles.SchoolAdmin];
    public static readonly string[] ClassQueueReaders = [XinYuRoles.Counsellor, XinYuRoles.SchoolAdmin, XinYuRoles.HeadTeacher];
    public static readonly string[] Observers = [XinYuRoles.HeadTeacher, XinYuRoles.Mentor, XinYuRoles.Counsellor];
    /// <summary>Escalating by hand: the school's side of the chain (the bureau is its top).</summary>
    public static readonly string[] Escalators = [XinYuRoles.HeadTeacher, XinYuRoles.Counsellor, XinYuRoles.SchoolAdmin];
    public static readonly string[] Acknowledgers =
        [XinYuRoles.HeadTeacher, XinYuRoles.Counsellor, XinYuRoles.SchoolAdmin, XinYuRoles.BureauAdmin, XinYuRoles.BureauOfficer];
}
