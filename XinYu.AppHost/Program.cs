using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using XinYu.AppHost.Publishing;
using XinYu.AppHost.Servers;

namespace XinYu.AppHost;

/// <summary>The whole of XinYu at a glance: what runs, what each part needs, and what it waits for.</summary>
public static class Program
{
    /// <summary>The resource model. Names are service-discovery names everywhere (and DNS names in Kubernetes).</summary>
    public static void DefineResources(IDistributedApplicationBuilder builder)
    {
        var local = LocalRunOptions.From(builder.Configuration);

        // Locally the machine's own servers run as executables; published, they are Aspire's container resources.
        var postgres = builder.AddPostgresServer("postgres");
        var recordsDb = postgres.AddDatabase("recordsdb");
        var screeningDb = postgres.AddDatabase("screeningdb");
        var staffingDb = postgres.AddDatabase("staffingdb");
        var liaisonDb = postgres.AddDatabase("liaisondb");
        var calendarDb = postgres.AddDatabase("calendardb");
        var identityDb = postgres.AddDatabase("identitydb");
        var cache = builder.AddRedisServer("cache");
        var messaging = builder.AddRabbitMQServer("messaging");
        if (local.InfrastructureOnly && builder.ExecutionContext.IsRunMode) return;

        // Services wait for their database, the cache and the broker. Starting them alongside RabbitMQ's boot looked
        // quicker but is not: on two cores seven .NET start-ups starve the Erlang VM, and MassTransit's reconnect
        // back-off (up to 7 s) then adds its own wait, with a screenful of connection errors per service (measured on
        // a built tree, to every project healthy: 53 s that way, 36-45 s this way; docs/operations.md).
        // WithCityReplicas describes a city deployment (the Kubernetes publisher's city overlay); locally every
        // project runs once.

        // Identity issues the tokens every other service validates.
        var identity = builder.AddService<Projects.XinYu_Identity>("identity-api", local)
            .WithDatabase(identityDb, local).WithReference(cache).WaitFor(cache).WithReference(messaging).WaitFor(messaging)
            .WithCityReplicas(2);

        // Staffing owns the directory (schools, classes, staff) the others refer to by id.
        var staffing = builder.AddService<Projects.XinYu_Staffing>("staffing-api", local)
            .WithDatabase(staffingDb, local).WithReference(cache).WaitFor(cache).WithReference(messaging).WaitFor(messaging)
            .WithReference(identity)
            .WithCityReplicas(2);
        var records = builder.AddService<Projects.XinYu_Records>("records-api", local)
            .WithDatabase(recordsDb, local).WithReference(cache).WaitFor(cache).WithReference(messaging).WaitFor(messaging)
            .WithReference(identity)
            .WithCityReplicas(2);
        var screening = builder.AddService<Projects.XinYu_Screening>("screening-api", local)
            .WithDatabase(screeningDb, local).WithReference(cache).WaitFor(cache).WithReference(messaging).WaitFor(messaging)
            .WithReference(identity)
            // October's screening brings a whole city's students in a few weeks: scale out under load.
            .WithCityReplicas(2, maxReplicas: 8);
        var liaison = builder.AddService<Projects.XinYu_Liaison>("liaison-api", local)
            .WithDatabase(liaisonDb, local).WithReference(cache).WaitFor(cache).WithReference(messaging).WaitFor(messaging)
            .WithReference(identity)
            .WithCityReplicas(2);
        var calendar = builder.AddService<Projects.XinYu_Calendar>("calendar-api", local)
            .WithDatabase(calendarDb, local).WithReference(cache).WaitFor(cache).WithReference(messaging).WaitFor(messaging)
            .WithReference(identity)
            .WithCityReplicas(2);
        IResourceBuilder<ProjectResource>[] services = [identity, staffing, records, screening, liaison, calendar];

        // The secrets the services declare beyond their connection strings (docs/operations.md, "Secrets"): the
        // key-encryption key of each Data Protection key ring, each audit chain's HMAC key, the crisis export's
        // pseudonym key, the answer codes' HMAC key. Generated locally; published, the city provides them.
        foreach (var ringed in new[] { identity, records, screening, liaison })
        {
            ringed.WithSecret(ServiceSecrets.KeyEncryptionKey, "kek", local);
        }
        foreach (var audited in new[] { records, screening, liaison })
        {
            audited.WithSecret(ServiceSecrets.AuditChainKey, "audit-chain-key", local);
        }
        screening.WithSecret(ServiceSecrets.PseudonymKey, "pseudonym-key", local);
        screening.WithSecret(ServiceSecrets.AnswerCodeKey, "answer-code-key", local);

        // The one public entry: partner agencies and browsers reach XinYu only through it, on its documented port.
        var gateway = builder.AddService<Projects.XinYu_Gateway>("gateway", local, publicPort: local.GatewayPort)
            .WithExternalHttpEndpoints()
            .WithReference(cache).WaitFor(cache)
            .WithCityReplicas(2, maxReplicas: 6);
        // It starts alongside the services rather than after them: routing needs only their addresses, known before
        // they start, and its /health reports a backend that is not ready yet as Degraded (so it is ready itself;
        // "XinYu is running" waits for every project's own health instead, LocalRun.cs).
        foreach (var service in services)
        {
            gateway.WithReference(service);
        }

        // The staff web app, behind the gateway (every path the APIs do not take). It signs staff in with the identity
        // service as a confidential client and calls the APIs through the gateway with their tokens, so it needs no
        // database: the tokens wait in Redis, under its own key ring. It hears the events its pages show (its own
        // temporary queue per replica) and tells the open pages to look again.
        var web = builder.AddService<Projects.XinYu_Web>("web", local)
            .WithReference(cache).WaitFor(cache).WithReference(messaging).WaitFor(messaging).WithReference(identity).WithReference(gateway)
            .WithSecret(ServiceSecrets.KeyEncryptionKey, "kek", local)
            .WithCityReplicas(2)
            .WithStickySessionsThrough(gateway);
        gateway.WithReference(web);
        // One secret, two holders: the web app presents it, the identity service registers it.
        var webClientSecret = web.SecretParameter("client-secret", local);
        web.WithEnvironment(ServiceSecrets.WebClientSecret.Replace(":", "__", StringComparison.Ordinal), webClientSecret);
        identity.WithEnvironment(ServiceSecrets.WebClientRegistration.Replace(":", "__", StringComparison.Ordinal), webClientSecret);

        // Tokens are issued, and validated, under the gateway's public URL: the one address partners know (and the
        // web app's address: it answers as it for its sign-in callbacks).
        var issuer = ReferenceExpression.Create($"{gateway.GetEndpoint("http")}/");
        foreach (var project in services.Append(gateway).Append(web))
        {
            project.WithEnvironment("Identity__Issuer", issuer);
        }
        LocalRun.Describe(builder, identity, gateway, [.. services, gateway, web]);
    }

    public static async Task<int> Main(string[] args)
    {
        string[] aspireArgs;
        Dictionary<string, string?> settings;
        try
        {
            (aspireArgs, settings) = LocalRunOptions.Split(args);
        }
        catch (HelpRequestedException)
        {
            Console.WriteLine(LocalRunOptions.Usage);
            return 0;
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        // Aspire's own publisher writes the manifest; the Kubernetes objects are ours, written from the same model.
        // A relative --output-path is from the repository's root, as the README's commands are typed (Aspire would read
        // it from the AppHost's folder).
        var outputAt = Array.IndexOf(aspireArgs, "--output-path");
        if (outputAt >= 0 && outputAt + 1 < aspireArgs.Length)
        {
            aspireArgs[outputAt + 1] = Path.GetFullPath(aspireArgs[outputAt + 1], LocalRunOptions.RepositoryRoot);
        }
        if (KubernetesPublisher.TakeArguments(ref aspireArgs) is { } kubernetesOutput)
        {
            Console.WriteLine($"Wrote {KubernetesPublisher.Write(await KubernetesPublisher.ReadModelAsync(), kubernetesOutput)}");
            return 0;
        }
        var builder = DistributedApplication.CreateBuilder(aspireArgs);
        builder.Configuration.AddInMemoryCollection(settings);
        try
        {
            LocalRun.Prepare(builder);
            DefineResources(builder);
        }
        catch (MissingServerException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        using var app = builder.Build();
        await app.RunAsync();
        return 0;
    }
}
