using XinYu.AppHost.Publishing;

namespace XinYu.Platform.Tests.Publishing;

/// <summary>
/// Every connection between every pair of rendered pods, and from and to the outside, checked against the model's
/// references: a project reaches what it references (for a database, its server) and nothing else; only the external
/// project is reachable from outside.
/// </summary>
public sealed class KubernetesNetworkTests
{
    private static readonly PublishedModel Model = KubernetesTools.Model();

    /// <summary>What the model says <paramref name="from"/> may open a connection to.</summary>
    private static bool Expected(string from, string to) =>
        Model.Get(from) is PublishedProject project && Model.PeersOf(project).Any(r => r.Name == to);

    private static int PortOf(RenderedOverlay rendered, Endpoint pod) =>
        KubernetesTools.Container(rendered.OfKind("Deployment").Concat(rendered.OfKind("StatefulSet"))
            .Single(w => (string?)w["metadata"]!["name"] == pod.Name))["ports"]![0]!["containerPort"]!.GetValue<int>();

    [Fact]
    public async Task In_dev_each_pod_reaches_exactly_what_it_references()
    {
        var dev = await KubernetesTools.DefaultRenderAsync("overlays/dev");
        var network = new NetworkPolicyEvaluator(dev.Objects);
        var pods = NetworkPolicyEvaluator.Pods(dev.Objects);
        Assert.Equal(Model.Resources.Where(r => r is PublishedProject or PublishedServer).Select(r => r.Name).Order(), pods.Select(p => p.Name).Order());

        var wrong = new List<string>();
        foreach (var from in pods)
        {
            foreach (var to in pods.Where(p => p != from))
            {
                var allowed = network.Allows(from, to, PortOf(dev, to));
                if (allowed != Expected(from.Name, to.Name)) wrong.Add($"{from.Name} -> {to.Name}: {(allowed ? "open" : "closed")}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Theory]
    [InlineData("overlays/dev")]
    [InlineData("overlays/city")]
    public async Task Only_the_external_project_is_reachable_from_outside(string overlay)
    {
        var rendered = await KubernetesTools.DefaultRenderAsync(overlay);
        var network = new NetworkPolicyEvaluator(rendered.Objects);
        var reachable = NetworkPolicyEvaluator.Pods(rendered.Objects)
            .Where(p => network.Allows(Endpoint.Outside, p, PortOf(rendered, p))).Select(p => p.Name);
        Assert.Equal(Model.OfType<PublishedProject>().Where(p => p.IsExternal).Select(p => p.Name), reachable);
    }

    [Fact]
    public async Task In_a_city_each_project_reaches_managed_servers_only_on_the_ports_of_the_servers_it_references()
    {
        var city = await KubernetesTools.DefaultRenderAsync("overlays/city");
        var network = new NetworkPolicyEvaluator(city.Objects);
        // A managed server's usual ports: PostgreSQL (TLS on the same port), Redis and its TLS port, AMQP and AMQPS.
        var portsOf = new Dictionary<ServerKind, int[]>
        {
            [ServerKind.PostgreSql] = [5432],
            [ServerKind.Redis] = [6379, 6380],
            [ServerKind.RabbitMQ] = [5672, 5671],
        };
        foreach (var pod in NetworkPolicyEvaluator.Pods(city.Objects))
        {
            var project = (PublishedProject)Model.Get(pod.Name);
            var kinds = Model.PeersOf(project).OfType<PublishedServer>().Select(r => r.Kind).ToHashSet();
            foreach (var (kind, ports) in portsOf)
            {
                foreach (var port in ports)
                {
                    Assert.True(kinds.Contains(kind) == network.Allows(pod, Endpoint.Outside, port),
                        $"{pod.Name} -> outside:{port} should be {(kinds.Contains(kind) ? "open" : "closed")}");
                }
            }
            // Name lookups and telemetry are the only other ways out.
            Assert.True(network.Allows(pod, Endpoint.Outside, 53, "UDP"));
            Assert.True(network.Allows(pod, Endpoint.Outside, 4317));
            Assert.False(network.Allows(pod, Endpoint.Outside, 443));
        }
    }

    [Fact]
    public async Task Dev_servers_open_no_connection_of_their_own_besides_name_lookups()
    {
        var dev = await KubernetesTools.DefaultRenderAsync("overlays/dev");
        var network = new NetworkPolicyEvaluator(dev.Objects);
        foreach (var server in NetworkPolicyEvaluator.Pods(dev.Objects).Where(p => Model.Get(p.Name) is not PublishedProject))
        {
            Assert.False(network.Allows(server, Endpoint.Outside, 443), $"{server.Name} reaches outside");
            Assert.False(network.Allows(server, Endpoint.Outside, 4317), $"{server.Name} exports telemetry");
            Assert.True(network.Allows(server, Endpoint.Outside, 53, "UDP"));
        }
    }

    [Fact]
    public void The_evaluator_follows_the_NetworkPolicy_rules_it_is_given()
    {
        // Guards the evaluator itself: without policies everything is open; a default deny closes both ways.
        var a = new Endpoint("a", new Dictionary<string, string> { ["app.kubernetes.io/name"] = "a" });
        var b = new Endpoint("b", new Dictionary<string, string> { ["app.kubernetes.io/name"] = "b" });
        Assert.True(new NetworkPolicyEvaluator([]).Allows(a, b, 80));
        var deny = System.Text.Json.Nodes.JsonNode.Parse("""
            {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"d"},
             "spec":{"podSelector":{},"policyTypes":["Ingress","Egress"]}}
            """)!.AsObject();
        var allowAtoB = System.Text.Json.Nodes.JsonNode.Parse("""
            [{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"a"},
              "spec":{"podSelector":{"matchLabels":{"app.kubernetes.io/name":"a"}},"policyTypes":["Egress"],
                      "egress":[{"to":[{"podSelector":{"matchLabels":{"app.kubernetes.io/name":"b"}}}],"ports":[{"port":80}]}]}},
             {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"b"},
              "spec":{"podSelector":{"matchLabels":{"app.kubernetes.io/name":"b"}},"policyTypes":["Ingress"],
                      "ingress":[{"from":[{"podSelector":{"matchLabels":{"app.kubernetes.io/name":"a"}}}],"ports":[{"port":80}]}]}}]
            """)!.AsArray().Select(p => p!.AsObject()).ToList();
        Assert.False(new NetworkPolicyEvaluator([deny]).Allows(a, b, 80));
        var network = new NetworkPolicyEvaluator([deny, .. allowAtoB]);
        Assert.True(network.Allows(a, b, 80));
        Assert.False(network.Allows(a, b, 81));
        Assert.False(network.Allows(b, a, 80));
        Assert.False(network.Allows(Endpoint.Outside, b, 80));
    }
}
