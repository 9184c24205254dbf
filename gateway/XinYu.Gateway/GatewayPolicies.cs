using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
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
    public const string PerCallerRateLimit = "per-caller";

    public static IHostApplicationBuilder AddGatewayProtection(this IHostApplicationBuilder builder)
    {
        builder.AddXinYuJwtAuthentication();
        builder.Services.AddOptions<RateLimitSettings>().BindConfiguration(RateLimitSettings.Section)
            .Validate(s => s.IsValid, $"{RateLimitSettings.Section}: every PermitsPerSecond and Burst must be above 0.")
            .ValidateOnStart();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(PerCallerRateLimit, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitSettings>>().Value;
                return RateLimitPartition.GetTokenBucketLimiter(CallerPartition.Of(context), partition =>
                {
                    var budget = limits.For(partition.Kind);
                    return new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = budget.Burst,
                        TokensPerPeriod = budget.PermitsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    };
                });
            });
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
}
