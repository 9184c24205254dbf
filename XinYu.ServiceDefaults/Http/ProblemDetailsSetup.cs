using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using StackExchange.Redis;

namespace XinYu.ServiceDefaults.Http;

/// <summary>RFC 9457 problem details for every error of every service, in one place.</summary>
public static class ProblemDetailsSetup
{
    public static IServiceCollection AddXinYuProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = Activity.Current?.TraceId.ToHexString() ?? context.HttpContext.TraceIdentifier;
            if (CorrelationIdMiddleware.Of(context.HttpContext) is { } correlationId)
            {
                context.ProblemDetails.Extensions["correlationId"] = correlationId;
            }
        });
        // Malformed bodies throw, so the handler below can name the field at fault instead of a bare 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        return services;
    }
}

/// <summary>
/// A request that breaks a rule of the domain: 400 (or the given status) naming the field at fault. A title, when
/// given, replaces the generic one, for a refusal the caller should recognise at a glance (a limit and its value).
/// </summary>
public sealed class RequestRejectedException(string field, string message, int status = StatusCodes.Status400BadRequest, string? title = null)
    : Exception(message)
{
    public string Field { get; } = field;
    public int Status { get; } = status;
    public string? Title { get; } = title;
}

/// <summary>Turns exceptions into problem details; never leaks exception text of unexpected errors.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var (status, problem) = exception switch
        {
            RequestRejectedException rejected => (rejected.Status, Validation(rejected.Field, rejected.Message, rejected.Title)),
            BadHttpRequestException { InnerException: JsonException json } =>
                (400, Validation(JsonField(json.Path), "The body is not valid JSON for this request: " + FirstLine(json.Message))),
            BadHttpRequestException bad when IsMissingBody(context, bad) => (400, Validation(BodyField, "A JSON body is required.")),
            BadHttpRequestException bad => (bad.StatusCode, new ProblemDetails { Title = "The request is malformed.", Detail = bad.Message }),
            _ when IsUnavailable(exception) =>
                (503, new ProblemDetails { Title = "A backing service is unavailable; try again shortly." }),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested =>
                (499, new ProblemDetails { Title = "The client closed the request." }),
            _ => (500, new ProblemDetails { Title = "An unexpected error occurred." }),
        };
        if (status >= 500)
        {
            logger.LogError(exception, "Request failed with {Status}", status);
        }
        if (status == 503)
        {
            context.Response.Headers.RetryAfter = "5";
        }
        problem.Status = status;
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// The database (or another backing service) could not be reached. EF Core wraps the driver's error (in a
    /// DbUpdateException, or in the InvalidOperationException its retry strategy throws when retries run out), so the
    /// whole chain is searched: a caller should hear "try again", not "we failed".
    /// </summary>
    private static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            // A PostgresException is the server answering: only its "connection", "insufficient resources" and
            // "operator intervention" classes mean unavailable; a constraint or a too-long value is our own bug (500).
            if (e is PostgresException server) return server.SqlState.StartsWith("08", StringComparison.Ordinal)
                || server.SqlState.StartsWith("53", StringComparison.Ordinal) || server.SqlState.StartsWith("57P", StringComparison.Ordinal);
            if (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or RedisConnectionException) return true;
        }
        return false;
    }

    private const string BodyField = "body";

    /// <summary>
    /// The endpoint reads a required JSON body and the request brought none (or only <c>null</c>). The framework says so
    /// only in words ("Implicit body inferred for parameter …", "Required parameter … was not provided from body."),
    /// which name our parameter, not the caller's field: the request itself is asked first, the words for <c>null</c>.
    /// </summary>
    private static bool IsMissingBody(HttpContext context, BadHttpRequestException bad)
    {
        if (bad.StatusCode != StatusCodes.Status400BadRequest || bad.InnerException is not null) return false;
        // The exception handler has cleared the request's endpoint; its feature keeps the one that failed.
        var accepts = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata.GetMetadata<IAcceptsMetadata>();
        if (accepts is null || accepts.IsOptional || !accepts.ContentTypes.Any(t => t.Contains("json", StringComparison.OrdinalIgnoreCase))) return false;
        var bodyless = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == false || context.Request.ContentLength == 0;
        return bodyless
            || bad.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal)
            || bad.Message.EndsWith("was not provided from body.", StringComparison.Ordinal);
    }

    private static HttpValidationProblemDetails Validation(string field, string message, string? title = null) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Title = title ?? "One or more fields are invalid.",
        };

    /// <summary>"$.answers[3]" → "answers[3]"; the root when the whole body is at fault.</summary>
    private static string JsonField(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? BodyField : path.TrimStart('$', '.');

    private static string FirstLine(string message) => message.Split('\n')[0].Split(" Path:")[0];
}
