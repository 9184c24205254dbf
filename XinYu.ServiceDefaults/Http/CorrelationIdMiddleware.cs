using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace XinYu.ServiceDefaults.Http;

/// <summary>
/// Gives every request a correlation id (the caller's X-Correlation-Id if well-formed, else the trace id), puts it
/// in the log scope and the trace, echoes it in the response, and leaves it on the request so the gateway forwards it.
/// </summary>
public sealed partial class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public const string HeaderName = "X-Correlation-Id";
    private const string ItemKey = "xinyu.correlation-id";

    public static string? Of(HttpContext context) => context.Items[ItemKey] as string;

    public async Task InvokeAsync(HttpContext context)
    {
        var supplied = context.Request.Headers[HeaderName].ToString();
        var id = WellFormed().IsMatch(supplied)
            ? supplied
            : Activity.Current?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N");

        context.Items[ItemKey] = id;
        context.Request.Headers[HeaderName] = id;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = id;
            return Task.CompletedTask;
        });
        Activity.Current?.SetTag("xinyu.correlation_id", id);

        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
        {
            await next(context);
        }
    }

    // Short and plain, so a caller cannot smuggle log-forging text through it.
    [GeneratedRegex("^[A-Za-z0-9._-]{8,64}$")]
    private static partial Regex WellFormed();
}
