using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using XinYu.ServiceDefaults.Auth;

namespace XinYu.Gateway;

/// <summary>
/// Who may call which route, and how often. The gateway turns away calls without a valid XinYu token before they
/// reach a service (each service checks the token again, and the caller's roles and schools, itself).
/// </summary>
public static class GatewayPolicies
{
    public const string Anonymous = "anonymous"; // YARP's built-in name for "no authorization"
    public const string ApiAuthorization = "default"; // YARP's name for the default policy: a valid token
    public const string PerClientRateLimit = "per-client";

    public static IHostApplicationBuilder AddGatewayProtection(this IHostApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection("Gateway:RateLimit").Get<RateLimitSettings>() ?? new RateLimitSettings();
        builder.AddXinYuJwtAuthentication();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(PerClientRateLimit, context => RateLimitPartition.GetTokenBucketLimiter(ClientOf(context), _ =>
                new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.Burst,
                    TokensPerPeriod = limits.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            options.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = 429, Title = "Too many requests; slow down and retry after the given time." },
                });
            };
        });
        return builder;
    }

    /// <summary>A token's client (partner agency) or subject (staff); the caller's address before sign-in exists.</summary>
    private static string ClientOf(HttpContext context) =>
        context.User.FindFirstValue("client_id")
        ?? context.User.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? context.Connection.RemoteIpAddress?.ToString()
        ?? "unknown";

    private sealed record RateLimitSettings
    {
        public int PermitsPerSecond { get; init; } = 2000;
        public int Burst { get; init; } = 4000;
    }
}
