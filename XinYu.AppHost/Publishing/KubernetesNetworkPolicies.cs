using static XinYu.AppHost.Publishing.KubernetesConventions;

namespace XinYu.AppHost.Publishing;

/// <summary>
/// Who may talk to whom, from the model's references and nothing else: the namespace denies all traffic, then each pod
/// is let in by the projects that reference it (the gateway by anyone: it is the one public entry) and let out to what it
/// references. Policies only add, so a resource's own policy says everything about it.
/// </summary>
public static class KubernetesNetworkPolicies
{
    /// <summary>Deny everything in the namespace that no other policy allows, both ways.</summary>
    public static YamlMap DefaultDeny() => Policy("default-deny", new YamlMap(), ingress: [], egress: []);

    /// <summary>Name lookups, for every pod: Service names are how the suite finds its parts.</summary>
    public static YamlMap AllowDns() => Policy("allow-dns", new YamlMap(), ingress: null, egress:
    [
        new YamlMap { ["ports"] = new List<object> { Port(53, "UDP"), Port(53, "TCP") } },
    ]);

    /// <summary>
    /// A project: in from the projects that reference it (or from anywhere, for the external gateway); out to the
    /// projects and in-cluster servers it references, and to an OTLP collector wherever the city runs one.
    /// "Its own database" is enforced by credentials: a database is not a network peer, its server is.
    /// </summary>
    public static YamlMap ForProject(PublishedProject project, PublishedModel model)
    {
        var ingress = new List<object>();
        if (project.IsExternal)
        {
            // No "from": any source, including the ingress controller and clients outside the cluster.
            ingress.Add(new YamlMap { ["ports"] = new List<object> { Port(HttpPort) } });
        }
        else
        {
            var callers = model.OfType<PublishedProject>().Where(p => model.PeersOf(p).Contains(project)).ToList();
            if (callers.Count > 0)
            {
                ingress.Add(new YamlMap
                {
                    ["from"] = callers.Select(c => (object)PodPeer(c.Name)).ToList(),
                    ["ports"] = new List<object> { Port(HttpPort) },
                });
            }
        }

        var egress = new List<object>();
        foreach (var target in model.PeersOf(project))
        {
            egress.Add(new YamlMap
            {
                ["to"] = new List<object> { PodPeer(target.Name) },
                ["ports"] = new List<object> { Port(PortOf(target)) },
            });
        }
        egress.Add(new YamlMap { ["ports"] = OtlpPorts.Select(p => (object)Port(p)).ToList() });
        return Policy(project.Name, Selector(project.Name), ingress, egress);
    }

    /// <summary>A dev overlay's server: in from the projects that reference it (or one of its databases); never out.</summary>
    public static YamlMap ForServer(PublishedServer server, PublishedModel model)
    {
        var clients = model.OfType<PublishedProject>().Where(p => model.PeersOf(p).Contains(server)).ToList();
        List<object> ingress = clients.Count == 0 ? [] :
        [
            new YamlMap
            {
                ["from"] = clients.Select(c => (object)PodPeer(c.Name)).ToList(),
                ["ports"] = new List<object> { Port(server.Port) },
            },
        ];
        return Policy(server.Name, Selector(server.Name), ingress, egress: []);
    }

    /// <summary>
    /// A city overlay's way out to its managed servers, which are not pods: any address, on exactly the ports of the
    /// kinds of server the project references. A city that knows its servers' addresses narrows "0.0.0.0/0" to them.
    /// </summary>
    public static YamlMap ToManagedServers(PublishedProject project, PublishedModel model)
    {
        var ports = model.PeersOf(project).OfType<PublishedServer>()
            .SelectMany(s => s.ManagedPorts)
            .Distinct().Order().Select(p => (object)Port(p)).ToList();
        return Policy($"{project.Name}-managed-servers", Selector(project.Name), ingress: null, egress:
        [
            new YamlMap
            {
                ["to"] = new List<object> { new YamlMap { ["ipBlock"] = new YamlMap { ["cidr"] = "0.0.0.0/0" } } },
                ["ports"] = ports,
            },
        ]);
    }

    private static YamlMap Policy(string name, YamlMap podSelector, List<object>? ingress, List<object>? egress)
    {
        var types = new List<object>();
        if (ingress is not null) types.Add("Ingress");
        if (egress is not null) types.Add("Egress");
        var spec = new YamlMap
        {
            ["podSelector"] = podSelector.Count == 0 ? new YamlMap() : new YamlMap { ["matchLabels"] = podSelector },
            ["policyTypes"] = types,
        };
        if (ingress is { Count: > 0 }) spec["ingress"] = ingress;
        if (egress is { Count: > 0 }) spec["egress"] = egress;
        return new YamlMap
        {
            ["apiVersion"] = "networking.k8s.io/v1",
            ["kind"] = "NetworkPolicy",
            ["metadata"] = new YamlMap { ["name"] = name, ["labels"] = new YamlMap { ["app.kubernetes.io/part-of"] = PartOf } },
            ["spec"] = spec,
        };
    }

    private static YamlMap PodPeer(string name) => new() { ["podSelector"] = new YamlMap { ["matchLabels"] = Selector(name) } };

    private static YamlMap Port(int port, string protocol = "TCP") => new() { ["protocol"] = protocol, ["port"] = port };
}
