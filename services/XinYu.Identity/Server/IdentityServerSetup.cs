using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using XinYu.Identity.Data;
using XinYu.ServiceDefaults.Auth;
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
}

public static class IdentityServerSetup
{
    public static IHostApplicationBuilder AddXinYuIdentityServer(this IHostApplicationBuilder builder)
    {
        var identity = builder.Configuration.GetSection("Identity").Get<IdentitySettings>() ?? new IdentitySettings();
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
        builder.Services.AddHostedService<PublicClientSeeder>();
        return builder;
    }

    /// <summary>
    /// The identity server answers as its public issuer, however it was reached (through the gateway, or directly at
    /// identity-api inside the cluster): endpoint URIs in discovery, sign-in redirects and cookies then all name the
    /// address a browser or partner can use.
    /// </summary>
    public static WebApplication UseIssuerAsHost(this WebApplication app)
    {
        var issuer = new Uri((app.Configuration.GetSection("Identity").Get<IdentitySettings>() ?? new IdentitySettings()).Issuer);
        app.Use((context, next) =>
        {
            context.Request.Scheme = issuer.Scheme;
            context.Request.Host = new HostString(issuer.Authority);
            return next(context);
        });
        return app;
    }
}
