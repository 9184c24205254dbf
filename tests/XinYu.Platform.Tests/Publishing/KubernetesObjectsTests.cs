using XinYu.AppHost.Publishing;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using XinYu.Testing;

namespace XinYu.Platform.Tests.Publishing;

/// <summary>The rendered objects against the resource model: what each project and server needs, and nothing more.</summary>
public sealed class KubernetesObjectsTests
{
    private static readonly PublishedModel Model = KubernetesTools.Model();
    private static IEnumerable<PublishedProject> Projects => Model.OfType<PublishedProject>();

    public static TheoryData<string> ProjectNames() => new(KubernetesTools.Model().OfType<PublishedProject>().Select(p => p.Name));

    [Theory]
    [MemberData(nameof(ProjectNames))]
    public async Task Each_project_is_a_hardened_Deployment_probed_on_its_health_endpoints(string name)
    {
        var city = await KubernetesTools.DefaultRenderAsync("overlays/city");
        var deployment = city.Get("Deployment", name);
        var pod = deployment["spec"]!["template"]!["spec"]!;
        var container = KubernetesTools.Container(deployment);

        // The endpoints ServiceDefaults maps: ready when dependencies answer, alive while the process does.
        Assert.Equal(ServiceDefaultsExtensions.HealthPath, (string?)container["readinessProbe"]!["httpGet"]!["path"]);
        Assert.Equal(ServiceDefaultsExtensions.AlivePath, (string?)container["livenessProbe"]!["httpGet"]!["path"]);
        var dev = await KubernetesTools.DefaultRenderAsync("overlays/dev");
        Assert.Equal("8080", KubernetesTools.EnvironmentOf(dev, dev.Get("Deployment", name))["HTTP_PORTS"]);
        Assert.Equal(8080, container["ports"]![0]!["containerPort"]!.GetValue<int>());

        Assert.True(pod["securityContext"]!["runAsNonRoot"]!.GetValue<bool>());
        Assert.NotEqual(0, pod["securityContext"]!["runAsUser"]!.GetValue<int>());
        Assert.True(container["securityContext"]!["readOnlyRootFilesystem"]!.GetValue<bool>());
        Assert.False(container["securityContext"]!["allowPrivilegeEscalation"]!.GetValue<bool>());
        Assert.Contains("ALL", container["securityContext"]!["capabilities"]!["drop"]!.AsArray().Select(c => (string)c!));
        foreach (var bound in new[] { "requests", "limits" })
        {
            Assert.NotNull(container["resources"]![bound]!["cpu"]);
            Assert.NotNull(container["resources"]![bound]!["memory"]);
        }

        // Its Service and disruption budget select exactly its pods.
        var podLabels = deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        var service = city.Get("Service", name);
        Assert.True(SelectsOnly(service["spec"]!["selector"]!.AsObject(), podLabels, city, name));
        Assert.Equal(8080, service["spec"]!["ports"]![0]!["port"]!.GetValue<int>());
        var budget = city.Get("PodDisruptionBudget", name);
        Assert.True(SelectsOnly(budget["spec"]!["selector"]!["matchLabels"]!.AsObject(), podLabels, city, name));
    }

    [Theory]
    [MemberData(nameof(ProjectNames))]
    public async Task Configuration_is_in_the_ConfigMap_and_connection_strings_and_keys_only_in_the_Secret(string name)
    {
        var dev = await KubernetesTools.DefaultRenderAsync("overlays/dev");
        var project = (PublishedProject)Model.Get(name);
        var configMap = dev.Generated("ConfigMap", $"{name}-env")["data"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!);

        Assert.Equal(name, configMap["OTEL_SERVICE_NAME"]);
        var discovered = configMap.Keys.Where(k => k.StartsWith("services__", StringComparison.Ordinal)).Order();
        Assert.Equal(Model.ReferencesOf(project).OfType<PublishedProject>().Select(p => $"services__{p.Name}__http__0").Order(), discovered);
        foreach (var other in Model.ReferencesOf(project).OfType<PublishedProject>())
        {
            Assert.Equal($"http://{other.Name}:8080", configMap[$"services__{other.Name}__http__0"]);
        }
        Assert.DoesNotContain(configMap, e => e.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal));
        Assert.DoesNotContain(configMap, e => e.Value.Contains("password", StringComparison.OrdinalIgnoreCase));

        var secretKeys = SecretKeyRefs(dev.Get("Deployment", name)).Select(r => r.Key).Order();
        // The connection strings, and the secrets the project declares (parameters: a key-encryption key, ...).
        var declared = project.Environment.Where(e => PublishedModel.ReferencedNames(e.Value).Any(n => Model.Get(n) is PublishedParameter)).Select(e => e.Key);
        // (Not the owner login: that is the init container's alone, below.)
        Assert.Equal(Model.ReferencesOf(project).OfType<IPublishedConnection>().Select(r => $"ConnectionStrings__{r.Name}").Concat(declared).Order(), secretKeys);
    }

    [Theory]
    [MemberData(nameof(ProjectNames))]
    public async Task A_service_with_a_database_migrates_in_an_init_container_that_alone_holds_the_owner_login(string name)
    {
        var dev = await KubernetesTools.DefaultRenderAsync("overlays/dev");
        var deployment = dev.Get("Deployment", name);
        var database = Model.ReferencesOf((PublishedProject)Model.Get(name)).OfType<PublishedDatabase>().SingleOrDefault();
        var initContainers = deployment["spec"]!["template"]!["spec"]!["initContainers"]?.AsArray().Select(c => c!.AsObject()).ToList() ?? [];
        var service = KubernetesTools.EnvironmentOf(dev, deployment);
        if (database is null)
        {
            Assert.Empty(initContainers);
            Assert.DoesNotContain(service.Keys, k => k.StartsWith("Database__", StringComparison.Ordinal));
            return;
        }
        var owner = $"ConnectionStrings__{database.Name}-owner";

        var migrate = Assert.Single(initContainers);
        var container = KubernetesTools.Container(deployment);
        Assert.Equal((string)container["image"]!, (string)migrate["image"]!);
        var migration = KubernetesTools.ContainerEnvironment(dev, migrate);
        Assert.Equal("true", migration["Database__MigrateOnly"]);
        Assert.Equal(service[$"ConnectionStrings__{database.Name}"], migration[$"ConnectionStrings__{database.Name}"]);
        Assert.Contains(owner, migration.Keys);
        // The same hardening as the service's container, and nothing for probes to reach.
        Assert.Equal(container["securityContext"]!.ToJsonString(), migrate["securityContext"]!.ToJsonString());
        Assert.Null(migrate["ports"]);

        Assert.Equal("false", service["Database__Migrate"]);
        Assert.DoesNotContain(owner, service.Keys);
        Assert.DoesNotContain(service.Keys, k => k.EndsWith("-owner", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dev_connection_strings_reach_the_dev_servers_with_their_passwords()
    {
        var dev = await KubernetesTools.DefaultRenderAsync("overlays/dev");
        var postgres = KubernetesTools.EnvironmentOf(dev, dev.Get("StatefulSet", "postgres"));
        var cache = KubernetesTools.EnvironmentOf(dev, dev.Get("StatefulSet", "cache"));
        var messaging = KubernetesTools.EnvironmentOf(dev, dev.Get("StatefulSet", "messaging"));

        foreach (var project in Projects)
        {
            var env = KubernetesTools.EnvironmentOf(dev, dev.Get("Deployment", project.Name));
            foreach (var reference in Model.ReferencesOf(project).OfType<IPublishedConnection>())
            {
                var value = env[$"ConnectionStrings__{reference.Name}"];
                switch (reference)
                {
                    case PublishedDatabase db:
                        var pg = new Npgsql.NpgsqlConnectionStringBuilder(value);
                        Assert.Equal((db.Server.Name, 5432, db.Name), (pg.Host, pg.Port, pg.Database));
                        Assert.Equal((postgres["POSTGRES_USER"], postgres["POSTGRES_PASSWORD"]), (pg.Username, pg.Password));
                        break;
                    case PublishedServer { Kind: ServerKind.Redis } redis:
                        var options = StackExchange.Redis.ConfigurationOptions.Parse(value);
                        var endpoint = Assert.IsType<System.Net.DnsEndPoint>(options.EndPoints.Single());
                        Assert.Equal((redis.Name, 6379), (endpoint.Host, endpoint.Port));
                        Assert.Equal(cache["REDIS_PASSWORD"], options.Password);
                        break;
                    case PublishedServer { Kind: ServerKind.RabbitMQ } rabbit:
                        var uri = new Uri(value);
                        Assert.Equal((rabbit.Name, 5672), (uri.Host, uri.Port));
                        Assert.Equal($"{messaging["RABBITMQ_DEFAULT_USER"]}:{messaging["RABBITMQ_DEFAULT_PASS"]}", Uri.UnescapeDataString(uri.UserInfo));
                        break;
                    default:
                        Assert.Fail($"No check for {reference.GetType().Name}.");
                        break;
                }
            }
        }
    }

    [Fact]
    public async Task Dev_runs_each_server_of_the_manifest_as_a_StatefulSet_with_a_volume_on_its_data_folder()
    {
        var dev = await KubernetesTools.DefaultRenderAsync("overlays/dev");
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "aspire-manifest.json")))!["resources"]!.AsObject();
        var containers = manifest.Where(r => (string?)r.Value!["type"] == "container.v0").ToList();
        Assert.Equal(containers.Select(c => c.Key).Order(), dev.OfKind("StatefulSet").Select(s => (string)s["metadata"]!["name"]!).Order());

        foreach (var (name, resource) in containers)
        {
            var statefulSet = dev.Get("StatefulSet", name);
            var container = KubernetesTools.Container(statefulSet);
            Assert.Equal((string?)resource!["image"], (string?)container["image"]);
            var claims = statefulSet["spec"]!["volumeClaimTemplates"]!.AsArray().Select(c => (string)c!["metadata"]!["name"]!).ToList();
            var mount = container["volumeMounts"]!.AsArray().Single(m => claims.Contains((string)m!["name"]!))!;
            Assert.Equal((string?)resource["volumes"]![0]!["target"], (string?)mount["mountPath"]);
            Assert.Equal(resource["bindings"]!["tcp"]!["targetPort"]!.GetValue<int>(), dev.Get("Service", name)["spec"]!["ports"]![0]!["port"]!.GetValue<int>());
            // The manifest's variables, with the parameters filled in (none is left as an expression).
            var env = KubernetesTools.EnvironmentOf(dev, statefulSet);
            foreach (var (key, value) in resource["env"]!.AsObject())
            {
                Assert.True(env.ContainsKey(key), $"{name} lacks {key}");
                if (!((string)value!).Contains('{', StringComparison.Ordinal)) Assert.Equal((string)value!, env[key]);
                else Assert.DoesNotContain("{", env[key], StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task City_runs_the_model_replicas_and_autoscales_what_the_model_lets_scale()
    {
        var city = await KubernetesTools.DefaultRenderAsync("overlays/city");
        foreach (var project in Projects)
        {
            var spec = city.Get("Deployment", project.Name)["spec"]!.AsObject();
            var autoscaler = city.OfKind("HorizontalPodAutoscaler").SingleOrDefault(h => (string?)h["spec"]!["scaleTargetRef"]!["name"] == project.Name);
            if (project.MaxReplicas is int max)
            {
                Assert.NotNull(autoscaler);
                Assert.Equal("Deployment", (string?)autoscaler["spec"]!["scaleTargetRef"]!["kind"]);
                Assert.Equal((project.Replicas, max), (autoscaler["spec"]!["minReplicas"]!.GetValue<int>(), autoscaler["spec"]!["maxReplicas"]!.GetValue<int>()));
                // The autoscaler owns the count; an applied replica count would reset it at every apply.
                Assert.False(spec.ContainsKey("replicas"));
            }
            else
            {
                Assert.Null(autoscaler);
                Assert.Equal(project.Replicas, spec["replicas"]!.GetValue<int>());
            }
        }
        // A city deployment is several replicas of each service, so a drain or an upgrade never takes one away.
        Assert.All(Projects, p => Assert.True(p.Replicas >= 2, $"{p.Name} has {p.Replicas} replica(s) in a city"));
    }

    [Fact]
    public async Task City_leaves_the_connection_strings_to_the_operator_and_runs_no_servers()
    {
        var city = await KubernetesTools.DefaultRenderAsync("overlays/city");
        Assert.Empty(city.OfKind("Secret"));
        Assert.Empty(city.OfKind("StatefulSet"));
        foreach (var project in Projects)
        {
            // The operator's Secrets have plain names (no kustomize hash), one per project.
            Assert.All(SecretKeyRefs(city.Get("Deployment", project.Name)), r => Assert.Equal($"{project.Name}-secrets", r.Secret));
        }
    }

    [Fact]
    public async Task The_web_apps_Service_is_headless_and_the_gateway_splits_it_into_its_pods()
    {
        // A browser's Blazor circuit lives on one web pod: the gateway must see the pods to keep it there.
        var city = await KubernetesTools.DefaultRenderAsync("overlays/city");
        Assert.Equal("None", (string?)city.Get("Service", "web")["spec"]!["clusterIP"]);
        Assert.All(Projects.Where(p => p.Name != "web"), p => Assert.Null(city.Get("Service", p.Name)["spec"]!["clusterIP"]));

        var gatewayEnv = city.Generated("ConfigMap", "gateway-env")["data"]!.AsObject();
        Assert.Equal("web", (string?)gatewayEnv["Gateway__ReplicaDestinations__Services__0"]);
        Assert.DoesNotContain(gatewayEnv, e => e.Key.StartsWith("Gateway__ReplicaDestinations__Services__", StringComparison.Ordinal) && e.Key != "Gateway__ReplicaDestinations__Services__0");
    }

    [Fact]
    public async Task Only_the_external_project_has_an_Ingress()
    {
        var city = await KubernetesTools.DefaultRenderAsync("overlays/city");
        var external = Projects.Where(p => p.IsExternal).Select(p => p.Name);
        var backends = city.OfKind("Ingress")
            .SelectMany(i => i["spec"]!["rules"]!.AsArray())
            .SelectMany(r => r!["http"]!["paths"]!.AsArray())
            .Select(p => (string)p!["backend"]!["service"]!["name"]!).Distinct();
        Assert.Equal(external, backends);
    }

    private static IEnumerable<(string Key, string Secret)> SecretKeyRefs(JsonObject deployment) =>
        (KubernetesTools.Container(deployment)["env"]?.AsArray() ?? [])
        .Select(e => e!["valueFrom"]?["secretKeyRef"])
        .OfType<JsonObject>()
        .Select(r => ((string)r["key"]!, (string)r["name"]!));

    /// <summary>The selector matches this workload's pods and no other workload's.</summary>
    private static bool SelectsOnly(JsonObject selector, JsonObject podLabels, RenderedOverlay rendered, string name)
    {
        bool Matches(JsonObject labels) => selector.All(s => (string?)labels[s.Key] == (string?)s.Value);
        var others = NetworkPolicyEvaluator.Pods(rendered.Objects).Where(p => p.Name != name)
            .Select(p => new JsonObject(p.Labels!.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))));
        return selector.Count > 0 && Matches(podLabels) && !others.Any(Matches);
    }
}
