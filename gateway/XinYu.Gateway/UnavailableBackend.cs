using Yarp.ReverseProxy.Forwarder;

namespace XinYu.Gateway;

/// <summary>
/// A service that is down (its process killed, its pod restarting) is "unavailable, try again", not "bad gateway":
/// when YARP could not reach the destination at all, the answer becomes 503 with Retry-After, and the status-code
/// pages of the service defaults write it as problem details. Other routes are untouched.
/// </summary>
public static class UnavailableBackend
{
    public static void UseUnavailableBackendAs503(this IReverseProxyApplicationBuilder proxy) => proxy.Use(async (context, next) =>
    {
        await next();
        var error = context.GetForwarderErrorFeature()?.Error;
        if (error is ForwarderError.Request or ForwarderError.NoAvailableDestinations && !context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
        }
    });
}
