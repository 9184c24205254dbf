using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using XinYu.ServiceDefaults.Auth;

namespace XinYu.ServiceDefaults.Http;

public static class PublicAddress
{
    /// <summary>
    /// The app answers as the suite's public address (the issuer's: the gateway's URL), however it was reached (through
    /// the gateway, or directly inside the cluster): the identity server's discovery document, sign-in redirects and
    /// cookies, and the web app's OpenID Connect callbacks then all name the address a browser or partner can use.
    /// Taken from configuration rather than from the gateway's X-Forwarded-Host, which a caller could forge.
    /// </summary>
    public static WebApplication UseIssuerAsHost(this WebApplication app)
    {
        var issuer = new Uri(IdentitySettings.From(app.Configuration).Issuer);
        app.Use((context, next) =>
        {
            context.Request.Scheme = issuer.Scheme;
            context.Request.Host = new HostString(issuer.Authority);
            return next(context);
        });
        return app;
    }
}
