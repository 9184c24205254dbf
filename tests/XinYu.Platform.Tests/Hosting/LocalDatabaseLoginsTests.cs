using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using XinYu.AppHost;
using XinYu.AppHost.Servers;
using XinYu.ServiceDefaults.Data;

namespace XinYu.Platform.Tests.Hosting;

/// <summary>
/// A local run gives each service two logins to its database (docs/operations.md, "Databases and users"): it migrates
/// as the owner and serves as its own role, never as the server's superuser.
/// </summary>
public sealed class LocalDatabaseLoginsTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "xinyu-logins-" + Guid.NewGuid().ToString("N")[..8]);

    [Theory]
    [InlineData("identity-api", "identitydb")]
    [InlineData("staffing-api", "staffingdb")]
    [InlineData("records-api", "recordsdb")]
    [InlineData("screening-api", "screeningdb")]
    [InlineData("liaison-api", "liaisondb")]
    [InlineData("calendar-api", "calendardb")]
    public async Task Each_service_serves_as_its_own_role_and_gets_the_owner_login_as_a_separate_setting(string service, string database)
    {
        var connections = await LocalConnectionStringsAsync(service);

        var app = new NpgsqlConnectionStringBuilder(connections[database]);
        var owner = new NpgsqlConnectionStringBuilder(connections[database + DatabaseMigrationSettings.OwnerSuffix]);
        Assert.Equal(ServiceDatabases.AppRoleOf(database), app.Username);
        Assert.NotEqual(LocalPostgresResource.UserName, app.Username);
        Assert.Equal(LocalPostgresResource.UserName, owner.Username);
        Assert.Equal((database, database), (app.Database, owner.Database));
        Assert.Equal((owner.Host, owner.Port), (app.Host, app.Port));
        // A password of its own, kept in the data folder (so the next run's migrator sets the same one).
        Assert.False(string.IsNullOrEmpty(app.Password));
        Assert.NotEqual(owner.Password, app.Password);
        Assert.Equal(app.Password, File.ReadAllText(Path.Combine(_dataDirectory, "secrets", $"{service}-db-password")).Trim());
        Assert.Equal(app.Password, new NpgsqlConnectionStringBuilder((await LocalConnectionStringsAsync(service))[database]).Password);
    }

    /// <summary>
    /// The service's <c>ConnectionStrings__*</c> as a local run would give them, from the model alone: the model is
    /// built, not started, and PostgreSQL's endpoint is given the address DCP would.
    /// </summary>
    private async Task<Dictionary<string, string>> LocalConnectionStringsAsync(string service)
    {
        var builder = DistributedApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["XinYu:DataDirectory"] = _dataDirectory });
        XinYu.AppHost.Program.DefineResources(builder);
        using var app = builder.Build();
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var postgres = model.Resources.OfType<LocalPostgresResource>().Single();
        var tcp = postgres.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "tcp");
        tcp.AllocatedEndpoint = new AllocatedEndpoint(tcp, "127.0.0.1", postgres.Port);

        var project = model.Resources.OfType<ProjectResource>().Single(r => r.Name == service);
        var context = new EnvironmentCallbackContext(app.Services.GetRequiredService<DistributedApplicationExecutionContext>(), project,
            new Dictionary<string, object>(), CancellationToken.None);
        foreach (var callback in project.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }
        var connections = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in context.EnvironmentVariables.Where(e => e.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal)))
        {
            var name = key["ConnectionStrings__".Length..];
            if (name is "cache" or "messaging") continue; // their endpoints are not allocated here
            connections[name] = value switch
            {
                string s => s,
                IValueProvider provider => await provider.GetValueAsync(CancellationToken.None) ?? "",
                _ => throw new InvalidOperationException($"{key} is a {value.GetType().Name}."),
            };
        }
        return connections;
    }

    public void Dispose()
    {
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
