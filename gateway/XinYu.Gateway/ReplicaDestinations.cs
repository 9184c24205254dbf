using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace XinYu.Gateway;

/// <summary>
/// <c>Gateway:ReplicaDestinations</c>: the services whose replicas the gateway must tell apart. A Kubernetes Service
/// with a cluster address hides its pods behind one address, so YARP sees one destination and its session affinity
/// cannot keep a browser on the web app's replica that holds its Blazor circuit. The Kubernetes publisher makes such a
/// service headless (its name resolves to each ready pod's address) and names it here; the gateway then turns each
/// address into a destination of its own.
/// </summary>
public sealed class ReplicaDestinationsSettings
{
    public const string Section = "Gateway:ReplicaDestinations";

    /// <summary>Service names (as in <c>services__web__http__0</c>), e.g. <c>web</c>. Empty: nothing is split.</summary>
    public List<string> Services { get; set; } = [];

    /// <summary>How often the addresses are looked up again: a new pod takes browsers after this, a gone pod's address is dropped.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Wraps service discovery's destination resolver: a destination of a service named in
/// <see cref="ReplicaDestinationsSettings"/> becomes one destination per address its host name resolves to (named
/// <c>web[http://10.1.2.3:8080/]</c>, so every gateway replica names a pod alike and an affinity cookie set by one is
/// understood by all). The Host header stays the service's name. If the lookup fails, the destination stays as service
/// discovery gave it: one address that still reaches some replica beats none.
/// </summary>
public sealed class ReplicaDestinationResolver(
    IDestinationResolver inner,
    IOptions<ReplicaDestinationsSettings> settings,
    Func<string, CancellationToken, Task<IPAddress[]>> lookUp,
    TimeProvider time,
    ILogger<ReplicaDestinationResolver> logger) : IDestinationResolver
{
    public async ValueTask<ResolvedDestinationCollection> ResolveDestinationsAsync(
        IReadOnlyDictionary<string, DestinationConfig> destinations, CancellationToken cancellationToken)
    {
        var resolved = await inner.ResolveDestinationsAsync(destinations, cancellationToken);
        var split = settings.Value.Services;
        if (split.Count == 0 || !destinations.Keys.Any(split.Contains))
            return resolved;

        var results = new Dictionary<string, DestinationConfig>();
        foreach (var (name, config) in resolved.Destinations)
        {
            var service = split.FirstOrDefault(s => name == s || name.StartsWith(s + "[", StringComparison.Ordinal));
            if (service is null || !Uri.TryCreate(config.Address, UriKind.Absolute, out var address) || address.HostNameType != UriHostNameType.Dns)
            {
                results[name] = config;
                continue;
            }
            IPAddress[] addresses;
            try
            {
                addresses = await lookUp(address.DnsSafeHost, cancellationToken);
            }
            catch (SocketException e)
            {
                logger.LogWarning(e, "The replicas of {Service} could not be looked up; its destination stays one address", service);
                addresses = [];
            }
            // A dual-stack cluster answers a pod's IPv4 and IPv6 address: one destination per pod, not two.
            if (addresses.Any(a => a.AddressFamily == AddressFamily.InterNetwork))
                addresses = [.. addresses.Where(a => a.AddressFamily == AddressFamily.InterNetwork)];
            if (addresses.Length == 0)
            {
                results[name] = config;
                continue;
            }
            foreach (var ip in addresses.OrderBy(a => a.ToString(), StringComparer.Ordinal))
            {
                var replica = new UriBuilder(address) { Host = ip.ToString() }.Uri.ToString();
                results[$"{service}[{replica}]"] = config with { Address = replica, Host = config.Host ?? address.Authority };
            }
        }

        // Look again after the interval (pods come and go) and whenever service discovery's own answer changes.
        var refresh = new CancellationTokenSource(settings.Value.RefreshInterval, time);
        IChangeToken again = new CancellationChangeToken(refresh.Token);
        return new ResolvedDestinationCollection(results,
            resolved.ChangeToken is { } discovery ? new CompositeChangeToken([discovery, again]) : again);
    }
}

public static class ReplicaDestinationsSetup
{
    /// <summary>Call after <c>AddServiceDiscoveryDestinationResolver</c>: wraps the resolver it registered.</summary>
    public static IReverseProxyBuilder AddReplicaDestinations(this IReverseProxyBuilder proxy, IConfiguration configuration)
    {
        var services = proxy.Services;
        services.AddOptions<ReplicaDestinationsSettings>().Bind(configuration.GetSection(ReplicaDestinationsSettings.Section))
            .Validate(s => s.RefreshInterval > TimeSpan.Zero, $"{ReplicaDestinationsSettings.Section}:RefreshInterval must be positive.")
            .ValidateOnStart();
        var discovery = services.Last(d => d.ServiceType == typeof(IDestinationResolver));
        if (discovery.ImplementationType is not { } discoveryType)
            throw new InvalidOperationException("Service discovery's destination resolver was not registered by type.");
        services.Remove(discovery);
        services.AddSingleton<IDestinationResolver>(sp => new ReplicaDestinationResolver(
            (IDestinationResolver)ActivatorUtilities.CreateInstance(sp, discoveryType),
            sp.GetRequiredService<IOptions<ReplicaDestinationsSettings>>(),
            (host, cancel) => Dns.GetHostAddressesAsync(host, cancel),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<ReplicaDestinationResolver>>()));
        return proxy;
    }
}
