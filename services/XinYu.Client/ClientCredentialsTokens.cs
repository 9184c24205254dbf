using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace XinYu.Client;

/// <summary>
/// Client-credentials access tokens for every request, fetched from XinYu's token endpoint and reused until a minute
/// before they expire. One fetch at a time: concurrent requests wait for the same token. A singleton.
/// </summary>
public sealed class ClientCredentialsTokens(IOptions<XinYuPartnerOptions> options, IHttpClientFactory factory, TimeProvider clock)
{
    public const string TokenClientName = "xinyu-token";
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private string? _token;
    private DateTimeOffset _renewAt;

    public async Task AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(cancellationToken));

    private async Task<string> TokenAsync(CancellationToken ct)
    {
        if (_token is { } current && clock.GetUtcNow() < _renewAt) return current;
        await _fetching.WaitAsync(ct);
        try
        {
            if (_token is { } fetched && clock.GetUtcNow() < _renewAt) return fetched;
            var settings = options.Value;
            using var http = factory.CreateClient(TokenClientName);
            using var response = await http.PostAsync(new Uri(settings.Gateway, "connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = settings.ClientId,
                ["client_secret"] = settings.ClientSecret,
                ["scope"] = string.Join(' ', settings.Scopes),
            }), ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"XinYu refused the client credentials of '{settings.ClientId}': {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            }
            var token = await response.Content.ReadFromJsonAsync<TokenResponse>(ct) ?? throw new HttpRequestException("The token endpoint answered without a token.");
            _token = token.AccessToken;
            _renewAt = clock.GetUtcNow().AddSeconds(Math.Max(0, token.ExpiresIn - 60));
            return _token;
        }
        finally
        {
            _fetching.Release();
        }
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
