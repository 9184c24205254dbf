using System.Net;
using Refit;
using XinYu.Client.Staff;

namespace XinYu.Web.Tests;

/// <summary>Screening's staff API as the pages' tests set it: answers they choose, the calls made, a refusal on demand.</summary>
public sealed class FakeScreeningStaffApi : IScreeningStaffApi
{
    public IReadOnlyList<WarningSummary> Warnings { get; set; } = [];
    public HttpStatusCode? Failure { get; set; }
    /// <summary>The problem body a refused action answers (with <see cref="ActionFailure"/>).</summary>
    public string ActionProblem { get; set; } = "{}";
    public HttpStatusCode? ActionFailure { get; set; }
    public List<Guid> AskedFor { get; } = [];
    public List<Guid> Acknowledged { get; } = [];
    public List<Guid> Escalated { get; } = [];
    public List<ObservationRequest> Observed { get; } = [];

    public IReadOnlyList<CampaignSummary> Campaigns { get; set; } = [];
    public CampaignProgress? Progress { get; set; }
    public Dictionary<Guid, List<AnswerCodeStatus>> Codes { get; } = [];
    public Func<Guid, IReadOnlyList<IssuedAnswerCode>> Issue { get; set; } = _ => [];
    public List<Guid> Revoked { get; } = [];
    public List<Guid> Reissued { get; } = [];

    public static async Task<ApiException> Refusal(HttpStatusCode status, string body = "{}") =>
        await ApiException.Create(new HttpRequestMessage(HttpMethod.Post, "http://gateway/"), HttpMethod.Post,
            new HttpResponseMessage(status) { Content = new StringContent(body) }, new RefitSettings());

    private async Task ActAsync()
    {
        if (ActionFailure is { } status) throw await Refusal(status, ActionProblem);
    }

    public async Task<IReadOnlyList<WarningSummary>> SchoolWarningsAsync(Guid schoolId, bool? includeAcknowledged = null, CancellationToken ct = default)
    {
        AskedFor.Add(schoolId);
        if (Failure is { } status) throw await Refusal(status);
        return Warnings;
    }

    public async Task<WarningSummary> EscalateWarningAsync(Guid warningId, CancellationToken ct = default)
    {
        await ActAsync();
        Escalated.Add(warningId);
        var warning = Warnings.Single(w => w.Id == warningId);
        var moved = warning with { Tier = warning.Tier == "class" ? "school" : "bureau" };
        Warnings = [.. Warnings.Select(w => w.Id == warningId ? moved : w)];
        return moved;
    }

    public async Task<WarningSummary> AcknowledgeWarningAsync(Guid warningId, CancellationToken ct = default)
    {
        await ActAsync();
        Acknowledged.Add(warningId);
        var warning = Warnings.Single(w => w.Id == warningId);
        Warnings = Warnings.Where(w => w.Id != warningId).ToList();
        return warning with { Status = "acknowledged", EscalatesAt = null };
    }

    public async Task<RaisedWarning> ObserveAsync(ObservationRequest request, CancellationToken ct = default)
    {
        await ActAsync();
        Observed.Add(request);
        return new RaisedWarning(Guid.NewGuid(), request.StudentId, request.Level, "class", "open", DateTimeOffset.UtcNow, null);
    }

    public Task<IReadOnlyList<CampaignSummary>> CampaignsAsync(CancellationToken ct = default) => Task.FromResult(Campaigns);

    public List<Guid> ProgressAskedFor { get; } = [];

    public Task<CampaignProgress> CampaignProgressAsync(Guid campaignId, CancellationToken ct = default)
    {
        ProgressAskedFor.Add(campaignId);
        return Progress is { } p ? Task.FromResult(p) : throw new InvalidOperationException("No progress set.");
    }

    public Task<IReadOnlyList<AnswerCodeStatus>> AnswerCodesAsync(Guid campaignId, Guid classId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<AnswerCodeStatus>>(Codes.GetValueOrDefault(classId) ?? []);

    public async Task<IssuedAnswerCodes> IssueAnswerCodesAsync(Guid campaignId, Guid classId, CancellationToken ct = default)
    {
        await ActAsync();
        var issued = Issue(classId);
        var list = Codes.TryGetValue(classId, out var known) ? known : Codes[classId] = [];
        list.AddRange(issued.Select(c => new AnswerCodeStatus(c.CodeId, c.StudentId, "issued", DateTimeOffset.UtcNow, null, null)));
        return new IssuedAnswerCodes(campaignId, classId, issued, 0);
    }

    public async Task<AnswerCodeStatus> RevokeAnswerCodeAsync(Guid codeId, CancellationToken ct = default)
    {
        await ActAsync();
        Revoked.Add(codeId);
        return Replace(codeId, "revoked");
    }

    public async Task<IssuedAnswerCode> ReissueAnswerCodeAsync(Guid codeId, CancellationToken ct = default)
    {
        await ActAsync();
        Reissued.Add(codeId);
        var old = Replace(codeId, "revoked");
        var fresh = new IssuedAnswerCode(Guid.NewGuid(), old.StudentId, "NEWCODE9");
        Codes.Values.First(l => l.Any(c => c.CodeId == codeId)).Add(new AnswerCodeStatus(fresh.CodeId, fresh.StudentId, "issued", DateTimeOffset.UtcNow, null, null));
        return fresh;
    }

    // A student's case: plans kept here as the API answers them, the calls recorded.
    public List<InterventionPlan> Plans { get; } = [];
    public List<PartnerAgency> Agencies { get; } = [];
    public List<StudentReferral> Referrals { get; } = [];
    public List<NewReferral> Referred { get; } = [];
    public List<(Guid PlanId, Guid FollowUpId, string? Note)> FollowUpsDone { get; } = [];
    public List<(Guid PlanId, DateOnly? DueOn)> FollowUpsAdded { get; } = [];
    public List<NewPlan> Opened { get; } = [];
    public List<NewReturnAssessment> Returns { get; } = [];

    public Task<IReadOnlyList<InterventionPlan>> PlansAsync(Guid studentId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<InterventionPlan>>(Plans.Where(p => p.StudentId == studentId).ToList());

    public async Task<InterventionPlan> OpenPlanAsync(Guid studentId, NewPlan plan, CancellationToken ct = default)
    {
        await ActAsync();
        Opened.Add(plan);
        var opened = new InterventionPlan(Guid.NewGuid(), studentId, Guid.NewGuid(), plan.OwnerStaffId ?? Guid.Empty, "open", false, DateTimeOffset.UtcNow, null, null,
            plan.Actions, plan.FollowUps.Select(d => new PlanFollowUp(Guid.NewGuid(), d, "plan", null, null)).ToList(), []);
        Plans.Insert(0, opened);
        return opened;
    }

    public async Task<InterventionPlan> AddFollowUpAsync(Guid planId, NewFollowUp followUp, CancellationToken ct = default)
    {
        await ActAsync();
        FollowUpsAdded.Add((planId, followUp.DueOn));
        return ReplacePlan(planId, p => p with { FollowUps = [.. p.FollowUps, new PlanFollowUp(Guid.NewGuid(), followUp.DueOn!.Value, "plan", null, null)] });
    }

    public async Task<InterventionPlan> FollowUpDoneAsync(Guid planId, Guid followUpId, FollowUpDone done, CancellationToken ct = default)
    {
        await ActAsync();
        FollowUpsDone.Add((planId, followUpId, done.Note));
        return ReplacePlan(planId, p => p with
        {
            FollowUps = p.FollowUps.Select(f => f.Id == followUpId ? f with { DoneAt = DateTimeOffset.UtcNow, Note = done.Note } : f).ToList(),
        });
    }

    public Task<IReadOnlyList<PartnerAgency>> PartnerAgenciesAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<PartnerAgency>>(Agencies);

    public Task<IReadOnlyList<StudentReferral>> ReferralsAsync(Guid studentId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<StudentReferral>>(Referrals.Where(r => r.Referral.StudentId == studentId).ToList());

    public async Task<StudentReferral> ReferAsync(Guid studentId, NewReferral referral, CancellationToken ct = default)
    {
        Referred.Add(referral);
        await ActAsync();
        var made = new StudentReferral(new PartnerReferral(Guid.NewGuid(), studentId, Guid.NewGuid(), referral.ReasonCode ?? "", DateTimeOffset.UtcNow, "sent", null, []),
            referral.AgencyId ?? "", referral.ReasonText);
        Referrals.Insert(0, made);
        return made;
    }

    public async Task<ReturnAssessment> AssessReturnAsync(Guid studentId, NewReturnAssessment assessment, CancellationToken ct = default)
    {
        Returns.Add(assessment);
        await ActAsync();
        return new ReturnAssessment(Guid.NewGuid(), studentId, Plans.First(p => p.Status == "open").Id, assessment.Outcome ?? "", []);
    }

    private InterventionPlan ReplacePlan(Guid planId, Func<InterventionPlan, InterventionPlan> change)
    {
        var i = Plans.FindIndex(p => p.Id == planId);
        Plans[i] = change(Plans[i]);
        return Plans[i];
    }

    private AnswerCodeStatus Replace(Guid codeId, string status)
    {
        var list = Codes.Values.First(l => l.Any(c => c.CodeId == codeId));
        var i = list.FindIndex(c => c.CodeId == codeId);
        list[i] = list[i] with { Status = status };
        return list[i];
    }
}
