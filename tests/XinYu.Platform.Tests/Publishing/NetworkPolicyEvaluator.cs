using System.Text.Json.Nodes;

namespace XinYu.Platform.Tests.Publishing;

/// <summary>A pod of the rendered objects (from a Deployment or StatefulSet template), or an address outside the cluster.</summary>
public sealed record Endpoint(string Name, IReadOnlyDictionary<string, string>? Labels)
{
    /// <summary>Anything that is not a pod in the namespace: a client on the internet, a city's managed server.</summary>
    public static readonly Endpoint Outside = new("outside", null);
    public bool IsPod => Labels is not null;
}

/// <summary>
/// Kubernetes NetworkPolicy semantics, as the API documents them, over rendered objects of one namespace: a pod selected
/// by no policy of a direction is open in that direction; a selected pod allows only what some rule of a selecting
/// policy allows; a connection needs the source's egress and the target's ingress. Only the constructs a policy here
/// may use are understood (podSelector.matchLabels, ipBlock, numeric ports); anything else fails the test rather than
/// being guessed at.
/// </summary>
public sealed class NetworkPolicyEvaluator(IEnumerable<JsonObject> objects)
{
    private readonly List<JsonObject> _policies = objects.Where(o => (string?)o["kind"] == "NetworkPolicy").ToList();

    public static IReadOnlyList<Endpoint> Pods(IEnumerable<JsonObject> objects) =>
        objects.Where(o => (string?)o["kind"] is "Deployment" or "StatefulSet")
            .Select(o => new Endpoint((string)o["metadata"]!["name"]!,
                o["spec"]!["template"]!["metadata"]!["labels"]!.AsObject().ToDictionary(l => l.Key, l => (string)l.Value!)))
            .ToList();

    public bool Allows(Endpoint from, Endpoint to, int port, string protocol = "TCP") =>
        (!from.IsPod || Open(from, "Egress", "to", to, port, protocol))
        && (!to.IsPod || Open(to, "Ingress", "from", from, port, protocol));

    private bool Open(Endpoint pod, string direction, string peersKey, Endpoint peer, int port, string protocol)
    {
        var selecting = _policies.Where(p => Selects(p["spec"]!["podSelector"], pod)
                                             && Types(p).Contains(direction)).ToList();
        if (selecting.Count == 0) return true;
        var rulesKey = direction == "Ingress" ? "ingress" : "egress";
        return selecting.SelectMany(p => p["spec"]![rulesKey]?.AsArray() ?? []).Any(rule =>
            PeerMatches(rule![peersKey], peer) && PortMatches(rule["ports"], port, protocol));
    }

    private static IEnumerable<string> Types(JsonObject policy) =>
        policy["spec"]!["policyTypes"]?.AsArray().Select(t => (string)t!)
        ?? throw new NotSupportedException("Policies here always state their policyTypes.");

    private static bool Selects(JsonNode? selector, Endpoint pod)
    {
        if (!pod.IsPod) return false;
        if (selector is not JsonObject s) throw new NotSupportedException("A podSelector is required.");
        if (s.ContainsKey("matchExpressions")) throw new NotSupportedException("matchExpressions are not evaluated here.");
        var labels = s["matchLabels"]?.AsObject() ?? [];
        return labels.All(l => pod.Labels!.TryGetValue(l.Key, out var v) && v == (string)l.Value!);
    }

    private static bool PeerMatches(JsonNode? peers, Endpoint peer)
    {
        if (peers is null || peers.AsArray().Count == 0) return true; // no "from"/"to": every source or destination
        return peers.AsArray().Any(p =>
        {
            if (p!["namespaceSelector"] is not null) throw new NotSupportedException("namespaceSelector is not evaluated here.");
            if (p["ipBlock"] is JsonObject) return !peer.IsPod; // addresses outside the cluster; pods are not matched by CIDR here
            return Selects(p["podSelector"], peer);
        });
    }

    private static bool PortMatches(JsonNode? ports, int port, string protocol)
    {
        if (ports is null || ports.AsArray().Count == 0) return true;
        return ports.AsArray().Any(p =>
        {
            var rulePort = p!["port"] ?? throw new NotSupportedException("A port rule without a port is not evaluated here.");
            if (rulePort.GetValueKind() != System.Text.Json.JsonValueKind.Number) throw new NotSupportedException("Named ports are not evaluated here.");
            return rulePort.GetValue<int>() == port && ((string?)p["protocol"] ?? "TCP") == protocol;
        });
    }
}
