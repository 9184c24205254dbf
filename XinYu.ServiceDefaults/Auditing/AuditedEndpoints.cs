using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace XinYu.ServiceDefaults.Auditing;

/// <summary>Marks an endpoint as touching students' data of <see cref="ResourceType"/>, kept in <see cref="Context"/>.</summary>
public sealed record AuditedDataMetadata(string ResourceType, Type Context);

/// <summary>
/// Audits what no handler can: every read of a marked endpoint, and every refusal, whether the authorization
/// middleware refused the caller (403 before any handler ran) or the handler did (403, or 404 where existence is
/// itself sensitive). Changes are audited by the handler, inside the transaction that makes them.
/// The student is the route value <c>studentId</c> when the route has one; the purpose is the caller's
/// <c>X-Purpose</c> header (required by endpoints that read counselling notes).
/// </summary>
public static class AuditedEndpoints
{
    public const string PurposeHeader = "X-Purpose";

    public static TBuilder AuditedAs<TContext, TBuilder>(this TBuilder builder, string resourceType)
        where TContext : DbContext where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new AuditedDataMetadata(resourceType, typeof(TContext)));
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var result = await next(invocation);
            var http = invocation.HttpContext;
            // Results<Ok<T>, NotFound> wraps the result that decides the status: look inside.
            var decided = result is INestedHttpResult nested ? nested.Result : result;
            var status = decided is IStatusCodeHttpResult { StatusCode: { } code } ? code : http.Response.StatusCode;
            var action = status is StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound ? AuditTrail.Actions.Denied
                : HttpMethods.IsGet(http.Request.Method) && status < 300 ? AuditTrail.Actions.Read
                : null;
            if (action is not null) await RecordAsync(http, action);
            return result;
        });
        return builder;
    }

    /// <summary>Writes one entry for the current request in its own unit of work (a read changes nothing else).</summary>
    internal static async Task RecordAsync(HttpContext http, string action)
    {
        var metadata = http.GetEndpoint()?.Metadata.GetMetadata<AuditedDataMetadata>();
        if (metadata is null) return;
        var db = (DbContext)http.RequestServices.GetRequiredService(metadata.Context);
        var studentId = Guid.TryParse(http.GetRouteValue("studentId")?.ToString(), out var id) ? id : (Guid?)null;
        var purpose = http.Request.Headers[PurposeHeader].ToString();
        http.RequestServices.GetRequiredService<AuditTrail>().Record(db, new AuditRecord(action, metadata.ResourceType,
            ResourceId: http.Request.Path, StudentId: studentId, Purpose: string.IsNullOrWhiteSpace(purpose) ? null : purpose[..Math.Min(purpose.Length, 500)]));
        await db.SaveChangesAsync(http.RequestAborted);
    }
}

/// <summary>Audits refusals by the authorization middleware on audited endpoints, then answers as usual.</summary>
internal sealed class AuditingAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            await AuditedEndpoints.RecordAsync(context, AuditTrail.Actions.Denied);
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
