using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.Records.Consumers;
using XinYu.Records.Data;
using XinYu.Records.Domain;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;

namespace XinYu.Records.Apis;

public sealed record HandOverProposalRequest(Guid? ToSchoolId, Guid? ToClassId);
public sealed record HandOverAcceptRequest(Guid? ToClassId);
/// <summary>A proposal as one side sees it. The receiving side is not told which school holds the file until it moves.</summary>
public sealed record HandOverProposalView(Guid Id, Guid StudentId, Guid? FromSchoolId, Guid ToSchoolId, Guid? ToClassId, string ProposedBySide,
    string Status, DateTimeOffset ProposedAt, Guid? HandOverId);
public sealed record ReceiptView(Guid Id, Guid HandOverId, Guid StudentId, Guid SchoolId, string Direction, Guid FromSchoolId, Guid ToSchoolId,
    string HandedOverBy, string ApprovedBy, DateTimeOffset HandedOverAt);

/// <summary>
/// Hand-over (移交) inside the bureau, in two steps so that both schools act: the receiving school requests the file and
/// the holding school (or its bureau) accepts, or the holding school releases it and the receiving school accepts.
/// Accepting moves the whole file in one transaction (<see cref="HandOverMove"/>). A caller on neither side, or a
/// receiving school whose request was declined, gets 404 as for a student that does not exist: a school that holds
/// nothing about the student learns nothing.
/// </summary>
public static class HandOverApi
{
    public static RouteGroupBuilder MapHandOverApi(this RouteGroupBuilder api)
    {
        api.MapPost("/students/{studentId:guid}/hand-overs", ProposeAsync).RequireRoles(RecordsRoles.HandOver)
            .AuditedAs<RecordsDbContext, RouteHandlerBuilder>("hand-over-proposal");
        api.MapGet("/schools/{schoolId:guid}/hand-overs", ListAsync).RequireRoles(RecordsRoles.HandOver);
        api.MapPost("/hand-overs/{proposalId:guid}/accept", AcceptAsync).RequireRoles(RecordsRoles.HandOver)
            .AuditedAs<RecordsDbContext, RouteHandlerBuilder>("hand-over");
        api.MapPost("/hand-overs/{proposalId:guid}/decline", DeclineAsync).RequireRoles(RecordsRoles.HandOver)
            .AuditedAs<RecordsDbContext, RouteHandlerBuilder>("hand-over-declined");
        api.MapGet("/schools/{schoolId:guid}/hand-over-receipts", ReceiptsAsync).RequireRoles(RecordsRoles.ReceiptReaders);
        return api;
    }

    private static async Task<Results<Created<HandOverProposalView>, NotFound>> ProposeAsync(Guid studentId, HandOverProposalRequest request,
        HttpContext http, RecordsDbContext db, AuditTrail audit, TimeProvider clock)
    {
        var toSchoolId = RecordsApi.RequiredId(request.ToSchoolId, "toSchoolId");
        var caller = http.Caller();
        var student = await db.Students.AsNoTracking().SingleOrDefaultAsync(s => s.Id == studentId, http.RequestAborted);
        var toSchool = await db.Schools.AsNoTracking().SingleOrDefaultAsync(s => s.SchoolId == toSchoolId, http.RequestAborted);
        if (student is null || toSchool is null || student.BureauId != toSchool.BureauId || student.Status != StudentStatus.Active)
        {
            return TypedResults.NotFound();
        }
        // The bureau reaches both schools: it acts for the holding side, so the receiving school still has to accept.
        var side = caller.CanReachSchool(student.BureauId, student.SchoolId) ? HandOverSides.Holding
            : caller.CanReachSchool(toSchool.BureauId, toSchool.SchoolId) ? HandOverSides.Receiving
            : null;
        if (side is null) return TypedResults.NotFound();
        if (student.SchoolId == toSchoolId) throw new RequestRejectedException("toSchoolId", "The student is already at this school.");
        Guid? toClassId = null;
        if (side == HandOverSides.Receiving)
        {
            toClassId = (await OpenClassAsync(db, toSchoolId, RecordsApi.RequiredId(request.ToClassId, "toClassId"), http.RequestAborted)).ClassId;
        }
        else if (request.ToClassId is not null)
        {
            throw new RequestRejectedException("toClassId", "The receiving school names the class when it accepts the hand-over.");
        }

        var proposal = new HandOverProposal
        {
            Id = Guid.CreateVersion7(), StudentId = student.Id, BureauId = student.BureauId, FromSchoolId = student.SchoolId, ToSchoolId = toSchoolId,
            ToClassId = toClassId, ProposedBySide = side, ProposedBy = caller.Subject, ProposedAt = clock.GetUtcNow(),
        };
        db.HandOverProposals.Add(proposal);
        // Recorded against the school the caller acts for: a request is not a read of the holding school's file.
        audit.Record(db, new AuditRecord("hand-over-proposed", "hand-over", proposal.Id.ToString(), student.Id,
            side == HandOverSides.Holding ? student.SchoolId : toSchoolId));
        await db.SaveAsync(http.RequestAborted); // a pending proposal for the student already: 409
        return TypedResults.Created($"/api/records/hand-overs/{proposal.Id}", View(proposal, side));
    }

    private static async Task<Results<Ok<List<HandOverProposalView>>, NotFound>> ListAsync(Guid schoolId, HttpContext http, RecordsDbContext db,
        string? status = null)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is null) return TypedResults.NotFound();
        var query = db.HandOverProposals.AsNoTracking().Where(p => p.FromSchoolId == schoolId || p.ToSchoolId == schoolId);
        if (status is not null) query = query.Where(p => p.Status == status);
        var proposals = await query.OrderByDescending(p => p.ProposedAt).Take(1000).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(proposals
            .Select(p => (Proposal: p, Side: p.FromSchoolId == schoolId ? HandOverSides.Holding : HandOverSides.Receiving))
            .Where(x => Visible(x.Proposal, x.Side))
            .Select(x => View(x.Proposal, x.Side)).ToList());
    }

    private static async Task<Results<Ok<HandOverView>, NotFound>> AcceptAsync(Guid proposalId, HandOverAcceptRequest? request, HttpContext http,
        RecordsDbContext db, AuditTrail audit, TimeProvider clock)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(http.RequestAborted);
        var proposal = await db.HandOverProposals.FromSql($"SELECT * FROM hand_over_proposals WHERE id = {proposalId} FOR UPDATE")
            .SingleOrDefaultAsync(http.RequestAborted);
        if (proposal is null || SideOf(http.Caller(), proposal) is not { } side || !Visible(proposal, side)) return TypedResults.NotFound();
        RequireOtherSide(http.Caller(), proposal, side);
        if (proposal.ProposedBySide == HandOverSides.Holding)
        {
            proposal.ToClassId = (await OpenClassAsync(db, proposal.ToSchoolId, RecordsApi.RequiredId(request?.ToClassId, "toClassId"), http.RequestAborted)).ClassId;
        }
        else if (request?.ToClassId is not null)
        {
            throw new RequestRejectedException("toClassId", "The receiving school named the class with its request.");
        }
        var view = await HandOverMove.CompleteAsync(db, audit, clock, proposal, http.Caller().Subject, http.RequestAborted);
        await transaction.CommitAsync(http.RequestAborted);
        return TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<HandOverProposalView>, NotFound>> DeclineAsync(Guid proposalId, HttpContext http, RecordsDbContext db,
        AuditTrail audit, TimeProvider clock)
    {
        var proposal = await db.HandOverProposals.SingleOrDefaultAsync(p => p.Id == proposalId, http.RequestAborted);
        var caller = http.Caller();
        if (proposal is null || SideOf(caller, proposal) is not { } side || !Visible(proposal, side)) return TypedResults.NotFound();
        RequirePending(proposal);
        // The other side declines; the proposing side withdraws.
        proposal.Status = side == proposal.ProposedBySide ? HandOverStatus.Withdrawn : HandOverStatus.Declined;
        proposal.DecidedBy = caller.Subject;
        proposal.DecidedAt = clock.GetUtcNow();
        audit.Record(db, new AuditRecord("hand-over-" + proposal.Status, "hand-over", proposal.Id.ToString(), proposal.StudentId,
            side == HandOverSides.Holding ? proposal.FromSchoolId : proposal.ToSchoolId));
        await db.SaveAsync(http.RequestAborted);
        return TypedResults.Ok(View(proposal, side));
    }

    private static async Task<Results<Ok<List<ReceiptView>>, NotFound>> ReceiptsAsync(Guid schoolId, HttpContext http, RecordsDbContext db)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is null) return TypedResults.NotFound();
        var receipts = await db.Receipts.AsNoTracking().Where(r => r.SchoolId == schoolId).OrderByDescending(r => r.HandedOverAt).Take(1000)
            .ToListAsync(http.RequestAborted);
        return TypedResults.Ok(receipts.Select(View).ToList());
    }

    /// <summary>The side the caller acts for: the holding school (or its bureau) first, as when proposing.</summary>
    private static string? SideOf(CallerScope caller, HandOverProposal proposal) =>
        caller.CanReachSchool(proposal.BureauId, proposal.FromSchoolId) ? HandOverSides.Holding
        : caller.CanReachSchool(proposal.BureauId, proposal.ToSchoolId) ? HandOverSides.Receiving
        : null;

    /// <summary>
    /// A receiving school sees its own requests while they are open or once they went through; a declined one is gone
    /// for it, as if the student did not exist. The holding school sees everything about its students.
    /// </summary>
    private static bool Visible(HandOverProposal proposal, string side) =>
        side == HandOverSides.Holding || proposal.Status is HandOverStatus.Pending or HandOverStatus.Completed
            || (proposal.Status == HandOverStatus.Withdrawn && proposal.ProposedBySide == HandOverSides.Receiving);

    private static void RequirePending(HandOverProposal proposal)
    {
        if (proposal.Status != HandOverStatus.Pending) throw new RequestRejectedException("proposalId", $"The hand-over is already {proposal.Status}.");
    }

    private static void RequireOtherSide(CallerScope caller, HandOverProposal proposal, string side)
    {
        RequirePending(proposal);
        if (side == proposal.ProposedBySide || caller.Subject == proposal.ProposedBy)
        {
            throw new RequestRejectedException("proposalId", proposal.ProposedBySide == HandOverSides.Receiving
                ? "The school that holds the file (or the bureau) accepts this request, not the school that made it."
                : "The receiving school accepts this release, not the school that made it.");
        }
        // Accepting a release takes a person of the receiving school: the bureau cannot stand in for both schools.
        if (proposal.ProposedBySide == HandOverSides.Holding && caller.IsBureauStaff)
        {
            throw new RequestRejectedException("proposalId", "The receiving school accepts this release.");
        }
    }

    private static async Task<KnownClass> OpenClassAsync(RecordsDbContext db, Guid schoolId, Guid classId, CancellationToken ct) =>
        await db.Classes.AsNoTracking().SingleOrDefaultAsync(c => c.ClassId == classId && c.SchoolId == schoolId && !c.Closed, ct)
            ?? throw new RequestRejectedException("toClassId", "No open class of the new school has this id.");

    private static HandOverProposalView View(HandOverProposal p, string side) =>
        new(p.Id, p.StudentId, side == HandOverSides.Holding || p.Status == HandOverStatus.Completed ? p.FromSchoolId : null, p.ToSchoolId,
            p.ToClassId, p.ProposedBySide, p.Status, p.ProposedAt, p.HandOverId);

    internal static ReceiptView View(HandOverReceipt r) =>
        new(r.Id, r.HandOverId, r.StudentId, r.SchoolId, r.Direction, r.FromSchoolId, r.ToSchoolId, r.HandedOverBy, r.ApprovedBy, r.HandedOverAt);
}
