using System.Net;
using System.Text.Json;
using XinYu.AppHost.Hosting;
using XinYu.Testing;

namespace XinYu.EndToEnd.Tests;

/// <summary>
/// The whole suite, started from the AppHost's own model the way `dotnet run --project XinYu.AppHost` starts it,
/// seen only through the gateway. One test, because starting the suite is the expensive part.
/// </summary>
public sealed class SuiteTests
{
    private static readonly string[] Services = ["calendar", "identity", "liaison", "records", "screening", "staffing"];

    [Fact]
    public async Task The_suite_starts_healthy_serves_through_the_gateway_and_stops_leaving_nothing()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "xinyu-e2e-" + Guid.NewGuid().ToString("N")[..8]);
        var options = new AppHostOptions { DataDirectory = dataDirectory, GatewayPort = 0, Ephemeral = true };
        var log = new StringWriter();
        var app = new DistributedApplication(AppHost.Program.BuildApplication(options).Model, options) { Output = log };
        try
        {
            await app.StartAsync();
            using var http = new HttpClient { BaseAddress = app.GetEndpoint("gateway") };

            // Every backend healthy, as the gateway sees it.
            using var health = await http.GetAsync("/health");
            var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            foreach (var service in Services)
            {
                Assert.Equal("Healthy", report.GetProperty("entries").GetProperty($"{service}-api").GetProperty("status").GetString());
            }

            // Each service's API document, routed by service discovery.
            foreach (var service in Services)
            {
                var document = JsonDocument.Parse(await http.GetStringAsync($"/openapi/{service}.json")).RootElement;
                Assert.StartsWith($"XinYu.{char.ToUpperInvariant(service[0])}{service[1..]}", document.GetProperty("info").GetProperty("title").GetString());
            }
            using var docs = await http.GetAsync("/docs/");
            Assert.Equal(HttpStatusCode.OK, docs.StatusCode);

            // A correlation id given at the gateway comes back from the service, with problem details.
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/records/no-such-thing");
            request.Headers.Add("X-Correlation-Id", "e2e-correlation-0001");
            using var notFound = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
            Assert.Equal("application/problem+json", notFound.Content.Headers.ContentType?.MediaType);
            Assert.Equal("e2e-correlation-0001", notFound.Headers.GetValues("X-Correlation-Id").Single());
            var problem = JsonDocument.Parse(await notFound.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("e2e-correlation-0001", problem.GetProperty("correlationId").GetString());
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}\nAppHost output:\n{log}");
        }
        finally
        {
            var pids = File.Exists(Path.Combine(dataDirectory, "run", "pids"))
                ? app.Supervisor.Running.Select(p => p.Pid).ToList()
                : [];
            await app.StopAsync();
            Assert.All(pids, pid => Assert.False(Directory.Exists($"/proc/{pid}") && !IsZombie(pid), $"process {pid} outlived the suite"));
            try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static bool IsZombie(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] == "Z"; }
        catch (IOException) { return true; }
    }
}
