using System.Net;
using Microsoft.Extensions.Hosting;
using XinYu.Screening.Data;
using XinYu.Testing.Services;

namespace XinYu.Screening.Tests;

/// <summary>Screening as a city starts it (Production), with the secrets it is given.</summary>
public sealed class ScreeningInProduction(IEnumerable<KeyValuePair<string, string>> secrets) : ServiceApp<Program, ScreeningDbContext>("screeningdb")
{
    protected override string EnvironmentName => Environments.Production;
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Screening:Escalation:Enabled", "false"), .. secrets];
}

[Collection(OneServiceAtATime.Name)]
public sealed class PseudonymKeySecretTests
{
    private const string Setting = "Screening:CrisisExport:PseudonymKey";

    private static readonly KeyValuePair<string, string>[] OtherSecrets =
    [
        new("DataProtection:KeyEncryptionKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))),
        new("Audit:ChainKey", "a-city-chain-key-" + Guid.NewGuid()),
        new("Screening:AnswerCodes:Key", "a-city-answer-code-key-" + Guid.NewGuid()),
    ];

    private static async Task<string> RefusalAsync(ScreeningInProduction screening)
    {
        await screening.InitializeAsync();
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => Task.Run(() => screening.CreateClient()));
        return refused is AggregateException all ? string.Join("\n", all.Flatten().InnerExceptions.Select(e => e.Message)) : refused.Message;
    }

    [Fact]
    public async Task Without_a_pseudonym_key_screening_does_not_start_in_Production_and_says_which_setting()
    {
        await using var screening = new ScreeningInProduction(OtherSecrets);
        Assert.Contains(Setting, await RefusalAsync(screening));
    }

    [Fact]
    public async Task With_the_repository_development_pseudonym_key_screening_does_not_start_in_Production()
    {
        await using var screening = new ScreeningInProduction([.. OtherSecrets, new(Setting, "development-only-pseudonym-key")]);
        var message = await RefusalAsync(screening);
        Assert.Contains(Setting, message);
        Assert.DoesNotContain("development-only-pseudonym-key", message);
    }

    [Fact]
    public async Task Without_an_answer_code_key_screening_does_not_start_in_Production_and_says_which_setting()
    {
        await using var screening = new ScreeningInProduction(
            [.. OtherSecrets.Where(s => s.Key != "Screening:AnswerCodes:Key"), new(Setting, "a-city-pseudonym-key-" + Guid.NewGuid())]);
        Assert.Contains("Screening:AnswerCodes:Key", await RefusalAsync(screening));
    }

    [Fact]
    public async Task With_every_secret_of_its_own_screening_starts_in_Production()
    {
        await using var screening = new ScreeningInProduction([.. OtherSecrets, new(Setting, "a-city-pseudonym-key-" + Guid.NewGuid())]);
        await screening.InitializeAsync();
        using var client = screening.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive")).StatusCode);
    }
}
