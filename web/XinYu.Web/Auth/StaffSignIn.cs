using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Secrets;

namespace XinYu.Web.Auth;

/// <summary>
/// Staff sign in with the identity service as a backend for frontend: authorization code with PKCE and the web
/// app's client secret; the tokens stay on the server (<see cref="UserTokenStore"/>); the browser holds one HttpOnly,
/// SameSite cookie with the member of staff's ids and roles and the session's id. Signing out ends the session here
/// and at the identity service.
/// </summary>
public static class StaffSignIn
{
    public const string SignInPath = "/signin";
    public const string SignOutPath = "/signout";
    public const string CookieName = "xinyu.web";

    /// <summary>The claims the web app keeps from the identity token: what it shows and routes by, no more.</summary>
    private static readonly string[] KeptClaims = [XinYuClaims.Subject, XinYuClaims.Name, XinYuClaims.Role, XinYuClaims.Bureau, XinYuClaims.School, XinYuClaims.Class];

    public static IHostApplicationBuilder AddStaffSignIn(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(WebAppSettings.Section).Get<WebAppSettings>() ?? new WebAppSettings();
        var identity = IdentitySettings.From(builder.Configuration);
        builder.Services.Configure<WebAppSettings>(builder.Configuration.GetSection(WebAppSettings.Section));
        builder.Services.RequireSecret(WebAppSettings.ClientSecretSetting);
        builder.Services.AddSingleton<UserTokenStore>();
        // Metadata, keys and the code exchange go to the identity service directly, not round the public address. The
        // rewrite comes first in the chain, so service discovery (from the service defaults) resolves the address it gives.
        builder.Services.AddHttpClient(UserTokenStore.BackchannelClient)
            .ConfigureAdditionalHttpMessageHandlers((handlers, _) => handlers.Insert(0, new InternalAddressHandler(identity)));

        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                // Lax, not Strict: the identity service's redirect back after sign-in is a top-level navigation that
                // must carry it. Secure whenever the public address is https (TLS ends at the ingress).
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = settings.SessionIdleTimeout;
                cookie.SlidingExpiration = true;
                cookie.Events.OnValidatePrincipal = async context =>
                {
                    // The session's tokens are gone (signed out in another tab, expired, refused at refresh): so is the cookie.
                    var store = context.HttpContext.RequestServices.GetRequiredService<UserTokenStore>();
                    if (context.Principal?.FindFirstValue(SessionClaims.SessionId) is not { } id || await store.FindAsync(id) is null)
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }
                };
            })
            .AddOpenIdConnect(oidc =>
            {
                oidc.Authority = identity.Issuer;
                oidc.ClientId = settings.ClientId;
                oidc.ClientSecret = settings.ClientSecret;
                oidc.ResponseType = OpenIdConnectResponseType.Code;
                oidc.UsePkce = true;
                oidc.Scope.Clear();
                foreach (var scope in new[] { "openid", "profile", "offline_access", XinYuScopes.Api }) oidc.Scope.Add(scope);
                oidc.SaveTokens = false; // kept in UserTokenStore instead of the cookie
                oidc.GetClaimsFromUserInfoEndpoint = false;
                oidc.MapInboundClaims = false;
                oidc.RequireHttpsMetadata = false; // inside the cluster metadata is plain HTTP; TLS ends at the ingress
                oidc.TokenValidationParameters.NameClaimType = XinYuClaims.Name;
                oidc.TokenValidationParameters.RoleClaimType = XinYuClaims.Role;
                oidc.Events.OnTokenValidated = KeepTokensOnServerAsync;
                oidc.Events.OnRedirectToIdentityProviderForSignOut = NameTheSessionEndingAsync;
            });
        builder.Services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme)
            .Configure<IHttpClientFactory>((oidc, clients) =>
            {
                oidc.Backchannel = clients.CreateClient(UserTokenStore.BackchannelClient);
                oidc.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                    identity.Issuer + ".well-known/openid-configuration", new OpenIdConnectConfigurationRetriever(),
                    new HttpDocumentRetriever(oidc.Backchannel) { RequireHttps = false });
            });
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    /// <summary>After the code exchange: the tokens go to the store under a new session id; the cookie keeps ids and roles.</summary>
    private static async Task KeepTokensOnServerAsync(TokenValidatedContext context)
    {
        var response = context.TokenEndpointResponse ?? throw new InvalidOperationException("The identity service returned no tokens.");
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var sessionId = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var expiresIn = int.TryParse(response.ExpiresIn, out var seconds) ? seconds : 300;
        await context.HttpContext.RequestServices.GetRequiredService<UserTokenStore>().SaveAsync(sessionId,
            new UserSession(response.AccessToken, response.RefreshToken, response.IdToken, clock.GetUtcNow().AddSeconds(expiresIn)));

        var from = context.Principal!;
        var kept = new ClaimsIdentity(from.Claims.Where(c => KeptClaims.Contains(c.Type)), "xinyu", XinYuClaims.Name, XinYuClaims.Role);
        kept.AddClaim(new Claim(SessionClaims.SessionId, sessionId));
        context.Principal = new ClaimsPrincipal(kept);
    }

    /// <summary>Signing out: the identity service is told whose session ends (the identity token), and the tokens go.</summary>
    private static async Task NameTheSessionEndingAsync(RedirectContext context)
    {
        var store = context.HttpContext.RequestServices.GetRequiredService<UserTokenStore>();
        if (context.HttpContext.User.FindFirstValue(SessionClaims.SessionId) is { } id)
        {
            if (await store.FindAsync(id) is { IdToken: { } idToken }) context.ProtocolMessage.IdTokenHint = idToken;
            await store.RemoveAsync(id);
        }
    }

    /// <summary>
    /// <c>GET /signin?returnUrl=…</c> starts the sign-in (only to a local page afterwards); <c>POST /signout</c> (a form
    /// with its antiforgery token) ends the session here and at the identity service.
    /// </summary>
    public static WebApplication MapStaffSignIn(this WebApplication app)
    {
        app.MapGet(SignInPath, (string? returnUrl) => Results.Challenge(new AuthenticationProperties
        {
            RedirectUri = returnUrl is { Length: > 0 } && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//")
                ? returnUrl
                : "/",
        })).AllowAnonymous();
        app.MapPost(SignOutPath, async (HttpContext http, IAntiforgery antiforgery) =>
        {
            // A minimal endpoint that binds no form is not checked by the antiforgery middleware by itself: without
            // this, another site could sign a member of staff out in the middle of their work.
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The sign-out form has expired; reload the page and try again.");
            }
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" },
                [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]);
        });
        return app;
    }
}

/// <summary>Sends requests under the public issuer to the identity service's internal address (<see cref="IdentitySettings.InternalUrlOf"/>).</summary>
internal sealed class InternalAddressHandler(IdentitySettings identity) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri) request.RequestUri = new Uri(identity.InternalUrlOf(uri.ToString()));
        return base.SendAsync(request, cancellationToken);
    }
}
