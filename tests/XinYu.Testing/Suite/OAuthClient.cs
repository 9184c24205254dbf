using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Xunit;

namespace XinYu.Testing.Suite;

/// <summary>What a standard OAuth 2.0 / OpenID Connect client does, over plain HTTP through the gateway.</summary>
public static partial class OAuthClient
{
    public const string DevClient = "xinyu-dev";
    public const string DevRedirect = "http://localhost/callback";

    public sealed record Tokens(string AccessToken, string? RefreshToken);

    public static async Task<Tokens> ClientCredentialsAsync(HttpClient http, string clientId, string secret, string scope)
    {
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = scope,
        }));
        return await ReadTokensAsync(response);
    }

    /// <summary>A PKCE authorization request: the URL to send the browser to, and the verifier to redeem the code.</summary>
    public static (string AuthorizePath, string Verifier) AuthorizationRequest(string state)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = DevClient, ["response_type"] = "code", ["redirect_uri"] = DevRedirect,
            ["scope"] = "openid offline_access xinyu.api", ["state"] = state, ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        });
        return (authorize, verifier);
    }

    /// <summary>Redeems an authorization code at the token endpoint, proving possession of the PKCE verifier.</summary>
    public static async Task<Tokens> RedeemCodeAsync(HttpClient http, string code, string verifier)
    {
        using var token = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["client_id"] = DevClient, ["redirect_uri"] = DevRedirect,
            ["code"] = code, ["code_verifier"] = verifier,
        }));
        return await ReadTokensAsync(token);
    }

    /// <summary>Authorization code with PKCE, signing in on XinYu's page as a person would (cookies, form, redirects).</summary>
    /// <param name="newPassword">Chosen at the first sign-in when identity asks for it (a temporary password); without it that is refused.</param>
    public static async Task<Tokens> SignInAsync(RunningSuite suite, string email, string password, string? newPassword = null)
    {
        using var http = suite.CreateClient(followRedirects: false);
        return await SignInAsync(http, email, password, newPassword);
    }

    /// <summary>
    /// The first sign-in of an account an admin created (or reset): replaces the temporary password with
    /// <see cref="ChosenPassword"/> of it, as identity requires before it issues any token.
    /// </summary>
    public static Task<Tokens> FirstSignInAsync(RunningSuite suite, string email, string temporaryPassword) =>
        SignInAsync(suite, email, temporaryPassword, ChosenPassword(temporaryPassword));

    /// <summary>The password a test's user chooses in place of <paramref name="temporaryPassword"/>.</summary>
    public static string ChosenPassword(string temporaryPassword) => temporaryPassword + "-chosen";

    /// <summary>The same flow on <paramref name="http"/>, which must keep cookies and not follow redirects.</summary>
    public static async Task<Tokens> SignInAsync(HttpClient http, string email, string password, string? newPassword = null)
    {
        var (authorize, verifier) = AuthorizationRequest("s-123");

        using var toLogin = await http.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        var loginUrl = toLogin.Headers.Location!;
        Assert.StartsWith("/account/login", loginUrl.IsAbsoluteUri ? loginUrl.PathAndQuery : loginUrl.OriginalString);

        var page = await http.GetStringAsync(loginUrl);
        var returnUrl = WebUtility.HtmlDecode(ReturnUrl().Match(page).Groups[1].Value);
        var signedIn = await PostFormAsync(http, "/account/login", FormOf(page, returnUrl, email, password));
        var answer = await signedIn.Content.ReadAsStringAsync();
        if (signedIn.StatusCode == HttpStatusCode.OK && answer.Contains("/account/change-password", StringComparison.Ordinal) && newPassword is not null)
        {
            var form = FormOf(answer, returnUrl, email, password);
            form["newPassword"] = newPassword;
            signedIn.Dispose();
            signedIn = await PostFormAsync(http, "/account/change-password", form);
            answer = await signedIn.Content.ReadAsStringAsync();
        }
        using var _ = signedIn;
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new SignInRefusedException($"{(int)signedIn.StatusCode} {answer}"); // the status first: a failed assert shows the start
        }

        using var toCallback = await http.GetAsync(signedIn.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, toCallback.StatusCode);
        var callback = toCallback.Headers.Location!;
        Assert.StartsWith(DevRedirect, callback.ToString());
        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal("s-123", query["state"].ToString());

        return await RedeemCodeAsync(http, query["code"].ToString(), verifier);
    }

    private static Dictionary<string, string> FormOf(string page, string returnUrl, string email, string password) => new()
    {
        [Field().Match(page).Groups["name"].Value] = Field().Match(page).Groups["value"].Value,
        ["returnUrl"] = returnUrl,
        ["email"] = email,
        ["password"] = password,
    };

    public static async Task<Tokens> RefreshAsync(HttpClient http, string refreshToken)
    {
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = DevClient, ["refresh_token"] = refreshToken,
        }));
        return await ReadTokensAsync(response);
    }

    /// <summary>The claims of a JWT (read only: the services verify signatures; this checks content).</summary>
    public static JsonElement Claims(string jwt) =>
        JsonDocument.Parse(Base64UrlDecode(jwt.Split('.')[1])).RootElement;

    /// <summary>
    /// Creates the first bureau admin with the identity service's one-time command, as `./xinyu.sh bootstrap-admin`
    /// does: with the settings the AppHost wrote for the running identity service.
    /// </summary>
    /// <summary>
    /// Posts a sign-in form as a browser would, and again after a 503 (up to three times, after its Retry-After): the
    /// identity service answers 503 when its database or Redis times out, which on a loaded CI machine (the end-to-end
    /// suite running beside the service tests) happened at sign-in twice. The page says "try again"; a person would.
    /// </summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient http, string path, IDictionary<string, string> form)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await http.PostAsync(path, new FormUrlEncodedContent(form));
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 3) return response;
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(2);
            response.Dispose();
            await Task.Delay(wait);
        }
    }

    public static Task<(int ExitCode, string Output)> BootstrapAdminAsync(RunningSuite suite, string email, Guid bureau, string password) =>
        IdentityCommandAsync(suite, "bootstrap-admin", email, bureau, password);

    /// <summary>
    /// One of the identity service's one-off admin commands (bootstrap-admin, demo-admin) with the running
    /// identity-api's settings, as <c>./xinyu.sh</c> runs it; <paramref name="environment"/> overrides its settings.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> IdentityCommandAsync(RunningSuite suite, string command, string email, Guid bureau,
        string password, IReadOnlyDictionary<string, string>? environment = null)
    {
        // Built beside the tests: same configuration and target framework folders (bin/<configuration>/<tfm>/).
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var assembly = Path.Combine(RepositoryPaths.Root, "services", "XinYu.Identity", "bin", output.Parent!.Name, output.Name, "XinYu.Identity.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(assembly) };
        foreach (var arg in new[] { assembly, command, "--email", email, "--bureau", bureau.ToString(), "--name", "E2E Admin" }) info.ArgumentList.Add(arg);
        var envFile = Path.Combine(suite.DataDirectory, "run", "env", "identity-api.env");
        foreach (var line in await File.ReadAllLinesAsync(envFile))
        {
            var split = line.IndexOf('=', StringComparison.Ordinal);
            if (split > 0) info.Environment[line[..split]] = line[(split + 1)..];
        }
        info.Environment["XINYU_BOOTSTRAP_PASSWORD"] = password;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        var text = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, text);
    }

    private static async Task<Tokens> ReadTokensAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"token endpoint answered {(int)response.StatusCode}: {body}");
        var json = JsonDocument.Parse(body).RootElement;
        return new Tokens(json.GetProperty("access_token").GetString()!,
            json.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>__RequestVerificationToken[^\"]*)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex Field();

    [GeneratedRegex("name=\"returnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrl();
}

public sealed class SignInRefusedException(string page) : Exception(page);
