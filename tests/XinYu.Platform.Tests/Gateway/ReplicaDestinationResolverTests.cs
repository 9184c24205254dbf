using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;
using XinYu.Gateway;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace XinYu.Platform.Tests.Gateway;

/// <summary>In a city deployment the web app's headless Service resolves to each pod: the gateway needs one destination per pod.</summary>
public sealed class ReplicaDestinationResolverTests
{
    private static readonly Dictionary<string, DestinationConfig> Web = new() { ["web"] = new() { Address = "http://web" } };

    [Fact]
    public async Task A_named_service_becomes_one_destination_per_pod_address_with_the_service_name_as_host()
    {
        var resolver = Resolver(["web"], _ => [IPAddress.Parse("10.0.0.7"), IPAddress.Parse("10.0.0.5"), IPAddress.Parse("fd00::5")]);

        var resolved = await resolver.ResolveDestinationsAsync(Web, CancellationToken.None);

        // IPv4 only when the cluster answers both (a dual-stack pod is one replica), ordered, named alike on every gateway replica.
        Assert.Equal(["web[http://10.0.0.5:8080/]", "web[http://10.0.0.7:8080/]"], resolved.Destinations.Keys.Order());
        Assert.All(resolved.Destinations.Values, d => Assert.Equal("web:8080", d.Host));
        Assert.Equal("http://10.0.0.5:8080/", resolved.Destinations["web[http://10.0.0.5:8080/]"].Address);
    }

    [Fact]
    public async Task Other_services_and_a_failed_lookup_keep_what_service_discovery_gave()
    {
        var records = new Dictionary<string, DestinationConfig> { ["records-api"] = new() { Address = "http://records-api" } };
        var lookups = 0;
        var resolver = Resolver(["web"], _ => { lookups++; return [IPAddress.Parse("10.0.0.5")]; });
        var notSplit = await resolver.ResolveDestinationsAsync(records, CancellationToken.None);
        Assert.Equal(["records-api[http://records-api:8080/]"], notSplit.Destinations.Keys);
        Assert.Equal(0, lookups);

        var failing = Resolver(["web"], _ => throw new SocketException((int)SocketError.HostNotFound));
        var kept = await failing.ResolveDestinationsAsync(Web, CancellationToken.None);
        Assert.Equal("http://web:8080/", Assert.Single(kept.Destinations).Value.Address);
    }

    [Fact]
    public async Task The_addresses_are_looked_up_again_after_the_refresh_interval()
    {
        var time = new FakeTimeProvider();
        var resolver = Resolver(["web"], _ => [IPAddress.Parse("10.0.0.5")], time);

        var resolved = await resolver.ResolveDestinationsAsync(Web, CancellationToken.None);
        Assert.False(resolved.ChangeToken!.HasChanged);
        time.Advance(TimeSpan.FromSeconds(11));
        Assert.True(resolved.ChangeToken.HasChanged); // YARP resolves again: a new pod joins, a gone one leaves
    }

    private static ReplicaDestinationResolver Resolver(List<string> services, Func<string, IPAddress[]> dns, TimeProvider? time = null) =>
        new(new DiscoveryStandIn(), Options.Create(new ReplicaDestinationsSettings { Services = services }),
            (host, _) => Task.FromResult(dns(host)), time ?? TimeProvider.System, NullLogger<ReplicaDestinationResolver>.Instance);

    /// <summary>What service discovery gives for a Kubernetes Service name: its name and port, once.</summary>
    private sealed class DiscoveryStandIn : IDestinationResolver
    {
        public ValueTask<ResolvedDestinationCollection> ResolveDestinationsAsync(IReadOnlyDictionary<string, DestinationConfig> destinations, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new ResolvedDestinationCollection(
                destinations.ToDictionary(d => $"{d.Key}[{d.Value.Address}:8080/]", d => d.Value with { Address = $"{d.Value.Address}:8080/" }),
                new CancellationChangeToken(CancellationToken.None)));
    }
}
