using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Data;

namespace XinYu.Messaging;

/// <summary>
/// What a XinYu service is built from besides its own code: its name (queues, audit routes), its database, and the
/// shared pieces it opts into. Every service has service defaults, Redis (<c>cache</c>) and the broker.
/// </summary>
/// <param name="Name">The service's short name: queue prefix and <c>/api/&lt;name&gt;/audit</c>.</param>
/// <param name="Database">The connection name of its own database (<c>recordsdb</c>).</param>
public sealed record XinYuServiceShape(string Name, string Database)
{
    /// <summary>Validates the suite's JWTs. Identity alone does not: it issues them, with OpenIddict's own schemes.</summary>
    public bool ValidatesTokens { get; init; } = true;

    /// <summary>Has encrypted columns or keys, so needs the shared Data Protection key ring.</summary>
    public bool EncryptsData { get; init; }

    /// <summary>Keeps the sealed audit trail in its database and serves it under <c>/api/&lt;name&gt;/audit</c>.</summary>
    public bool KeepsAuditTrail { get; init; }
}

/// <summary>
/// The start every service shares, in one place, so the services cannot drift in how they are put together:
/// <see cref="AddXinYuService{TContext}"/> before the service's own registrations, <see cref="RunXinYuService"/> with
/// its own endpoints. It lives here rather than in ServiceDefaults because it needs the messaging set-up,
/// which itself builds on ServiceDefaults.
/// </summary>
public static class XinYuServiceExtensions
{
    /// <summary>Service defaults, JWT validation, the service's database, Redis, Data Protection, messaging, and the
    /// audit trail, as <paramref name="shape"/> asks. Every consumer in the service's assembly (the one that holds
    /// <typeparamref name="TContext"/>) is registered: a consumer written and forgotten in Program.cs would leave its
    /// events on the broker unread.</summary>
    public static WebApplicationBuilder AddXinYuService<TContext>(this WebApplicationBuilder builder, XinYuServiceShape shape)
        where TContext : DbContext
    {
        builder.AddServiceDefaults();
        if (shape.ValidatesTokens) builder.AddXinYuJwtAuthentication();
        builder.AddServiceDatabase<TContext>(shape.Database);
        builder.AddRedisConnection("cache");
        if (shape.EncryptsData) builder.AddSharedDataProtection();
        builder.AddXinYuMessaging<TContext>(shape.Name, bus => bus.AddConsumers(typeof(TContext).Assembly));
        if (shape.KeepsAuditTrail) builder.Services.AddAuditTrail<TContext>();
        builder.Services.AddSingleton(new SharedEndpoints(app =>
        {
            app.MapDefaultEndpoints();
            if (shape.KeepsAuditTrail) app.MapAuditApi<TContext>(shape.Name);
        }));
        return builder;
    }

    /// <summary>Builds the app with the shared pipeline and endpoints (health, and the audit API where kept); the
    /// caller maps its own API. <paramref name="beforeDefaults"/> runs first in the pipeline (Identity's issuer host).
    /// A service with nothing to do between building and running calls <see cref="RunXinYuService"/>.</summary>
    public static WebApplication BuildXinYuService(this WebApplicationBuilder builder, Action<WebApplication>? beforeDefaults = null)
    {
        var app = builder.Build();
        beforeDefaults?.Invoke(app);
        app.UseServiceDefaults();
        app.Services.GetRequiredService<SharedEndpoints>().Map(app);
        return app;
    }

    /// <summary>Builds the app (<see cref="BuildXinYuService"/>), maps the service's own API and runs it.</summary>
    public static void RunXinYuService(this WebApplicationBuilder builder, Action<WebApplication> mapApi)
    {
        var app = builder.BuildXinYuService();
        mapApi(app);
        app.Run();
    }

    /// <summary>Carries the endpoint mapping from AddXinYuService (which knows the context type) to BuildXinYuService.</summary>
    private sealed record SharedEndpoints(Action<WebApplication> Map);
}
