using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace XinYu.ServiceDefaults.Secrets;

/// <summary>A setting whose value is a secret the deployment must provide (by configuration key, e.g. <c>Audit:ChainKey</c>).</summary>
/// <param name="Format">What a well-formed value is, when <paramref name="IsWellFormed"/> checks one (a key of a fixed size).</param>
public sealed record RequiredSecret(string Setting, Func<string, bool>? IsWellFormed = null, string? Format = null);

public static class RequiredSecretsExtensions
{
    /// <summary>
    /// Declares that this service needs <paramref name="setting"/> as a secret of its own: outside Development the
    /// service refuses to start while it is missing, empty or a known development value (<see cref="SecretCheck"/>).
    /// Each building block declares what it reads (the database, the cache, the broker, the key ring, the audit chain);
    /// a service declares its own (Screening's pseudonym key). Declaring one twice is harmless.
    /// </summary>
    public static IServiceCollection RequireSecret(this IServiceCollection services, string setting) =>
        services.RequireSecret(new RequiredSecret(setting));

    public static IServiceCollection RequireSecret(this IServiceCollection services, RequiredSecret secret)
    {
        services.AddSingleton(secret);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecretCheckOptions>, SecretCheck>());
        // Checked when the host starts (before any hosted service: migrations, the relay, consumers), not at the first
        // use of the secret, which might be weeks later (the crisis export runs in October).
        services.AddOptions<SecretCheckOptions>().ValidateOnStart();
        return services;
    }
}

/// <summary>The options type the check hangs on; it carries nothing.</summary>
public sealed class SecretCheckOptions;
