using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;

namespace XinYu.Platform.Tests.Http;

/// <summary>
/// The client's address a service records (the audit trail's "from where"): the gateway's X-Forwarded-For when the
/// connection is the gateway's, the connection's own address otherwise.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ForwardedAddressTests
{
    private const string PeerHeader = "X-Test-Peer";

    private static async Task<WebApplication> StartAsync(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        foreach (var (key, value) in settings) builder.Configuration[key] = value;
        builder.AddServiceDefaults();
        var app = builder.Build();
        // Where the connection comes from, as the socket would say (the test server has no socket).
        app.Use((context, next) =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[PeerHeader].ToString());
            return next(context);
        });
        app.UseServiceDefaults();
        app.MapGet("/from", (HttpContext context) => context.Connection.RemoteIpAddress!.ToString()).AllowAnonymous();
        await app.StartAsync();
        return app;
    }

    private static async Task<string> FromAsync(WebApplication app, string peer, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/from");
        request.Headers.Add(PeerHeader, peer);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await app.GetTestClient().SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task The_gateway_on_loopback_is_believed_and_anyone_else_is_not()
    {
        await using var app = await StartAsync();
        Assert.Equal("203.0.113.9", await FromAsync(app, "127.0.0.1", "203.0.113.9"));
        Assert.Equal("203.0.113.9", await FromAsync(app, "::1", "203.0.113.9"));
        // Only the gateway's own hop: what a client wrote before it is not taken.
        Assert.Equal("203.0.113.9", await FromAsync(app, "127.0.0.1", "6.6.6.6, 203.0.113.9"));
        Assert.Equal("198.51.100.7", await FromAsync(app, "198.51.100.7", "203.0.113.9"));
        Assert.Equal("127.0.0.1", await FromAsync(app, "127.0.0.1", forwardedFor: null));
    }

    [Fact]
    public async Task Known_networks_are_a_setting_and_replace_loopback()
    {
        await using var app = await StartAsync(("ForwardedHeaders:KnownNetworks:0", "10.244.0.0/16"));
        Assert.Equal("203.0.113.9", await FromAsync(app, "10.244.3.17", "203.0.113.9"));
        Assert.Equal("127.0.0.1", await FromAsync(app, "127.0.0.1", "203.0.113.9"));
        Assert.Equal("10.9.0.1", await FromAsync(app, "10.9.0.1", "203.0.113.9"));
    }
}
