using System.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Secrets;
using XinYu.ServiceDefaults.Http;

namespace XinYu.ServiceDefaults.Auditing;

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, long? NextAfter);

/// <summary>The auditor's read-only view of a service's trail: /api/{service}/audit and /api/{service}/audit/verify.</summary>
public static class AuditApi
{
    /// <summary>The key of the audit chain's HMAC: kept out of the database, so the database's own role cannot recompute
    /// the chain. Every auditing service needs one of its own.</summary>
    public const string ChainKeySetting = "Audit:ChainKey";

    /// <summary>The trail kept in <typeparamref name="TContext"/>: recording, the chain's key and its sealer.</summary>
    public static IServiceCollection AddAuditTrail<TContext>(this IServiceCollection services) where TContext : DbContext
    {
        services.RequireSecret(ChainKeySetting);
        services.AddHttpContextAccessor();
        services.AddScoped<AuditTrail>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();
        services.AddOptions<AuditChainOptions>().BindConfiguration(AuditChainOptions.Section)
            .Configure<IHostEnvironment>((options, environment) =>
            {
                if (string.IsNullOrEmpty(options.ChainKey) && environment.IsDevelopment()) options.ChainKey = AuditChainOptions.DevelopmentKey;
            })
            .Validate(o => o.ChainKey is { Length: >= 32 }, "Audit:ChainKey must be set to a secret of at least 32 characters (docs/operations.md).")
            .Validate(o => o.SealInterval > TimeSpan.Zero && o.SealBatchSize > 0 && o.MaxUnsealedAge > TimeSpan.Zero,
                "Audit:SealInterval, Audit:SealBatchSize and Audit:MaxUnsealedAge are greater than 0.")
            .ValidateOnStart();
        services.AddSingleton<AuditSealerState>();
        services.AddHostedService<AuditSealer<TContext>>();
        services.AddHealthChecks().AddCheck<AuditSealerHealthCheck>("audit-sealer");
        return services;
    }

    public static IEndpointRouteBuilder MapAuditApi<TContext>(this IEndpointRouteBuilder app, string service) where TContext : DbContext
    {
        var audit = app.MapGroup($"/api/{service}/audit").WithTags("Audit").ProducesProblems().RequireAuthorization(XinYuRoles.Auditor);
        // Handlers take the context from the request's services: the route analyzer cannot follow generic parameters.
        audit.MapGet("/", (HttpContext http, Guid? studentId, string? actorId, DateTimeOffset? from, DateTimeOffset? to, long? after, int? take) =>
            ListAsync(http.RequestServices.GetRequiredService<TContext>(), CallerScope.From(http.User), studentId, actorId, from, to, after, take, http.RequestAborted));
        // Two parameters, so the lambda is a route handler: a lone HttpContext parameter with a Task result binds to
        // the RequestDelegate overload, which throws the result away (the answer was an empty 200).
        audit.MapGet("/verify", async Task<Ok<AuditVerification>> (HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await VerifyAsync(http.RequestServices.GetRequiredService<TContext>(),
                http.RequestServices.GetRequiredService<IOptions<AuditChainOptions>>().Value, http.RequestServices.GetRequiredService<TimeProvider>(), ct)));
        return app;
    }

    /// <summary>The caller's own bureau only: an auditor is the data-protection auditor of one bureau.</summary>
    private static async Task<Ok<AuditPage>> ListAsync(DbContext db, CallerScope caller, Guid? studentId, string? actorId,
        DateTimeOffset? from, DateTimeOffset? to, long? after, int? take, CancellationToken ct)
    {
        if (caller.BureauId is not { } bureau) return TypedResults.Ok(new AuditPage([], null));
        var query = db.Set<AuditEntry>().AsNoTracking().Where(e => e.BureauId == bureau && e.Sequence > (after ?? 0));
        if (studentId is not null) query = query.Where(e => e.StudentId == studentId);
        if (actorId is not null) query = query.Where(e => e.ActorId == actorId);
        if (from is not null) query = query.Where(e => e.OccurredAt >= from);
        if (to is not null) query = query.Where(e => e.OccurredAt < to);
        var size = Math.Clamp(take ?? 100, 1, 1000);
        var entries = await query.OrderBy(e => e.Sequence).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new AuditPage(entries, entries.Count == size ? entries[^1].Sequence : null));
    }

    /// <summary>
    /// Verifies the service's whole chain (one chain for every bureau: a gap or a recomputed row anywhere concerns every
    /// auditor; the answer carries counts and positions only, no other bureau's entries), and the unsealed tail.
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(DbContext db, AuditChainOptions options, TimeProvider time, CancellationToken ct)
    {
        // One snapshot for the head, the tail and the chain: the sealer commits while verify reads, and a head read
        // before a seal with rows read after it would look like a broken chain.
        await using var snapshot = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct)
            : null;
        var head = await db.Set<AuditHead>().AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, ct);
        var (unsealed, oldest) = await AuditSeal.UnsealedAsync(db, ct);
        var entries = db.Set<AuditEntry>().AsNoTracking().Where(e => e.ChainPosition != null).OrderBy(e => e.ChainPosition).AsAsyncEnumerable();
        var verification = await AuditChain.VerifyAsync(entries, head?.LastPosition ?? 0, head?.LastHash ?? "", options.KeyBytes, ct)
            with { Unsealed = unsealed, OldestUnsealedAt = oldest };
        return verification.Intact && oldest is { } at && time.GetUtcNow() - at > options.MaxUnsealedAge
            ? verification with { Intact = false, Problem = "rows were not sealed within Audit:MaxUnsealedAge" }
            : verification;
    }
}
