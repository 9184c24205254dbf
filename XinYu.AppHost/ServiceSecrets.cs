using System.Security.Cryptography;
using Aspire.Hosting.ApplicationModel;

namespace XinYu.AppHost;

/// <summary>
/// The secrets the services declare (XinYu.ServiceDefaults/Secrets; docs/operations.md, "Secrets") as Aspire
/// parameters. Published, a parameter has no value: the Kubernetes publisher puts it in the project's Secret, which the
/// city fills. Run locally, the value is generated once and kept in the data folder beside the servers' passwords (not
/// in user secrets, which Aspire's test host may rewrite): a new key-encryption key on every run would make the key
/// rings, and so every encrypted column, unreadable. <c>--fresh</c> deletes both together.
/// </summary>
public static class ServiceSecrets
{
    /// <summary>
    /// Gives <paramref name="project"/> the secret <paramref name="setting"/> from a parameter named
    /// <c>&lt;project&gt;-&lt;suffix&gt;</c>: one value per service, so one service's secret reads nothing of another's.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSecret(this IResourceBuilder<ProjectResource> project, string setting,
        string suffix, LocalRunOptions local)
    {
        var parameter = project.SecretParameter(suffix, local);
        return project.WithEnvironment(setting.Replace(":", "__", StringComparison.Ordinal), parameter);
    }

    /// <summary>
    /// The parameter <c>&lt;project&gt;-&lt;suffix&gt;</c> itself, for a secret that is part of a larger value (the
    /// password in a connection string): no value when publishing, generated once and kept when running.
    /// </summary>
    public static IResourceBuilder<ParameterResource> SecretParameter(this IResourceBuilder<ProjectResource> project, string suffix,
        LocalRunOptions local)
    {
        var builder = project.ApplicationBuilder;
        var name = $"{project.Resource.Name}-{suffix}";
        return builder.ExecutionContext.IsPublishMode
            ? builder.AddParameter(name, secret: true)
            : builder.AddParameter(name, LocalValue(local, name), secret: true);
    }

    /// <summary>32 random bytes in base64: what every key the services take is (the KEK requires exactly this).</summary>
    private static string LocalValue(LocalRunOptions local, string name)
    {
        var folder = Path.Combine(local.DataDirectory, "secrets");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, name);
        if (File.Exists(file)) return File.ReadAllText(file).Trim();
        File.WriteAllText(file, "");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(file, value);
        return value;
    }

    public const string KeyEncryptionKey = "DataProtection:KeyEncryptionKey";
    public const string AuditChainKey = "Audit:ChainKey";
    public const string PseudonymKey = "Screening:CrisisExport:PseudonymKey";
    /// <summary>The web app's client secret, as the web app reads it and as the identity service registers it.</summary>
    public const string WebClientSecret = "Web:ClientSecret";
    public const string WebClientRegistration = "Identity:Server:WebApp:ClientSecret";
    public const string AnswerCodeKey = "Screening:AnswerCodes:Key";
}
