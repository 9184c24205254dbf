using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using XinYu.ServiceDefaults.Auth;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace XinYu.Identity.Server;

/// <summary>
/// Registers the configured first-party staff apps (public clients: authorization code with PKCE, no secret), so
/// the redirect URIs a deployment uses live in its configuration. Partner clients are created by the admin API.
/// </summary>
internal sealed class PublicClientSeeder(IServiceScopeFactory scopes, IOptions<IdentityServerSettings> settings) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var (clientId, redirectUris) in settings.Value.PublicClients)
        {
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = clientId,
                ClientType = ClientTypes.Public,
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
            foreach (var uri in redirectUris) descriptor.RedirectUris.Add(new Uri(uri));

            var existing = await applications.FindByClientIdAsync(clientId, cancellationToken);
            if (existing is null) await applications.CreateAsync(descriptor, cancellationToken);
            else await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
