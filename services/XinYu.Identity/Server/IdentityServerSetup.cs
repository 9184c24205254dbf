using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using XinYu.Identity.Data;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Secrets;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace XinYu.Identity.Server;

/// <summary>Settings a bureau may change; the defaults follow common practice for staff systems.</summary>
public sealed class IdentityServerSettings
{
    /// <summary>
    /// Services check access tokens offline (signed JWTs), so a disabled account's access token works until it expires:
    /// this, plus the services' clock skew (Identity:ClockSkew), bounds how long. Refresh tokens are revoked at once.
    /// </summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(7);
    /// <summary>
    /// The account-wide lock-out, against guessing from many addresses. Per address, Identity:SignInThrottle slows
    /// guessing first, so one address needs hours to reach this many failures; the lock lasts <see cref="LockoutDuration"/>.
    /// </summary>
    public int MaxFailedSignIns { get; set; } = 50;
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
    public int MinimumPasswordLength { get; set; } = 12;
    /// <summary>First-party public clients (staff apps, PKCE, no secret): client id → redirect URIs.</summary>
    public Dictionary<string, string[]> PublicClients { get; set; } = [];
    /// <summary>The web app (web/XinYu.Web), a confidential client: its secret is the deployment's.</summary>
    public WebAppClientSettings WebApp { get; set; } = new();
}

/// <summary>
/// The staff web app's registration. It is served at the issuer's root through the gateway, so its redirect URIs are
/// the issuer's address plus its callback paths (the OpenID Connect handler's defaults). Without a secret it is not
/// registered (a deployment without the web app); outside Development a service that declares the secret refuses to
/// start without it (<see cref="ClientSecretSetting"/>).
/// </summary>
public sealed class WebAppClientSettings
{
    public const string ClientSecretSetting = "Identity:Server:WebApp:ClientSecret";
    public string ClientId { get; set; } = "xinyu-web";
    public string ClientSecret { get; set; } = "";
    public string CallbackPath { get; set; } = "/signin-oidc";
    public string SignedOutCallbackPath { get; set; } = "/signout-callback-oidc";
}

public static class IdentityServerSetup
{
    public static IHostApplicationBuilder AddXinYuIdentityServer(this IHostApplicationBuilder builder)
    {
        var identity = IdentitySettings.From(builder.Configuration);
        var settings = builder.Configuration.GetSection("Identity:Server").Get<IdentityServerSettings>() ?? new IdentityServerSettings();
        builder.Services.AddSingleton(Options.Create(settings));

        builder.Services.AddIdentityCore<StaffAccount>(options =>
            {
                options.Password.RequiredLength = settings.MinimumPasswordLength;
                // Length over composition rules (NIST SP 800-63B): a long passphrase beats "Passw0rd!".
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireDigit = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Lockout.MaxFailedAccessAttempts = settings.MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = settings.LockoutDuration;
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddSignInManager();
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.Cookie.Name = "xinyu.signin";
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
        });
        builder.Services.AddAntiforgery();

        builder.Services.AddSingleton<SigningKeyStore>();
        builder.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ServerKeysSetup>();
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<AccountsDbContext>().ReplaceDefaultEntities<Guid>())
            .AddServer(server =>
            {
                server.SetIssuer(new Uri(identity.Issuer));
                server.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/logout");
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowClientCredentialsFlow()
                    .AllowRefreshTokenFlow();
                server.RegisterScopes([Scopes.OpenId, Scopes.Profile, Scopes.OfflineAccess, .. XinYuScopes.All]);
                // Services validate plain signed JWTs against the published keys, or a city's own provider.
                server.DisableAccessTokenEncryption();
                server.SetAccessTokenLifetime(settings.AccessTokenLifetime);
                server.SetRefreshTokenLifetime(settings.RefreshTokenLifetime);
                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .DisableTransportSecurityRequirement(); // TLS ends at the ingress
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                // Identity's own API refuses a revoked access token at once (a disabled admin stops
                // there now); other services validate offline and stop at the token's expiry.
                validation.EnableTokenEntryValidation();
                validation.UseAspNetCore();
            });
        builder.Services.RequireSecret(WebAppClientSettings.ClientSecretSetting);
        builder.Services.AddHostedService<FirstPartyClientSeeder>();
        return builder;
    }
}
