using Yarp.ReverseProxy.Configuration;

namespace XinYu.Gateway;

/// <summary>
/// The staff web app (resource <c>web</c>) behind the gateway: every path no API, identity or gateway route takes
/// (the gateway's own /health, /docs and the /api, /openapi, /connect, /account and /.well-known routes come first).
/// The web app signs its users in itself, so the gateway lets its pages through without a token, with the address's
/// rate limit. Blazor keeps a WebSocket (its circuit) to the replica that rendered the page, so a browser sticks to
/// one replica (YARP's session affinity, by a cookie of its own).
/// </summary>
public static class WebAppRouting
{
    public const string ServiceName = "web";
    public const string ClusterId = "web";
    public const string AffinityCookie = "xinyu.affinity";

    /// <summary>The web app's backend, when the AppHost (or Kubernetes) names one (<c>services__web__http__0</c>).</summary>
    public static Backend? From(IConfiguration configuration) =>
        configuration.GetSection($"services:{ServiceName}").Exists() ? new Backend(ServiceName) : null;

    public static IEnumerable<RouteConfig> Routes(Backend? web) => web is null ? [] :
    [
        new RouteConfig
        {
            RouteId = "web",
            ClusterId = ClusterId,
            Match = new RouteMatch { Path = "/{**rest}" },
            Order = 1000, // after every other route: the API's paths never reach the web app
            AuthorizationPolicy = GatewayPolicies.Anonymous,
            RateLimiterPolicy = GatewayPolicies.PerCallerRateLimit,
        },
    ];

    public static IEnumerable<ClusterConfig> Clusters(Backend? web) => web is null ? [] :
    [
        GatewayRouting.Clusters([web])[0] with
        {
            ClusterId = ClusterId,
            SessionAffinity = new SessionAffinityConfig
            {
                Enabled = true,
                Policy = "HashCookie", // the cookie names a replica by a hash, not by its address
                FailurePolicy = "Redistribute", // a replica gone: the next page load goes to another, and signs in from the shared session
                AffinityKeyName = AffinityCookie,
                Cookie = new SessionAffinityCookieConfig { HttpOnly = true, SameSite = SameSiteMode.Lax, SecurePolicy = CookieSecurePolicy.SameAsRequest },
            },
        },
    ];
}
