using System.Net;
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
}
