using System.Diagnostics;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using XinYu.Testing;
using XinYu.Testing.Suite;

namespace XinYu.EndToEnd.Tests;

/// <summary>
/// The Aspire dashboard as a developer uses it: signed in through the AppHost's link in a real browser (Debian's
/// headless Chromium, driven by playwright-core), it shows every resource running and the one trace a screening
/// submission leaves across the gateway, Screening, RabbitMQ, Records and Liaison. The screenshots go to the test's
/// output folder, and to $XINYU_SCREENSHOTS when set (how docs/images/ is refreshed: docs/operations.md).
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class DashboardTests(SuiteFixture suite)
{
    private static readonly string Driver = Path.Combine(RepositoryPaths.Root, "tests", "browser-signin");
    private TestDashboard Dashboard => suite.Dashboard ?? throw new InvalidOperationException("The end-to-end suite runs with its dashboard.");

    [Fact]
    public async Task Signed_in_through_its_link_the_dashboard_shows_every_resource_running()
    {
        var expected = await VisibleResourcesAsync();

        var page = await BrowseAsync("/", "dashboard-resources.png", waitFor: "gateway");

        Assert.True(page.GetProperty("signedIn").GetBoolean(), $"the sign-in link did not sign in: {page}");
        var rows = page.GetProperty("rows").EnumerateArray().Select(r => r.GetString()!).ToList();
        foreach (var resource in expected)
        {
            var row = rows.FirstOrDefault(r => r.StartsWith(resource + " ", StringComparison.Ordinal));
            Assert.True(row is not null, $"'{resource}' is not on the resources page:\n{string.Join('\n', rows)}");
            Assert.StartsWith($"{resource} Running", row);
            Assert.DoesNotContain("Unhealthy", row);
        }
    }

    [Fact]
    public async Task A_screening_submission_is_one_trace_from_the_gateway_through_RabbitMQ_to_Records_and_Liaison()
    {
        using var enrolled = await EnrolledStudent.EnrolAsync(suite);
        // The request starts a trace of a known id (the gateway continues a caller's W3C trace context), so the
        // test asks the dashboard for that trace rather than searching its most recent spans, which the suite's
        // background work (relays, sweepers) pushes along during a long run.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        await enrolled.SubmitSelfHarmAnswerAsync(traceParent: $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        // The services export in batches; the consumers' spans follow the broker's delivery.
        using var telemetry = Dashboard.CreateTelemetryClient();
        string[] crossing = ["gateway", "screening-api", "records-api", "liaison-api"];
        HashSet<string> services = [];
        await Eventually.AssertAsync(async () =>
        {
            var spans = Spans(await GetJsonAsync(telemetry, $"api/telemetry/spans?traceId={traceId}&limit=10000")).ToList();
            services = [.. spans.Select(s => s.Service)];
            return crossing.All(services.Contains) && spans.Any(s => s.Attribute("messaging.system") == "rabbitmq")
                && spans.Any(s => s.Service == "screening-api" && s.Kind == 2 && s.Attribute("http.response.status_code") is "200" or "201");
        }, TimeSpan.FromSeconds(120), "the submission's trace to reach the gateway, Screening, RabbitMQ, Records and Liaison");

        var page = await BrowseAsync($"/traces/detail/{traceId}", "dashboard-screening-trace.png", waitFor: "liaison-api");
        var shown = string.Join('\n', page.GetProperty("rows").EnumerateArray().Select(r => r.GetString()));
        Assert.All(crossing, service => Assert.Contains(service, shown));
    }

    private async Task<JsonElement> BrowseAsync(string path, string screenshot, string waitFor)
    {
        Assert.True(File.Exists("/usr/bin/chromium"), "Chromium is not installed: `./xinyu.sh test` installs Debian's chromium package.");
        await ExternalTools.EnsureNpmPackagesAsync(Driver);
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
        var file = Path.Combine(folder, screenshot);
        var (code, stdout, stderr) = await ExternalTools.RunAsync("node",
            [Path.Combine(Driver, "dashboard.mjs"), Dashboard.SignInLink, path, file, waitFor], stdin: null, TimeSpan.FromSeconds(180));
        Assert.True(code == 0, $"the browser run failed ({code}):\n{stderr}");
        if (Environment.GetEnvironmentVariable("XINYU_SCREENSHOTS") is { Length: > 0 } docs)
        {
            File.Copy(file, Path.Combine(Directory.CreateDirectory(Path.GetFullPath(docs, RepositoryPaths.Root)).FullName, screenshot), overwrite: true);
        }
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    /// <summary>
    /// Every resource a developer sees on the resources page: the model's, less those Aspire hides (its own dashboard,
    /// rebuilders) and the parameters (their own tab).
    /// </summary>
    private async Task<List<string>> VisibleResourcesAsync()
    {
        var model = suite.App.Services.GetRequiredService<DistributedApplicationModel>();
        var visible = new List<string>();
        foreach (var resource in model.Resources.Where(r => r is not ParameterResource))
        {
            var state = await suite.App.ResourceNotifications.WaitForResourceAsync(resource.Name, _ => true);
            if (!state.Snapshot.IsHidden) visible.Add(resource.Name);
        }
        Assert.Contains("gateway", visible);
        return visible;
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The spans of an OTLP JSON answer, each with its service's name.</summary>
    private static IEnumerable<Span> Spans(JsonElement answer)
    {
        if (!answer.TryGetProperty("data", out var data) || !data.TryGetProperty("resourceSpans", out var resourceSpans)) yield break;
        foreach (var resourceSpan in resourceSpans.EnumerateArray())
        {
            var service = Attributes(resourceSpan.GetProperty("resource")).GetValueOrDefault("service.name") ?? "";
            foreach (var scope in resourceSpan.GetProperty("scopeSpans").EnumerateArray())
            {
                foreach (var span in scope.GetProperty("spans").EnumerateArray())
                {
                    yield return new Span(service, span.TryGetProperty("kind", out var kind) ? kind.GetInt32() : 0, Attributes(span));
                }
            }
        }
    }

    private static Dictionary<string, string> Attributes(JsonElement element) =>
        element.TryGetProperty("attributes", out var attributes)
            ? attributes.EnumerateArray().ToDictionary(a => a.GetProperty("key").GetString()!,
                a => a.GetProperty("value").EnumerateObject().First().Value.ToString())
            : [];

    private sealed record Span(string Service, int Kind, Dictionary<string, string> Attributes)
    {
        public string? Attribute(string key) => Attributes.GetValueOrDefault(key);
    }
}
