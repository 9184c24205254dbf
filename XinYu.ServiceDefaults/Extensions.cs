using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Health;
using XinYu.ServiceDefaults.Http;
using XinYu.ServiceDefaults.Logging;
using XinYu.ServiceDefaults.Time;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every XinYu service and the gateway share: telemetry, health, service discovery, resilience, problem
/// details, correlation ids and the OpenAPI document. One call in each Program.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";
    private const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddPersonalDataRedaction();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        builder.Services.AddXinYuProblemDetails();
        builder.Services.AddSchoolClock(); // the one TimeProvider and the bureau's school dates
        builder.Services.AddGatewayForwarding(builder.Configuration);
        builder.Services.AddAuthentication(); // schemes come from AddXinYuJwtAuthentication or the identity server
        builder.Services.AddXinYuAuthorization();
        var identity = IdentitySettings.From(builder.Configuration);
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            // Callers reach every service through the gateway: no internal address in the document (Scalar then
            // sends "try it" requests to the gateway the document was fetched from).
            document.Servers?.Clear();
            return Task.CompletedTask;
        }).AddXinYuSecurityScheme(identity));
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        builder.Logging.AddSimpleConsole(console => console.IncludeScopes = true);

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit", "XinYu.*"))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName, "MassTransit", "XinYu.*")
                .AddAspNetCoreInstrumentation(aspnet =>
                    // Probes are noise in traces.
                    aspnet.Filter = context => !context.Request.Path.StartsWithSegments(HealthPath)
                        && !context.Request.Path.StartsWithSegments(AlivePath))
                .AddHttpClientInstrumentation()); // Npgsql's and Redis's come with their Aspire client integrations

        // Exported only where a collector is configured (Aspire's variable); otherwise telemetry stays in-process.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
        return builder;
    }

    /// <summary>/health (ready: every dependency answers), /alive (live: the process responds), the OpenAPI document.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Probes and the API's shape are public; everything else needs a signed-in caller.
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync }).AllowAnonymous();
        app.MapHealthChecks(AlivePath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Correlation ids, problem details, authentication and authorization for every request; call first in the
    /// pipeline. <paramref name="beforeAuthorization"/> runs between the two (the gateway's rate limiter: it partitions
    /// by the authenticated client, and turns away floods before authorization does any work for them).
    /// <paramref name="isEdge"/>: the gateway, which takes no forwarded header unless configured to (GatewayForwarding).
    /// </summary>
    public static WebApplication UseServiceDefaults(this WebApplication app, Action<WebApplication>? beforeAuthorization = null, bool isEdge = false)
    {
        app.UseGatewayForwarding(isEdge);
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        beforeAuthorization?.Invoke(app);
        app.UseAuthorization();
        return app;
    }
}
