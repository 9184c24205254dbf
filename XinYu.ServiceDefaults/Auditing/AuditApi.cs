using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Secrets;

namespace XinYu.ServiceDefaults.Auditing;

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, long? NextAfter);

/// <summary>The auditor's read-only view of a service's trail: /api/{service}/audit and /api/{service}/audit/verify.</summary>
public static class AuditApi
{
    /// <summary>The key of the audit chain's HMAC: kept out of the database, so the database's own role cannot recompute
    /// the chain. Every auditing service needs one of its own.</summary>
    public const string ChainKeySetting = "Audit:ChainKey";

    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        services.RequireSecret(ChainKeySetting);
        services.AddHttpContextAccessor();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<AuditTrail>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapAuditApi<TContext>(this IEndpointRouteBuilder app, string service) where TContext : DbContext
    {
        var audit = app.MapGroup($"/api/{service}/audit").WithTags("Audit").RequireAuthorization(XinYuRoles.Auditor);
        // Handlers take the context from the request's services: the route analyzer cannot follow generic parameters.
        audit.MapGet("/", (HttpContext http, Guid? studentId, string? actorId, DateTimeOffset? from, DateTimeOffset? to, long? after, int? take) =>
            ListAsync(http.RequestServices.GetRequiredService<TContext>(), studentId, actorId, from, to, after, take, http.RequestAborted));
        audit.MapGet("/verify", async (HttpContext http) =>
            TypedResults.Ok(await VerifyAsync(http.RequestServices.GetRequiredService<TContext>(), http.RequestAborted)));
        return app;
    }

    private static async Task<Ok<AuditPage>> ListAsync(DbContext db, Guid? studentId, string? actorId,
        DateTimeOffset? from, DateTimeOffset? to, long? after, int? take, CancellationToken ct)
    {
        var query = db.Set<AuditEntry>().AsNoTracking().Where(e => e.Sequence > (after ?? 0));
        if (studentId is not null) query = query.Where(e => e.StudentId == studentId);
        if (actorId is not null) query = query.Where(e => e.ActorId == actorId);
        if (from is not null) query = query.Where(e => e.OccurredAt >= from);
        if (to is not null) query = query.Where(e => e.OccurredAt < to);
        var size = Math.Clamp(take ?? 100, 1, 1000);
        var entries = await query.OrderBy(e => e.Sequence).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new AuditPage(entries, entries.Count == size ? entries[^1].Sequence : null));
    }

    public static async Task<AuditVerification> VerifyAsync(DbContext db, CancellationToken ct)
    {
        var head = await db.Set<AuditHead>().AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, ct);
        var entries = db.Set<AuditEntry>().AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable();
        return await AuditChain.VerifyAsync(entries, head?.LastSequence ?? 0, head?.LastHash ?? "", ct);
    }
}
