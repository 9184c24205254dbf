using XinYu.AppHost.Publishing;
using XinYu.ServiceDefaults.Secrets;

namespace XinYu.Platform.Tests.Publishing;

/// <summary>The secrets the services declare reach them from Secrets, never with a default a city could keep.</summary>
public sealed class PublishedSecretsTests
{
    /// <summary>What each project declares beyond its connection strings (docs/operations.md, "Secrets").</summary>
    public static TheoryData<string, string[]> Declared => new()
    {
        { "identity-api", ["DataProtection__KeyEncryptionKey"] },
        { "records-api", ["DataProtection__KeyEncryptionKey", "Audit__ChainKey"] },
        { "screening-api", ["DataProtection__KeyEncryptionKey", "Audit__ChainKey", "Screening__CrisisExport__PseudonymKey", "Screening__AnswerCodes__Key"] },
        { "liaison-api", ["DataProtection__KeyEncryptionKey", "Audit__ChainKey"] },
    };

    [Theory]
    [MemberData(nameof(Declared))]
    public async Task Each_declared_secret_comes_from_the_projects_Secret_with_no_value_in_the_base(string project, string[] settings)
    {
        var model = await KubernetesTools.ModelAsync();
        var (config, secretKeys) = KubernetesConventions.EnvironmentOf((PublishedProject)model.Get(project), model);
        foreach (var setting in settings)
        {
            Assert.Contains(setting, secretKeys);
            Assert.False(config.ContainsKey(setting));
        }
    }

    [Fact]
    public async Task The_dev_overlay_runs_as_Development_and_every_secret_in_it_is_one_the_services_refuse_elsewhere()
    {
        var dev = await KubernetesTools.DefaultRenderAsync("overlays/dev");
        foreach (var deployment in dev.OfKind("Deployment"))
        {
            var name = (string)deployment["metadata"]!["name"]!;
            var env = KubernetesTools.EnvironmentOf(dev, deployment);
            Assert.Equal("Development", env["ASPNETCORE_ENVIRONMENT"]);
            var secret = KubernetesTools.SecretData(dev, (string)KubernetesTools.Container(deployment)["env"]![0]!["valueFrom"]!["secretKeyRef"]!["name"]!);
            Assert.All(secret, pair => Assert.True(DevelopmentSecrets.IsDevelopmentValue(pair.Value), $"{name}: {pair.Key} in the dev overlay is not recognisably a development value"));
            if (secret.TryGetValue("DataProtection__KeyEncryptionKey", out var kek)) Assert.Equal(32, Convert.FromBase64String(kek).Length);
        }
    }
}
