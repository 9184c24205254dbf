using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using XinYu.Testing;

using XinYu.Testing.Suite;

namespace XinYu.EndToEnd.Tests;

/// <summary>A person signing in through a real browser (Debian's headless Chromium, driven by playwright-core).</summary>
[Collection(SuiteCollection.Name)]
public sealed class BrowserSignInTests(SuiteFixture suite)
{
    private static readonly string Driver = Path.Combine(RepositoryPaths.Root, "tests", "browser-signin");

    private async Task<JsonElement> SignInWithBrowserAsync(string authorizePath, string email, string password)
    {
        Assert.True(File.Exists("/usr/bin/chromium"), "Chromium is not installed: `./xinyu.sh test` installs Debian's chromium package.");
        await ExternalTools.EnsureNpmPackagesAsync(Driver);
        var (code, stdout, stderr) = await ExternalTools.RunAsync("node",
            [Path.Combine(Driver, "signin.mjs"), suite.Issuer.TrimEnd('/') + authorizePath, email, password, OAuthClient.DevRedirect],
            stdin: null, TimeSpan.FromSeconds(90));
        Assert.True(code == 0, $"the browser run failed ({code}):\n{stderr}");
        return JsonDocument.Parse(stdout).RootElement;
    }

    [Fact]
    public async Task Staff_sign_in_through_the_browser_ends_at_the_client_with_a_code_that_redeems_for_tokens()
    {
        var admin = await IdentityFlowTests.AdminTokensAsync(suite); // makes sure the admin exists
        var (authorize, verifier) = OAuthClient.AuthorizationRequest("browser-state");

        var result = await SignInWithBrowserAsync(authorize, IdentityFlowTests.AdminEmail, IdentityFlowTests.AdminPassword);

        var callback = result.GetProperty("callback").GetString();
        Assert.NotNull(callback);
        var query = QueryHelpers.ParseQuery(new Uri(callback).Query);
        Assert.Equal("browser-state", query["state"].ToString());
        using var http = suite.CreateClient();
        var tokens = await OAuthClient.RedeemCodeAsync(http, query["code"].ToString(), verifier);
        Assert.Equal(OAuthClient.Claims(admin.AccessToken).GetProperty("sub").GetString(),
            OAuthClient.Claims(tokens.AccessToken).GetProperty("sub").GetString());
    }

    [Fact]
    public async Task A_wrong_password_in_the_browser_stays_on_the_sign_in_page_with_an_error_and_no_code()
    {
        await IdentityFlowTests.AdminTokensAsync(suite);
        var (authorize, _) = OAuthClient.AuthorizationRequest("browser-wrong");

        var result = await SignInWithBrowserAsync(authorize, IdentityFlowTests.AdminEmail, "certainly-not-the-password");

        Assert.Equal(JsonValueKind.Null, result.GetProperty("callback").ValueKind);
        Assert.Contains("/account/login", result.GetProperty("finalUrl").GetString());
        Assert.Contains("wrong", result.GetProperty("alert").GetString());
    }
}
