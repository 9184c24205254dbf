using static XinYu.AppHost.Publishing.KubernetesConventions;

namespace XinYu.AppHost.Publishing;

/// <summary>
/// The Kubernetes objects of one resource, aspirate's way: a Deployment (or a StatefulSet for a server with data), a
/// Service, and the ConfigMap/Secret the kustomizations generate. Plus what a city needs around them: disruption budgets,
/// autoscalers and the gateway's Ingress. Network policies are in <see cref="KubernetesNetworkPolicies"/>.
/// </summary>
public static class KubernetesObjects
{
    public static YamlMap Namespace() => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new YamlMap
        {
            ["name"] = KubernetesConventions.Namespace,
            // The "restricted" Pod Security Standard: the namespace refuses any pod that could run as root or escalate.
            ["labels"] = new YamlMap
            {
                ["app.kubernetes.io/part-of"] = PartOf,
                ["pod-security.kubernetes.io/enforce"] = "restricted",
                ["pod-security.kubernetes.io/warn"] = "restricted",
            },
        },
    };

    /// <summary>
    /// A project's Deployment. One replica here; the city overlay sets the model's replicas. Secret variables are named
    /// one by one (secretKeyRef), so a missing connection string stops the pod with the key's name in its events instead of
    /// a service that starts without it.
    /// <para>
    /// A project with a database migrates in an init container of its own image (<c>Database__MigrateOnly=true</c>),
    /// which alone gets the owner login (<c>ConnectionStrings__&lt;db&gt;-owner</c>); the service's container skips
    /// migrations (<c>Database__Migrate=false</c>) and holds only its own login, so a compromised service process cannot
    /// reach the role that owns the audit trail (docs/operations.md, "Databases and users").
    /// </para>
    /// </summary>
    public static YamlMap Deployment(PublishedProject project, IReadOnlyList<string> secretKeys)
    {
        var ownerKeys = secretKeys.Where(IsOwnerConnection).ToList();
        var container = Container(project, project.Name, [.. secretKeys.Except(ownerKeys)],
            ownerKeys.Count > 0 ? [("Database__Migrate", "false")] : [], listens: true);
        // Migrations run in the init container; the startup probe still gives a slow first start three minutes
        // before liveness counts.
        container["startupProbe"] = HttpProbe("/alive", periodSeconds: 5, failureThreshold: 36);
        // Ready when the database, cache and broker answer (the service's /health); alive while the process responds.
        container["readinessProbe"] = HttpProbe("/health", periodSeconds: 10, failureThreshold: 3);
        container["livenessProbe"] = HttpProbe("/alive", periodSeconds: 20, failureThreshold: 3);

        var pod = new YamlMap
        {
            // The services never call the Kubernetes API.
            ["automountServiceAccountToken"] = false,
            ["securityContext"] = PodSecurity(AppUserId),
        };
        if (ownerKeys.Count > 0)
        {
            // The same settings as the service (it starts as the service would, then stops once migrated and granted).
            pod["initContainers"] = new List<object> { Container(project, "migrate", secretKeys, [("Database__MigrateOnly", "true")], listens: false) };
        }
        pod["containers"] = new List<object> { container };
        pod["volumes"] = new List<object> { new YamlMap { ["name"] = "tmp", ["emptyDir"] = new YamlMap() } };

        return new YamlMap
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = Metadata(project),
            ["spec"] = new YamlMap
            {
                ["replicas"] = 1,
                ["selector"] = new YamlMap { ["matchLabels"] = Selector(project.Name) },
                ["strategy"] = new YamlMap
                {
                    ["type"] = "RollingUpdate",
                    // Never fewer ready pods than asked for during an upgrade.
                    ["rollingUpdate"] = new YamlMap { ["maxSurge"] = 1, ["maxUnavailable"] = 0 },
                },
                ["template"] = new YamlMap
                {
                    ["metadata"] = new YamlMap { ["labels"] = Labels(project) },
                    ["spec"] = pod,
                },
            },
        };
    }

    /// <summary>The owner login of a database: for the migration step only.</summary>
    public static bool IsOwnerConnection(string key) =>
        key.StartsWith("ConnectionStrings__", StringComparison.Ordinal) && key.EndsWith("-owner", StringComparison.Ordinal);

    /// <summary>A container of the project's image with its settings, <paramref name="secretKeys"/> and <paramref name="values"/>.</summary>
    private static YamlMap Container(PublishedProject project, string name, IReadOnlyList<string> secretKeys,
        IReadOnlyList<(string Name, string Value)> values, bool listens)
    {
        var container = new YamlMap
        {
            ["name"] = name,
            ["image"] = ImageOf(project),
            ["imagePullPolicy"] = "IfNotPresent",
        };
        if (listens)
        {
            container["ports"] = new List<object> { new YamlMap { ["name"] = "http", ["containerPort"] = HttpPort, ["protocol"] = "TCP" } };
        }
        container["envFrom"] = new List<object>
        {
            new YamlMap { ["configMapRef"] = new YamlMap { ["name"] = ConfigMapName(project) } },
            // Read last, so a city's settings (OTEL_EXPORTER_OTLP_ENDPOINT, ...) win over the published defaults.
            new YamlMap { ["configMapRef"] = new YamlMap { ["name"] = SettingsConfigMap, ["optional"] = true } },
        };
        var env = secretKeys.Select(key => (object)new YamlMap
        {
            ["name"] = key,
            ["valueFrom"] = new YamlMap
            {
                ["secretKeyRef"] = new YamlMap { ["name"] = SecretName(project), ["key"] = key },
            },
        }).Concat(values.Select(v => (object)new YamlMap { ["name"] = v.Name, ["value"] = v.Value })).ToList();
        if (env.Count > 0) container["env"] = env;
        container["resources"] = new YamlMap
        {
            ["requests"] = new YamlMap { ["cpu"] = "100m", ["memory"] = "256Mi" },
            // The .NET GC sizes its heap from the memory limit, so the limit is also the service's working budget.
            ["limits"] = new YamlMap { ["cpu"] = "1", ["memory"] = "512Mi" },
        };
        container["securityContext"] = new YamlMap
        {
            ["allowPrivilegeEscalation"] = false,
            ["readOnlyRootFilesystem"] = true,
            ["capabilities"] = new YamlMap { ["drop"] = new List<object> { "ALL" } },
        };
        // The only writable place: .NET's diagnostics sockets and temporary files.
        container["volumeMounts"] = new List<object> { new YamlMap { ["name"] = "tmp", ["mountPath"] = "/tmp" } };
        return container;
    }

    public static YamlMap Service(IPublishedResource resource, string portName)
    {
        var spec = new YamlMap { ["type"] = "ClusterIP" };
        // Headless: the name resolves to each ready pod, so the gateway can keep a browser on one (CityScale.cs).
        if (resource is PublishedProject { StickySessions: true }) spec["clusterIP"] = "None";
        spec["selector"] = Selector(resource.Name);
        spec["ports"] = new List<object>
        {
            new YamlMap { ["name"] = portName, ["port"] = PortOf(resource), ["targetPort"] = portName, ["protocol"] = "TCP" },
        };
        return new YamlMap
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = Metadata(resource),
            ["spec"] = spec,
        };
    }

    /// <summary>At most one pod of a project down at a time for voluntary disruptions (node drains, cluster upgrades).</summary>
    public static YamlMap PodDisruptionBudget(PublishedProject project) => new()
    {
        ["apiVersion"] = "policy/v1",
        ["kind"] = "PodDisruptionBudget",
        ["metadata"] = Metadata(project),
        ["spec"] = new YamlMap
        {
            // maxUnavailable rather than minAvailable: a one-replica dev deployment can still be drained.
            ["maxUnavailable"] = 1,
            ["selector"] = new YamlMap { ["matchLabels"] = Selector(project.Name) },
        },
    };

    /// <summary>Between the model's replicas and its maximum, on CPU.</summary>
    public static YamlMap HorizontalPodAutoscaler(PublishedProject project) => new()
    {
        ["apiVersion"] = "autoscaling/v2",
        ["kind"] = "HorizontalPodAutoscaler",
        ["metadata"] = Metadata(project),
        ["spec"] = new YamlMap
        {
            ["scaleTargetRef"] = new YamlMap { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = project.Name },
            ["minReplicas"] = project.Replicas,
            ["maxReplicas"] = project.MaxReplicas ?? throw new ArgumentException($"'{project.Name}' does not autoscale."),
            ["metrics"] = new List<object>
            {
                new YamlMap
                {
                    ["type"] = "Resource",
                    ["resource"] = new YamlMap
                    {
                        ["name"] = "cpu",
                        ["target"] = new YamlMap { ["type"] = "Utilization", ["averageUtilization"] = 70 },
                    },
                },
            },
        },
    };

    /// <summary>
    /// The public entry. No host and no TLS here: both are the city's (its DNS name and certificate), added by a
    /// kustomization of its own over the city overlay (docs/operations.md).
    /// </summary>
    public static YamlMap Ingress(PublishedProject gateway) => new()
    {
        ["apiVersion"] = "networking.k8s.io/v1",
        ["kind"] = "Ingress",
        ["metadata"] = Metadata(gateway),
        ["spec"] = new YamlMap
        {
            ["rules"] = new List<object>
            {
                new YamlMap
                {
                    ["http"] = new YamlMap
                    {
                        ["paths"] = new List<object>
                        {
                            new YamlMap
                            {
                                ["path"] = "/",
                                ["pathType"] = "Prefix",
                                ["backend"] = new YamlMap
                                {
                                    ["service"] = new YamlMap
                                    {
                                        ["name"] = gateway.Name,
                                        ["port"] = new YamlMap { ["name"] = "http" },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    };

    /// <summary>
    /// A backing server for the dev overlay: one pod with a persistent volume, the manifest's image, environment and data
    /// folder, as the image's own non-root user (the namespace enforces the restricted standard).
    /// </summary>
    /// <param name="hasConfig">Whether it has plain variables (a <c>-env</c> ConfigMap); Redis has only its password.</param>
    public static YamlMap StatefulSet(PublishedServer server, bool hasConfig)
    {
        var resource = server;
        var container = new YamlMap { ["name"] = resource.Name, ["image"] = server.Image };
        if (server.Entrypoint is not null) container["command"] = new List<object> { server.Entrypoint };
        if (server.Args is not null) container["args"] = server.Args.Cast<object>().ToList();
        container["ports"] = new List<object> { new YamlMap { ["name"] = "tcp", ["containerPort"] = server.Port, ["protocol"] = "TCP" } };
        var envFrom = new List<object>();
        if (hasConfig) envFrom.Add(new YamlMap { ["configMapRef"] = new YamlMap { ["name"] = ConfigMapName(resource) } });
        envFrom.Add(new YamlMap { ["secretRef"] = new YamlMap { ["name"] = SecretName(resource) } });
        container["envFrom"] = envFrom;
        container["resources"] = new YamlMap
        {
            ["requests"] = new YamlMap { ["cpu"] = "100m", ["memory"] = "256Mi" },
            ["limits"] = new YamlMap { ["cpu"] = "1", ["memory"] = "1Gi" },
        };
        container["readinessProbe"] = new YamlMap
        {
            ["tcpSocket"] = new YamlMap { ["port"] = "tcp" },
            ["periodSeconds"] = 5,
            ["failureThreshold"] = 3,
        };
        container["securityContext"] = new YamlMap
        {
            ["allowPrivilegeEscalation"] = false,
            ["capabilities"] = new YamlMap { ["drop"] = new List<object> { "ALL" } },
        };
        container["volumeMounts"] = new List<object> { new YamlMap { ["name"] = server.VolumeName, ["mountPath"] = server.DataPath } };

        return new YamlMap
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "StatefulSet",
            ["metadata"] = Metadata(resource),
            ["spec"] = new YamlMap
            {
                ["serviceName"] = resource.Name,
                ["replicas"] = 1,
                ["selector"] = new YamlMap { ["matchLabels"] = Selector(resource.Name) },
                ["template"] = new YamlMap
                {
                    ["metadata"] = new YamlMap { ["labels"] = Labels(resource) },
                    ["spec"] = new YamlMap
                    {
                        ["automountServiceAccountToken"] = false,
                        ["securityContext"] = PodSecurity(server.UserId),
                        ["containers"] = new List<object> { container },
                    },
                },
                ["volumeClaimTemplates"] = new List<object>
                {
                    new YamlMap
                    {
                        ["metadata"] = new YamlMap { ["name"] = server.VolumeName },
                        ["spec"] = new YamlMap
                        {
                            ["accessModes"] = new List<object> { "ReadWriteOnce" },
                            ["resources"] = new YamlMap { ["requests"] = new YamlMap { ["storage"] = "1Gi" } },
                        },
                    },
                },
            },
        };
    }

    /// <summary>A kustomization: resources in order, then generators (ConfigMap and Secret literals), then patches.</summary>
    public static YamlMap Kustomization(IEnumerable<string> resources, string? @namespace = null,
        IEnumerable<(string Name, IEnumerable<string> Literals)>? configMaps = null,
        IEnumerable<(string Name, IEnumerable<string> Literals)>? secrets = null,
        IEnumerable<string>? patches = null)
    {
        var kustomization = new YamlMap
        {
            ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
            ["kind"] = "Kustomization",
        };
        if (@namespace is not null) kustomization["namespace"] = @namespace;
        kustomization["resources"] = resources.Cast<object>().ToList();
        // Generated names get a hash of their content (kustomize's default), so changing a variable rolls the pods.
        if (configMaps is not null) kustomization["configMapGenerator"] = Generators(configMaps);
        if (secrets is not null) kustomization["secretGenerator"] = Generators(secrets);
        if (patches is not null) kustomization["patches"] = patches.Select(p => (object)new YamlMap { ["path"] = p }).ToList();
        return kustomization;
    }

    private static List<object> Generators(IEnumerable<(string Name, IEnumerable<string> Literals)> generators) =>
        generators.Select(g => (object)new YamlMap
        {
            ["name"] = g.Name,
            ["literals"] = g.Literals.Cast<object>().ToList(),
        }).ToList();

    public static YamlMap Metadata(IPublishedResource resource) => new()
    {
        ["name"] = resource.Name,
        ["labels"] = Labels(resource),
    };

    private static YamlMap PodSecurity(int userId) => new()
    {
        ["runAsNonRoot"] = true,
        ["runAsUser"] = userId,
        ["runAsGroup"] = userId,
        // Volumes are made writable for the pod's group.
        ["fsGroup"] = userId,
        ["seccompProfile"] = new YamlMap { ["type"] = "RuntimeDefault" },
    };

    private static YamlMap HttpProbe(string path, int periodSeconds, int failureThreshold) => new()
    {
        ["httpGet"] = new YamlMap { ["path"] = path, ["port"] = "http" },
        ["periodSeconds"] = periodSeconds,
        ["timeoutSeconds"] = 5,
        ["failureThreshold"] = failureThreshold,
    };
}
