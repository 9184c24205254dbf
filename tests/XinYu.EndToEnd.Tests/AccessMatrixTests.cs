using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

using XinYu.Testing.Suite;

namespace XinYu.EndToEnd.Tests;

/// <summary>Calls every endpoint with every role, a partner client and no token, through the gateway.</summary>
[Collection(SuiteCollection.Name)]
public sealed class AccessMatrixTests(SuiteFixture suite)
{
    [Fact]
    public async Task Every_published_endpoint_is_in_the_matrix()
    {
        using var http = suite.CreateClient();
        var listed = AccessMatrix.Endpoints.Select(e => e.ToString()).ToHashSet();
        var missing = new List<string>();
        foreach (var service in SuiteFixture.Services)
        {
            var document = JsonDocument.Parse(await http.GetStringAsync($"/openapi/{service}.json")).RootElement;
            foreach (var path in document.GetProperty("paths").EnumerateObject())
            {
                foreach (var operation in path.Value.EnumerateObject())
                {
                    var endpoint = $"{operation.Name.ToUpperInvariant()} {path.Name.TrimEnd('/')}";
                    if (!listed.Contains(endpoint)) missing.Add(endpoint);
                }
            }
        }
        Assert.True(missing.Count == 0, "Endpoints missing from the access matrix: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task No_caller_reaches_an_endpoint_the_matrix_does_not_give_them()
    {
        var tokens = await TokensForEveryCallerAsync();
        var leaks = new List<string>();
        foreach (var endpoint in AccessMatrix.Endpoints)
        {
            foreach (var caller in AccessMatrix.Callers)
            {
                using var http = suite.CreateClient();
                if (tokens[caller] is { } token) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path);
                if (endpoint.Body is not null) request.Content = JsonContent.Create(endpoint.Body);
                using var response = await http.SendAsync(request);

                var status = (int)response.StatusCode;
                var allowed = endpoint.Allowed.Contains(caller);
                var expected = caller == AccessMatrix.Anonymous ? 401 : 403;
                var ok = allowed ? status is not (401 or 403) && status < 500 : status == expected;
                if (!ok) leaks.Add($"{endpoint} as {caller}: {status} (expected {(allowed ? "allowed" : expected.ToString())})");
            }
        }
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    /// <summary>
    /// The partner caller holds every partner scope, so a row that allows "partner" is reachable by scope; what a
    /// partner may see inside an endpoint (only what is addressed to its agency) is each service's own test.
    /// </summary>
    private static readonly string[] PartnerScopes = ["xinyu.referrals", "xinyu.crisis-export", "xinyu.joint-cases"];

    /// <summary>A signed-in account for every staff role, and a partner client, all in one bureau.</summary>
    private async Task<Dictionary<string, string?>> TokensForEveryCallerAsync()
    {
        var admin = await IdentityFlowTests.AdminTokensAsync(suite);
        using var http = suite.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin.AccessToken);
        var tokens = new Dictionary<string, string?> { [AccessMatrix.Anonymous] = null, ["bureau-admin"] = admin.AccessToken };
        var school = await DirectoryClient.CreateSchoolAsync(http);
        foreach (var role in AccessMatrix.StaffRoles.Where(r => r != "bureau-admin"))
        {
            var email = $"{role}-{Guid.NewGuid():N}@matrix.example";
            using var created = await DirectoryClient.CreateAccountAsync(http, new
            {
                email, displayName = role, roles = new[] { role }, schoolId = role.StartsWith("bureau", StringComparison.Ordinal) || role == "auditor" ? (Guid?)null : school,
            });
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            var password = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("temporaryPassword").GetString()!;
            tokens[role] = (await OAuthClient.FirstSignInAsync(suite, email, password)).AccessToken;
        }
        var clientId = "matrix-" + Guid.NewGuid().ToString("N")[..8];
        using var client = await http.PostAsJsonAsync("/api/identity/clients", new
        {
            clientId, displayName = "Matrix hospital", agencyType = "hospital", agencyId = "h-1", scopes = PartnerScopes,
        });
        var secret = JsonDocument.Parse(await client.Content.ReadAsStringAsync()).RootElement.GetProperty("clientSecret").GetString()!;
        using var partnerHttp = suite.CreateClient();
        tokens[AccessMatrix.Partner] = (await OAuthClient.ClientCredentialsAsync(partnerHttp, clientId, secret, string.Join(' ', PartnerScopes))).AccessToken;
        return tokens;
    }
}
