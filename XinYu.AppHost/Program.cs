using XinYu.AppHost.Hosting;
using XinYu.AppHost.Publishing;

namespace XinYu.AppHost;

/// <summary>The whole of XinYu at a glance: what runs, what each part needs, and what it waits for.</summary>
public static class Program
{
    /// <summary>The resource model. Names are service-discovery names everywhere (and DNS names in Kubernetes).</summary>
    public static void DefineResources(DistributedApplicationBuilder builder)
    {
        var postgres = builder.AddPostgres("postgres");
        var recordsDb = postgres.AddDatabase("recordsdb");
        var screeningDb = postgres.AddDatabase("screeningdb");
        var staffingDb = postgres.AddDatabase("staffingdb");
        var liaisonDb = postgres.AddDatabase("liaisondb");
        var calendarDb = postgres.AddDatabase("calendardb");
        var identityDb = postgres.AddDatabase("identitydb");
        var cache = builder.AddRedis("cache");
        var messaging = builder.AddRabbitMQ("messaging");

        // Services wait for their database and the cache, but not for RabbitMQ: MassTransit connects when the broker
        // is up, and a service's /health is not ready until it has. Starting them alongside the broker's slow boot
        // saves seconds on every start.

        // Replicas and autoscaling describe a city deployment (the Kubernetes publisher's city overlay); locally every
        // project runs once. Two replicas at least, so a node drain or a rolling update never takes a service away.

        // Identity issues the tokens every other service validates.
        var identity = builder.AddProject("identity-api", "services/XinYu.Identity/XinYu.Identity.csproj")
            .DependsOn(identityDb).DependsOn(cache).WithReference(messaging)
            .WithReplicas(2);

        // Staffing owns the directory (schools, classes, staff) the others refer to by id.
        var staffing = builder.AddProject("staffing-api", "services/XinYu.Staffing/XinYu.Staffing.csproj")
            .DependsOn(staffingDb).DependsOn(cache).WithReference(messaging).WithReference(identity)
            .WithReplicas(2);
        var records = builder.AddProject("records-api", "services/XinYu.Records/XinYu.Records.csproj")
            .DependsOn(recordsDb).DependsOn(cache).WithReference(messaging).WithReference(identity)
            .WithReplicas(2);
        var screening = builder.AddProject("screening-api", "services/XinYu.Screening/XinYu.Screening.csproj")
            .DependsOn(screeningDb).DependsOn(cache).WithReference(messaging).WithReference(identity)
            // October's screening brings a whole city's students in a few weeks: scale out under load.
            .WithReplicas(2).WithAutoscaling(maxReplicas: 8);
        var liaison = builder.AddProject("liaison-api", "services/XinYu.Liaison/XinYu.Liaison.csproj")
            .DependsOn(liaisonDb).DependsOn(cache).WithReference(messaging).WithReference(identity)
            .WithReplicas(2);
        var calendar = builder.AddProject("calendar-api", "services/XinYu.Calendar/XinYu.Calendar.csproj")
            .DependsOn(calendarDb).DependsOn(cache).WithReference(messaging).WithReference(identity)
            .WithReplicas(2);

        // The one public entry: partner agencies and browsers reach XinYu only through it.
        builder.AddProject("gateway", "gateway/XinYu.Gateway/XinYu.Gateway.csproj")
            .WithExternalHttpEndpoint(builder.Options.GatewayPort)
            .WithReplicas(2).WithAutoscaling(maxReplicas: 6)
            .DependsOn(cache)
            .DependsOn(identity).DependsOn(staffing).DependsOn(records).DependsOn(screening)
            .DependsOn(liaison).DependsOn(calendar);

        // Tokens are issued, and validated, under the gateway's public URL: the one address partners know.
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            project.Environment["Identity__Issuer"] = "{gateway.bindings.http.url}/";
        }
    }

    public static DistributedApplication BuildApplication(AppHostOptions options)
    {
        var builder = DistributedApplication.CreateBuilder(options);
        DefineResources(builder);
        return builder.Build();
    }

    public static async Task<int> Main(string[] args)
    {
        AppHostOptions options;
        try
        {
            options = AppHostOptions.Parse(args);
        }
        catch (HelpRequestedException)
        {
            Console.WriteLine(AppHostOptions.Usage);
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        var app = BuildApplication(options);
        return options.Publisher switch
        {
            null => await app.RunAsync(),
            "manifest" => Publish(() => ManifestPublisher.Write(app.Model, options.OutputPath ?? "aspire-manifest.json")),
            "kubernetes" => Publish(() => KubernetesPublisher.Write(app.Model, options.OutputPath ?? Path.Combine("deploy", "k8s"))),
            _ => Fail($"Unknown publisher '{options.Publisher}': use 'manifest' or 'kubernetes'."),
        };
    }

    private static int Publish(Func<string> publish)
    {
        Console.WriteLine($"Wrote {publish()}");
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
