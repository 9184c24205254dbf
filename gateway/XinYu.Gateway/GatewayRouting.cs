using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;

namespace XinYu.Gateway;

public static class GatewayRouting
{
    public static IHostApplicationBuilder AddGatewayRouting(this IHostApplicationBuilder builder)
    {
        var backends = Backend.From(builder.Configuration);
        var web = WebAppRouting.From(builder.Configuration);
        // Destinations are "http://records-api"; service discovery turns each into the service's endpoints
        // (services__records-api__http__0 from the AppHost, the Kubernetes Service's address in a cluster).
        builder.Services.AddReverseProxy()
            .LoadFromMemory([.. Routes(backends), .. WebAppRouting.Routes(web)], [.. Clusters(backends), .. WebAppRouting.Clusters(web)])
            .AddServiceDiscoveryDestinationResolver()
            .AddReplicaDestinations(builder.Configuration); // a headless Service's pods, one destination each (ReplicaDestinations.cs)

        // The gateway's own /health reports each backend's readiness, as Degraded rather than Unhealthy: one backend
        // down must not take the gateway out of its Service (Kubernetes readiness), or every route would go with it.
        builder.Services.AddHttpClient(BackendHealthCheck.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(5));
        var health = builder.Services.AddHealthChecks();
        foreach (var backend in web is null ? backends : [.. backends, web])
        {
            health.Add(new HealthCheckRegistration(backend.ServiceName,
                sp => new BackendHealthCheck(sp.GetRequiredService<IHttpClientFactory>(), backend),
                HealthStatus.Degraded, ["ready"]));
        }
        return builder;
    }

    /// <summary>The identity server's own paths: OpenID Connect discovery, the protocol endpoints, the sign-in page.</summary>
    public static readonly IReadOnlyList<string> IdentityPaths = ["/.well-known/{**rest}", "/connect/{**rest}", "/account/{**rest}"];

    /// <summary>
    /// API paths a service serves without a XinYu token because the request carries its own credential: a calendar
    /// feed's revocable token (calendar apps send no bearer token), a student's one-time answer code (in the body;
    /// students have no accounts). The service checks it and answers 404 or a problem naming the field otherwise.
    /// The per-caller limit applies per address here; the code's own guessing limits are the service's (per code and
    /// per campaign, docs/screening.md), since a whole computer room shares one address.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> AnonymousApiPaths = new Dictionary<string, string[]>
    {
        ["calendar"] = ["/api/calendar/ics/{token}"],
        ["screening"] = ["/api/screening/answer-codes/redeem", "/api/screening/answer-codes/submissions"],
    };

    public static IReadOnlyList<RouteConfig> Routes(IEnumerable<Backend> backends) => backends.SelectMany(backend => new[]
    {
        new RouteConfig
        {
            RouteId = $"{backend.PathName}-api",
            ClusterId = backend.PathName,
            Match = new RouteMatch { Path = $"/api/{backend.PathName}/{{**rest}}" },
            AuthorizationPolicy = GatewayPolicies.ApiAuthorization,
            RateLimiterPolicy = GatewayPolicies.PerCallerRateLimit,
        },
        // Each service's OpenAPI document, for the documentation page.
        new RouteConfig
        {
            RouteId = $"{backend.PathName}-openapi",
            ClusterId = backend.PathName,
            Match = new RouteMatch { Path = $"/openapi/{backend.PathName}.json" },
            Order = -1, // ahead of the gateway's own (empty) OpenAPI endpoint
            AuthorizationPolicy = GatewayPolicies.Anonymous,
            Transforms = [new Dictionary<string, string> { ["PathSet"] = "/openapi/v1.json" }],
        },
    }.Concat(AnonymousApiPaths.GetValueOrDefault(backend.PathName, []).Select((path, i) => new RouteConfig
    {
        RouteId = $"{backend.PathName}-anonymous-{i}",
        ClusterId = backend.PathName,
        Match = new RouteMatch { Path = path },
        Order = -1, // ahead of the service's token-checked /api/{name}/{**rest}
        AuthorizationPolicy = GatewayPolicies.Anonymous,
        RateLimiterPolicy = GatewayPolicies.PerCallerRateLimit,
    })).Concat(backend.ServiceName == "identity-api"
        ? IdentityPaths.Select((path, i) => new RouteConfig
        {
            RouteId = $"identity-protocol-{i}",
            ClusterId = backend.PathName,
            Match = new RouteMatch { Path = path },
            AuthorizationPolicy = GatewayPolicies.Anonymous, // the identity server authenticates these itself
            RateLimiterPolicy = GatewayPolicies.PerCallerRateLimit,
        })
        : [])).ToList();

    public static IReadOnlyList<ClusterConfig> Clusters(IEnumerable<Backend> backends) => backends.Select(backend => new ClusterConfig
    {
        ClusterId = backend.PathName,
        Destinations = new Dictionary<string, DestinationConfig> { [backend.ServiceName] = new() { Address = backend.Address } },
        // A backend that stops answering leaves the rotation, and its routes answer 503 while the rest go on.
        HealthCheck = new HealthCheckConfig
        {
            // Not YARP's default (HealthyOrPanic), which sends to every destination when none is healthy: a killed
            // service whose address still accepts connections (DCP's proxy locally, a node holding a dead pod's
            // sockets) would then hold each request until it timed out, instead of the 503 that says "try again".
            AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyAndUnknown,
            Active = new ActiveHealthCheckConfig
            {
                Enabled = true,
                Interval = TimeSpan.FromSeconds(5),
                Timeout = TimeSpan.FromSeconds(3),
                Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                Path = "/alive",
            },
            Passive = new PassiveHealthCheckConfig
            {
                Enabled = true,
                Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate,
                ReactivationPeriod = TimeSpan.FromSeconds(10),
            },
        },
    }).ToList();
}
