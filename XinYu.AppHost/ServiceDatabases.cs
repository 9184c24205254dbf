using Aspire.Hosting.ApplicationModel;
using XinYu.AppHost.Servers;

namespace XinYu.AppHost;

/// <summary>
/// A service's database as two logins (docs/operations.md, "Databases and users"): <c>ConnectionStrings__&lt;db&gt;-owner</c>,
/// with which it migrates, and <c>ConnectionStrings__&lt;db&gt;</c>, its own role, with which it serves. After each
/// migration the owner creates that role if missing and sets its password from the connection string
/// (XinYu.ServiceDefaults/Data/DatabaseRoles.cs), so the role exists before the service first connects as it.
/// </summary>
public static class ServiceDatabases
{
    /// <summary>The service's own role: per database, so one service's password opens no other service's database.</summary>
    public static string AppRoleOf(string database) => $"{database}_app";

    public static IResourceBuilder<ProjectResource> WithDatabase(this IResourceBuilder<ProjectResource> project,
        IResourceBuilder<IResourceWithConnectionString> database, LocalRunOptions local)
    {
        var name = database.Resource.Name;
        // Locally the owner is the server's superuser, as the databases were created with (and as earlier runs migrated).
        // (WithEnvironment, not WithReference with a connection name: that one also writes a second, underscored copy.)
        project.WithEnvironment($"ConnectionStrings__{name}{DatabaseOwnerSuffix}", database).WaitFor(database);
        if (database.Resource is LocalPostgresDatabaseResource localDatabase)
        {
            // Its password is generated once and kept in the data folder like the other local secrets: the migrator
            // sets it on the role at every start, so a new one would also do, but a stable one keeps the env file
            // `./xinyu.sh bootstrap-admin` reads valid across restarts.
            var password = project.SecretParameter("db-password", local);
            return project.WithEnvironment($"ConnectionStrings__{name}", localDatabase.ConnectionStringAs(AppRoleOf(name), password.Resource));
        }
        // Published, the city provides both connection strings (the Kubernetes publisher keeps the owner's for the
        // migration step alone).
        return project.WithReference(database);
    }

    /// <summary>XinYu.ServiceDefaults' DatabaseMigrationSettings.OwnerSuffix (the AppHost does not reference ServiceDefaults).</summary>
    public const string DatabaseOwnerSuffix = "-owner";
}
