namespace XinYu.Web.Hosting;

/// <summary>
/// The headers every page of the web app carries. The Content-Security-Policy allows only the app's own scripts and
/// its own origin for the circuit's WebSocket; MudBlazor sets element styles inline, hence 'unsafe-inline' for styles
/// (styles only: no inline script runs). Forms post only to the app itself (the sign-out's redirect to the identity
/// service is the same origin, through the gateway). No page may be framed.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            // Pages show a student's data: no shared cache keeps them.
            if (!context.Request.Path.StartsWithSegments("/_content") && !context.Request.Path.StartsWithSegments("/_framework"))
            {
                headers.CacheControl = "no-store";
            }
            return next(context);
        });
        return app;
    }
}
