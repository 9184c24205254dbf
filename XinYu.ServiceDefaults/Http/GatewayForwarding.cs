using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace XinYu.ServiceDefaults.Http;

/// <summary>
/// Who may tell a service the client's address (section <c>ForwardedHeaders</c>): the gateway only. Its
/// <c>X-Forwarded-For</c> is honoured when the connection comes from <see cref="KnownProxies"/> or
/// <see cref="KnownNetworks"/> (locally loopback, where the gateway runs; in Kubernetes the pod network), so the
/// audit trail records the real client; the same header from anyone else is ignored, and the connection's own
/// address is recorded.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Single addresses of proxies, e.g. "10.0.0.7".</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of proxies in CIDR form, e.g. "10.244.0.0/16". Empty: loopback only.</summary>
    public string[] KnownNetworks { get; set; } = [];
}

public static class GatewayForwarding
{
    internal static IServiceCollection AddGatewayForwarding(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(ForwardedHeadersSettings.Section).Get<ForwardedHeadersSettings>() ?? new();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            // One hop: the gateway appends (YARP sets) the address it saw; whatever a client wrote before it is not
            // the gateway's word and is not taken.
            options.ForwardLimit = 1;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in settings.KnownProxies) options.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in settings.KnownNetworks) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            if (settings.KnownProxies.Length == 0 && settings.KnownNetworks.Length == 0)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("127.0.0.0/8"));
                options.KnownProxies.Add(IPAddress.IPv6Loopback);
            }
        });
        return services;
    }

    /// <summary>
    /// Services honour the gateway's header. The gateway itself is the edge: it takes a forwarded header only when a
    /// city puts a proxy of its own in front and names it in the gateway's <c>ForwardedHeaders</c> section.
    /// </summary>
    internal static void UseGatewayForwarding(this WebApplication app, bool isEdge)
    {
        if (isEdge && !app.Configuration.GetSection(ForwardedHeadersSettings.Section).Exists()) return;
        app.UseForwardedHeaders();
    }
}
