using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

using XinYu.Testing;
using XinYu.Testing.Suite;

namespace XinYu.EndToEnd.Tests;

/// <summary>No personal data in logs: a scenario with known names and addresses, then every log line is scanned.</summary>
[Collection(SuiteCollection.Name)]
public sealed class PrivacyTests(SuiteFixture suite)
{
    [Fact]
    public async Task A_scenario_with_known_personal_data_leaves_none_of_it_in_any_log()
    {
        var admin = await IdentityFlowTests.AdminTokensAsync(suite);
        using var http = suite.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin.AccessToken);

        var name = "欧阳明慧";
        var email = $"ouyang.minghui.{Guid.NewGuid():N}@school.example";
        var school = await DirectoryClient.CreateSchoolAsync(http);
        using var created = await DirectoryClient.CreateAccountAsync(http, new
        {
            email, displayName = name, roles = new[] { "head-teacher" }, schoolId = school,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var password = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("temporaryPassword").GetString()!;
        // Failures are where systems tend to log who it was.
        await Assert.ThrowsAsync<SignInRefusedException>(() => OAuthClient.SignInAsync(suite, email, "not-the-password"));
        using var duplicate = await http.PostAsJsonAsync("/api/identity/accounts", new
        {
            email, displayName = name, roles = new[] { "head-teacher" }, schoolId = school,
        });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        var tokens = await OAuthClient.FirstSignInAsync(suite, email, password);
        Assert.NotNull(tokens.AccessToken);

        // A marker instead of a pause: one more refused sign-in, then wait for its line. Identity's log is written in
        // order, so once the marker's line is there, every line before it is too.
        var identityLog = Path.Combine(suite.LogDirectory, "identity-api.log");
        int Refusals() => File.ReadLines(identityLog).Count(l => l.Contains("Sign-in refused for", StringComparison.Ordinal));
        await Eventually.AssertAsync(() => Refusals() > 0, TimeSpan.FromSeconds(30), "the refused sign-in in identity's log");
        var refusals = Refusals();
        await Assert.ThrowsAsync<SignInRefusedException>(() => OAuthClient.SignInAsync(suite, email, "not-the-password-either"));
        await Eventually.AssertAsync(() => Refusals() > refusals, TimeSpan.FromSeconds(30), "the marker's line in identity's log");
        var leaks = Directory.EnumerateFiles(suite.LogDirectory, "*.log")
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, i)))
            .Where(l => l.line.Contains(name, StringComparison.Ordinal) || l.line.Contains(email, StringComparison.OrdinalIgnoreCase)
                || l.line.Contains(password, StringComparison.Ordinal))
            .Select(l => $"{Path.GetFileName(l.file)}:{l.i + 1}: {l.line}")
            .ToList();
        Assert.True(leaks.Count == 0, "Personal data in logs:\n" + string.Join("\n", leaks.Take(20)));
        // The refused sign-in was logged, with the address erased (the line exists; the person does not).
        Assert.Contains(File.ReadLines(Path.Combine(suite.LogDirectory, "identity-api.log")), l => l.Contains("Sign-in refused for", StringComparison.Ordinal));
    }
}
