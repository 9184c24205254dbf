using System.Net.Http.Json;
using System.Text.Json;
using XinYu.EndToEnd.Tests;
using XinYu.ServiceDefaults.Auth;
using XinYu.Testing.Services;

namespace XinYu.Liaison.Tests.Api;

/// <summary>
/// The suite's access matrix (tests/XinYu.EndToEnd.Tests/AccessMatrix.Liaison.cs), run against the liaison service
/// alone: every endpoint it publishes is listed, and every caller gets what the matrix gives them.
/// </summary>
[Collection(LiaisonCollection.Name)]
public sealed class AccessMatrixTests(LiaisonApp app)
{
    private static readonly EndpointAccess[] Rows = AccessMatrix.Endpoints.Where(e => e.Template.StartsWith("/api/liaison/")).ToArray();

    [Fact]
    public async Task Every_published_endpoint_is_in_the_matrix_and_every_row_is_published()
    {
        using var http = app.CreateClient();
        var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json")).RootElement;
        var published = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => $"{o.Name.ToUpperInvariant()} {p.Name.TrimEnd('/')}")).Order().ToList();
        // The audit trail's endpoints are the platform's (MapAuditApi), listed in AccessMatrix.cs; the rest must match both ways.
        Assert.Equal(Rows.Select(r => r.ToString()).Where(r => !r.Contains("/audit")).Order(), published.Where(r => !r.Contains("/audit")));
        Assert.Empty(published.Except(Rows.Select(r => r.ToString())));
    }

    [Fact]
    public async Task No_caller_reaches_an_endpoint_the_matrix_does_not_give_them()
    {
        var leaks = new List<string>();
        foreach (var endpoint in Rows)
        {
            foreach (var caller in AccessMatrix.Callers)
            {
                using var http = caller switch
                {
                    AccessMatrix.Anonymous => app.CreateClient(),
                    AccessMatrix.Partner => app.As(TestCaller.Partner(Guid.NewGuid(), "agency-" + Guid.NewGuid().ToString("N")[..6],
                        XinYuScopes.Referrals, XinYuScopes.CrisisExport, XinYuScopes.JointCases)),
                    _ => app.As(caller, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()),
                };
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
}
