using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace XinYu.ServiceDefaults.Auth;

/// <summary>Where tokens come from. A city may point every service at its own OpenID Connect provider instead.</summary>
public sealed class IdentitySettings
{
    /// <summary>The issuer in the tokens: the public URL of the identity server (through the gateway).</summary>
    public string Issuer { get; set; } = "http://localhost:5080/";
    /// <summary>Where services fetch the issuer's metadata and keys from inside the cluster (service discovery).</summary>
    public string InternalAddress { get; set; } = "http://identity-api/";
    /// <summary>The audience every XinYu access token is issued for.</summary>
    public string Audience { get; set; } = "xinyu-api";
    /// <summary>
    /// Tolerance for clocks that differ between identity and a service. It adds to the access-token lifetime in the
    /// bound on how long a disabled account's token keeps working (the JWT handler's default is 5 minutes).
    /// </summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The section <c>Identity</c> of <paramref name="configuration"/>, or the defaults where it is absent.</summary>
    public static IdentitySettings From(IConfiguration configuration) =>
        configuration.GetSection("Identity").Get<IdentitySettings>() ?? new IdentitySettings();

    /// <summary>
    /// <paramref name="address"/> with the public issuer's prefix replaced by <see cref="InternalAddress"/>: the public
    /// URL (the gateway's) may not be reachable from a pod, so metadata, keys and back-channel token calls go to the
    /// identity service directly. Any other address is returned as it is.
    /// </summary>
    public string InternalUrlOf(string address) => address.StartsWith(Issuer, StringComparison.OrdinalIgnoreCase)
        ? InternalAddress + address[Issuer.Length..]
        : address;
}

public static class AuthenticationSetup
{
    public const string IdentityHttpClient = "identity-metadata";

    /// <summary>
    /// Every endpoint requires a signed-in caller unless it says otherwise (health, OpenAPI): privacy by default.
    /// Roles and school scopes are then checked per endpoint with <see cref="CallerScope"/>.
    /// </summary>
    public static IServiceCollection AddXinYuAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var role in XinYuRoles.Staff.Append(XinYuRoles.Partner))
        {
            services.AddAuthorizationBuilder().AddPolicy(role, policy => policy.RequireClaim(XinYuClaims.Role, role));
        }
        return services;
    }

    /// <summary>Validates XinYu's JWT access tokens (services and the gateway).</summary>
    public static IHostApplicationBuilder AddXinYuJwtAuthentication(this IHostApplicationBuilder builder)
    {
        var settings = IdentitySettings.From(builder.Configuration);
        builder.Services.AddHttpClient(IdentityHttpClient);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IHttpClientFactory>((options, clients) =>
            {
                options.MapInboundClaims = false; // keep "role", "school": the names XinYu's policies use
                options.RequireHttpsMetadata = false; // TLS ends at the ingress; inside, discovery is plain HTTP
                options.Audience = settings.Audience;
                options.TokenValidationParameters.ValidIssuer = settings.Issuer;
                options.TokenValidationParameters.ClockSkew = settings.ClockSkew;
                options.TokenValidationParameters.NameClaimType = XinYuClaims.Name;
                options.TokenValidationParameters.RoleClaimType = XinYuClaims.Role;
                options.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                    settings.Issuer + ".well-known/openid-configuration",
                    new OpenIdConnectConfigurationRetriever(),
                    new InternalDocumentRetriever(clients.CreateClient(IdentityHttpClient), settings));
            });
        builder.Services.AddXinYuAuthorization();
        return builder;
    }
}

/// <summary>
/// Fetches the issuer's metadata and keys from inside the cluster: the public issuer URL (the gateway's) may not be
/// reachable from a pod, so requests under it go to the identity service's internal address instead.
/// </summary>
public sealed class InternalDocumentRetriever(HttpClient http, IdentitySettings settings) : IDocumentRetriever
{
    public async Task<string> GetDocumentAsync(string address, CancellationToken cancel) =>
        await http.GetStringAsync(settings.InternalUrlOf(address), cancel);
}
