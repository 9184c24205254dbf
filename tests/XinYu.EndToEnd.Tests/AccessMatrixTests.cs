using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

using Xunit.Abstractions;
using XinYu.Testing.Suite;

namespace XinYu.EndToEnd.Tests;

/// <summary>Calls every endpoint with every role, a partner client and no token, through the gateway.</summary>
[Collection(SuiteCollection.Name)]
public sealed class AccessMatrixTests(SuiteFixture suite, ITestOutputHelper output)
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
    /// Every endpoint that takes an id (in its path, or a row's body) called as each allowed role with real objects: school A's,
    /// which the role reaches (the allowed answer: 2xx, or a 4xx about the request, never 401/403/404), and school B's, which
    /// school staff do not reach (404, as for an object that does not exist) and bureau staff do. State-changing calls
    /// send a valid body, so a missing reach check cannot hide behind body validation.
    /// </summary>
    [Fact]
    public async Task Every_id_taking_endpoint_answers_its_own_schools_objects_and_hides_the_other_schools()
    {
        var seed = await ScopeSeed.OfRunAsync(suite);
        var calls = AccessMatrix.Endpoints.Where(e => e.Parameters.Count > 0 || e.BodyScoped)
            .SelectMany(e => e.Allowed.SelectMany(caller => ScopeCalls.For(e, caller, seed).Select(call => (Endpoint: e, Caller: caller, Call: call))))
            .ToList();
        var failures = new List<string>();

        // First every call that must be refused as missing; school B, read by its bureau, must look the same afterwards.
        var before = await SchoolBAsSeenByTheBureauAsync(seed);
        foreach (var (endpoint, caller, call) in calls.Where(c => !c.Call.Reaches)) await RunAsync(endpoint, caller, call, seed, failures);
        var after = await SchoolBAsSeenByTheBureauAsync(seed);
        foreach (var (path, text) in before.Where(b => after[b.Key] != b.Value))
            failures.Add($"School B changed after calls it was refused: GET {path} was {text[..Math.Min(text.Length, 300)]}, is {after[path][..Math.Min(after[path].Length, 300)]}");

        // Then the reached objects; calls that use up their object (a class closed, an event called off) go last.
        foreach (var (endpoint, caller, call) in calls.Where(c => c.Call.Reaches).OrderBy(c => c.Endpoint.Consumes))
            await RunAsync(endpoint, caller, call, seed, failures);

        Assert.True(calls.Count > 0);
        Assert.True(failures.Count == 0, $"{failures.Count} of {calls.Count} calls:\n" + string.Join("\n", failures));
    }

    private async Task RunAsync(EndpointAccess endpoint, string caller, ScopeCall call, ScopeSeed seed, List<string> failures)
    {
        using var http = suite.CreateClient();
        if (seed.Tokens[caller] is { } token) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        http.DefaultRequestHeaders.Add("X-Purpose", ScopeSeed.Purpose);
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), call.Path);
        if (call.Body is HttpContent content) request.Content = content;
        else if (call.Body is not null) request.Content = JsonContent.Create(call.Body);
        using var response = await http.SendAsync(request);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        var line = $"{endpoint} as {caller} with {call.Description}: {status}";
        if (!call.Accepts(status)) failures.Add($"{line}, expected {call.Expected}. {text[..Math.Min(text.Length, 300)]}");
        // A change to a reached object refused for its content is allowed; the log shows why, for review.
        else if (call.Reaches && status >= 400) output.WriteLine($"{line}: {text[..Math.Min(text.Length, 200)]}");
    }

    /// <summary>
    /// What the refused calls could have changed in school B, as its bureau reads it: the directory (classes, staff,
    /// certificates, training, mentors), the event (presenters, registrations, held, called off), hand-overs, parent
    /// activities, home-visit coverage and campaign progress.
    /// </summary>
    private async Task<Dictionary<string, string>> SchoolBAsSeenByTheBureauAsync(ScopeSeed seed)
    {
        var b = seed.B;
        using var http = suite.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", seed.Tokens["bureau-admin"]);
        var reads = new[]
        {
            $"/api/staffing/schools/{b.SchoolId}/classes", $"/api/staffing/schools/{b.SchoolId}/staff",
            $"/api/staffing/schools/{b.SchoolId}/certificates", $"/api/staffing/schools/{b.SchoolId}/training/records",
            $"/api/staffing/schools/{b.SchoolId}/mentor-grid", $"/api/calendar/events/{b.EventId}",
            $"/api/records/schools/{b.SchoolId}/hand-overs", $"/api/liaison/schools/{b.SchoolId}/parent-activities",
            $"/api/liaison/schools/{b.SchoolId}/home-visits/coverage", $"/api/screening/campaigns/{b.CampaignId}/progress",
        };
        var seen = new Dictionary<string, string>();
        foreach (var path in reads) seen[path] = (await EnrolledStudent.JsonAsync(await http.GetAsync(path))).GetRawText();
        return seen;
    }

    /// <summary>A signed-in account for every staff role (in school A of the seed), a partner client and no token.</summary>
    private async Task<IReadOnlyDictionary<string, string?>> TokensForEveryCallerAsync() => (await ScopeSeed.OfRunAsync(suite)).Tokens;
}
