using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using XinYu.ServiceDefaults.Auth;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace XinYu.Identity.Server;

/// <summary>
/// Registers the bureau's own apps from configuration, so the redirect URIs a deployment uses live in its settings:
/// the configured public clients (authorization code with PKCE, no secret: developers' tools) and the web app
/// (a confidential client: PKCE and its secret). Partner clients are created by the admin API.
/// </summary>
internal sealed class FirstPartyClientSeeder(IServiceScopeFactory scopes, IOptions<IdentityServerSettings> settings, IConfiguration configuration)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var (clientId, redirectUris) in settings.Value.PublicClients)
        {
            var descriptor = StaffApp(clientId, ClientTypes.Public);
            foreach (var uri in redirectUris) descriptor.RedirectUris.Add(new Uri(uri));
            await SaveAsync(applications, descriptor, cancellationToken);
        }

        var web = settings.Value.WebApp;
        if (web.ClientSecret.Length > 0)
        {
            var issuer = new Uri(IdentitySettings.From(configuration).Issuer);
            var descriptor = StaffApp(web.ClientId, ClientTypes.Confidential);
            descriptor.ClientSecret = web.ClientSecret; // OpenIddict stores a hash of it
            descriptor.RedirectUris.Add(new Uri(issuer, web.CallbackPath));
            descriptor.PostLogoutRedirectUris.Add(new Uri(issuer, web.SignedOutCallbackPath));
            await SaveAsync(applications, descriptor, cancellationToken);
        }
    }

    private static OpenIddictApplicationDescriptor StaffApp(string clientId, string clientType) => new()
    {
        ClientId = clientId,
        ClientType = clientType,
        ConsentType = ConsentTypes.Implicit, // the bureau's own app: staff are not asked to consent to it
        DisplayName = clientId,
        Permissions =
        {
            Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
            Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken,
            Permissions.ResponseTypes.Code,
            Permissions.Scopes.Profile, Permissions.Prefixes.Scope + XinYuScopes.Api,
        },
        Requirements = { Requirements.Features.ProofKeyForCodeExchange },
    };

    private static async Task SaveAsync(IOpenIddictApplicationManager applications, OpenIddictApplicationDescriptor descriptor, CancellationToken ct)
    {
        var existing = await applications.FindByClientIdAsync(descriptor.ClientId!, ct);
        if (existing is null) await applications.CreateAsync(descriptor, ct);
        else await applications.UpdateAsync(existing, descriptor, ct);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
