using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using XinYu.Gateway;
using XinYu.Testing;

namespace XinYu.Platform.Tests.Gateway;

public sealed class ServiceDiscoveryRoutingTests
{
    [Fact]
    public async Task A_route_reaches_its_service_at_the_address_discovery_gives_for_the_service_name()
    {
        // A stand-in for records-api on a port chosen at random: the gateway's cluster names only "http://records-api".
        var standIn = WebApplication.CreateSlimBuilder();
        standIn.WebHost.UseUrls("http://127.0.0.1:0");
        await using var service = standIn.Build();
        service.MapGet("/alive", () => Results.Ok()); // the gateway's active health check keeps it in rotation
        service.MapGet("/openapi/v1.json", () => Results.Text("{\"servedBy\":\"records-api stand-in\"}", "application/json"));
        await service.StartAsync();

        var cache = await TestServers.ConnectionStringAsync("cache");
        await using var gateway = new WebApplicationFactory<Backend>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:cache", cache);
            host.UseSetting("services:records-api:http:0", service.Urls.Single());
        });

        // The documentation route needs no token, so the request reaches the forwarder.
        using var response = await gateway.CreateClient().GetAsync("/openapi/records.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("records-api stand-in", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_gateway_tells_the_service_the_address_it_saw_and_drops_one_a_client_wrote()
    {
        var standIn = WebApplication.CreateSlimBuilder();
        standIn.WebHost.UseUrls("http://127.0.0.1:0");
        await using var service = standIn.Build();
        service.MapGet("/alive", () => Results.Ok());
        service.MapGet("/openapi/v1.json", (HttpContext context) => Results.Text(context.Request.Headers["X-Forwarded-For"].ToString()));
        await service.StartAsync();

        var cache = await TestServers.ConnectionStringAsync("cache");
        await using var gateway = new WebApplicationFactory<Backend>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:cache", cache);
            host.UseSetting("services:records-api:http:0", service.Urls.Single());
        });
        gateway.UseKestrel(0); // a real socket, so the gateway sees a real client address
        gateway.StartServer();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/records.json");
        request.Headers.Add("X-Forwarded-For", "6.6.6.6");
        using var response = await gateway.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("127.0.0.1", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_service_that_accepts_connections_but_never_answers_gets_503_once_its_health_check_fails()
    {
        // A dead service behind an address that still accepts connections (DCP's proxy does this for a stopped
        // service): nothing refuses, every request would wait. The active health check takes it out of rotation.
        using var blackHole = new TcpListener(IPAddress.Loopback, 0);
        blackHole.Start();
        var held = new List<Socket>();
        var accepting = Task.Run(async () =>
        {
            try { while (true) held.Add(await blackHole.AcceptSocketAsync()); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        });

        var cache = await TestServers.ConnectionStringAsync("cache");
        await using var gateway = new WebApplicationFactory<Backend>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:cache", cache);
            host.UseSetting("services:calendar-api:http:0", $"http://127.0.0.1:{((IPEndPoint)blackHole.LocalEndpoint).Port}");
        });
        using var client = gateway.CreateClient();

        HttpResponseMessage? answer = null;
        await Eventually.AssertAsync(async () =>
        {
            using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                answer?.Dispose();
                answer = await client.GetAsync("/openapi/calendar.json", attempt.Token);
                return answer.StatusCode == HttpStatusCode.ServiceUnavailable;
            }
            catch (OperationCanceledException) when (attempt.IsCancellationRequested)
            {
                return false; // held by the dead service: not out of rotation yet
            }
        }, TimeSpan.FromSeconds(40), "the gateway to answer 503 for the service that never answers");

        Assert.Equal("application/problem+json", answer!.Content.Headers.ContentType?.MediaType);
        Assert.True(answer.Headers.RetryAfter is not null, "503 says when to try again");
        answer.Dispose();
        blackHole.Stop();
        await accepting;
        foreach (var socket in held) socket.Dispose();
    }
}
