using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using XinYu.Identity.Data;
using XinYu.Testing.Services;
using XinYu.Testing.Suite;

namespace XinYu.Identity.Tests;

/// <summary>
/// The real identity service on a fresh <c>identitydb</c> of the test servers. Nobody signs in by headers here: tests
/// sign in on the real page (authorization code with PKCE) and call the admin API with the tokens identity issued.
/// A request may say which client address it comes from (<see cref="AddressHeader"/>), as a proxy would.
/// </summary>
public class IdentityApp() : ServiceApp<Program, AccountsDbContext>("identitydb")
{
    public const string AddressHeader = "X-Test-Client-Address";
    public const string Password = "a-long-enough-passphrase";

    protected override bool SignsInByHeaders => false;

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();

    /// <summary>An account as the bootstrap command would make it: a password of its own (no change required).</summary>
    public async Task<(Guid Id, string Email)> AccountAsync(Guid bureau, string role, Guid? school = null, string password = Password)
    {
        await using var scope = Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        var email = $"{role}-{Guid.NewGuid():N}@identity.example";
        var account = new StaffAccount
        {
            Id = Guid.CreateVersion7(), UserName = email, Email = email, DisplayName = role, BureauId = bureau, SchoolId = school,
            Roles = [role], CreatedAt = DateTimeOffset.UtcNow,
        };
        var result = await accounts.CreateAsync(account, password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return (account.Id, email);
    }

    /// <summary>Makes a school known, as Staffing's SchoolRegistered would.</summary>
    public Task<Guid> KnownSchoolAsync(Guid bureau) => QueryAsync(async db =>
    {
        var id = Guid.NewGuid();
        db.KnownSchools.Add(new KnownSchool { SchoolId = id, BureauId = bureau, LearnedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        return id;
    });

    /// <summary>A browser-like client: keeps cookies, does not follow redirects, comes from <paramref name="address"/>.</summary>
    public HttpClient Browser(string address = "192.0.2.10")
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        return client;
    }

    public async Task<OAuthClient.Tokens> SignInAsync(string email, string password = Password, string? newPassword = null, string address = "192.0.2.10")
    {
        using var browser = Browser(address);
        return await OAuthClient.SignInAsync(browser, email, password, newPassword);
    }

    /// <summary>A client calling the API with <paramref name="accessToken"/>.</summary>
    public HttpClient Bearer(string accessToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>Signs in <paramref name="email"/> and returns a client with its access token.</summary>
    public async Task<HttpClient> SignedInAsync(string email, string password = Password) => Bearer((await SignInAsync(email, password)).AccessToken);

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement;
    }

    /// <summary>A 400 problem details naming <paramref name="field"/>.</summary>
    public static async Task AssertRejectedAsync(HttpResponseMessage response, string field, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var problem = await JsonAsync(response, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object? body = null) =>
        body is null ? client.PostAsync(path, null) : client.PostAsJsonAsync(path, body);

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate following) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[AddressHeader], out var address)) context.Connection.RemoteIpAddress = address;
                return following(context);
            });
            next(app);
        };
    }
}
