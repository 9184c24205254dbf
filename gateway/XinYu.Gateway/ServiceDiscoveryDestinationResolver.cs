using System.Net;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.ServiceDiscovery;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace XinYu.Gateway;

/// <summary>
/// Resolves "http://records-api" to its endpoints through Microsoft.Extensions.ServiceDiscovery (configuration
/// locally, DNS in Kubernetes). Stands in for Microsoft.Extensions.ServiceDiscovery.Yarp, which is not served here.
/// </summary>
internal sealed class ServiceDiscoveryDestinationResolver(ServiceEndpointResolver resolver) : IDestinationResolver
{
    public async ValueTask<ResolvedDestinationCollection> ResolveDestinationsAsync(
        IReadOnlyDictionary<string, DestinationConfig> destinations, CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<string, DestinationConfig>();
        var changes = new List<IChangeToken>();
        foreach (var (name, destination) in destinations)
        {
            var original = new Uri(destination.Address);
            var source = await resolver.GetEndpointsAsync(destination.Address, cancellationToken);
            changes.Add(source.ChangeToken);
            var index = 0;
            foreach (var endpoint in source.Endpoints)
            {
                var address = endpoint.EndPoint switch
                {
                    UriEndPoint uri => uri.Uri.ToString(),
                    DnsEndPoint dns => $"{original.Scheme}://{dns.Host}:{dns.Port}",
                    IPEndPoint ip => $"{original.Scheme}://{ip}",
                    var other => other.ToString()!,
                };
                resolved[$"{name}[{index++}]"] = destination with { Address = address, Host = original.Authority };
            }
        }
        return new ResolvedDestinationCollection(resolved, new CompositeChangeToken(changes));
    }
}
