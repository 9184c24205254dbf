using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Refit;

namespace XinYu.Client;

/// <summary>Registers XinYu's partner API clients for a partner agency's system.</summary>
public static class XinYuClientExtensions
{
    /// <summary>
    /// The Refit clients (source-generated: <c>AddRefitGeneratedClient</c>) for the gateway, each request carrying a
    /// client-credentials token from <see cref="ClientCredentialsTokens"/>, with the standard resilience handler
    /// (retries of transient failures, timeouts, a circuit breaker).
    /// </summary>
    public static IServiceCollection AddXinYuPartnerClient(this IServiceCollection services, Action<XinYuPartnerOptions> configure)
    {
        services.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(ClientCredentialsTokens.TokenClientName);
        services.AddSingleton<ClientCredentialsTokens>();
        Add<IReferralsApi>(services);
        Add<ICrisisExportApi>(services);
        Add<IJointCasesApi>(services);
        return services;
    }

    private static void Add<TApi>(IServiceCollection services) where TApi : class =>
        services.AddRefitGeneratedClient<TApi>()
            .ConfigureHttpClient((provider, http) =>
                http.BaseAddress = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<XinYuPartnerOptions>>().Value.Gateway)
            .AddHttpMessageHandler(provider => new TokenForwarder(provider.GetRequiredService<ClientCredentialsTokens>()))
            .AddStandardResilienceHandler();

    /// <summary>
    /// HttpClientFactory disposes and rebuilds handler chains; the token cache must outlive them, so the chain gets a
    /// thin handler that asks the one shared <see cref="ClientCredentialsTokens"/> for the token.
    /// </summary>
    private sealed class TokenForwarder(ClientCredentialsTokens tokens) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await tokens.AuthorizeAsync(request, cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
