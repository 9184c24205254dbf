using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace XinYu.ServiceDefaults.Secrets;

/// <summary>
/// Refuses to start a service outside Development while a declared secret is missing, empty or a value anyone can read
/// in the repository. The failure names the setting and never its value (a log line or a crash report must not carry
/// the secret itself, or even a prefix of it).
/// </summary>
public sealed class SecretCheck(IEnumerable<RequiredSecret> secrets, IConfiguration configuration, IHostEnvironment environment)
    : IValidateOptions<SecretCheckOptions>
{
    public ValidateOptionsResult Validate(string? name, SecretCheckOptions options)
    {
        // Development runs on the repository's own values (appsettings.Development.json, the dev overlay) by design.
        if (environment.IsDevelopment()) return ValidateOptionsResult.Success;
        var failures = Failures().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private IEnumerable<string> Failures()
    {
        foreach (var secret in secrets.DistinctBy(s => s.Setting, StringComparer.OrdinalIgnoreCase).OrderBy(s => s.Setting, StringComparer.Ordinal))
        {
            var setting = secret.Setting;
            var value = configuration[setting];
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return $"Secret {setting} is not set: the deployment must provide it (environment variable {EnvironmentName(setting)}; docs/operations.md, \"Secrets\").";
            }
            else if (DevelopmentSecrets.IsDevelopmentValue(value))
            {
                yield return $"Secret {setting} has a development value from the repository: give it one of your own (docs/operations.md, \"Secrets\").";
            }
            else if (secret.IsWellFormed?.Invoke(value) == false)
            {
                yield return $"Secret {setting} is not well formed: it must be {secret.Format}.";
            }
        }
    }

    private static string EnvironmentName(string setting) => setting.Replace(":", "__", StringComparison.Ordinal);
}
