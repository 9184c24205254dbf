using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using XinYu.ServiceDefaults.Auth;

namespace XinYu.Web.Auth;

/// <summary>
/// Where a signed-in member of staff's tokens live: in Redis, under the session's random id, protected with the web
/// app's Data Protection key ring (so a copy of Redis reveals no token), shared by the web app's replicas. The browser
/// holds only the sign-in cookie, which names the session. An access token near its expiry is refreshed here, once
/// per session even with two replicas asking at once (a short Redis lock), because the identity service rotates
/// refresh tokens: a second use of the old one would end the session.
/// </summary>
public sealed class UserTokenStore(
    IConnectionMultiplexer redis,
    IDataProtectionProvider protection,
    IHttpClientFactory clients,
    IOptions<WebAppSettings> settings,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<UserTokenStore> logger)
{
    public const string BackchannelClient = "identity-backchannel";
    private static readonly TimeSpan LockFor = TimeSpan.FromSeconds(10);
    private readonly IDataProtector _protector = protection.CreateProtector("XinYu.Web.UserSession");
    private readonly IdentitySettings _identity = IdentitySettings.From(configuration);

    private static string KeyOf(string sessionId) => $"xinyu:web:session:{sessionId}";

    public async Task SaveAsync(string sessionId, UserSession session)
    {
        var json = JsonSerializer.Serialize(session);
        await redis.GetDatabase().StringSetAsync(KeyOf(sessionId), _protector.Protect(json), settings.Value.SessionIdleTimeout);
    }

    public async Task<UserSession?> FindAsync(string sessionId)
    {
        var value = await redis.GetDatabase().StringGetAsync(KeyOf(sessionId));
        if (value.IsNullOrEmpty) return null;
        try
        {
            return JsonSerializer.Deserialize<UserSession>(_protector.Unprotect((string)value!));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // protected with a key the ring no longer has: the member of staff signs in again
        }
    }

    public Task RemoveAsync(string sessionId) => redis.GetDatabase().KeyDeleteAsync(KeyOf(sessionId));

    /// <summary>
    /// A current access token for <paramref name="user"/>'s session, refreshed when it is about to expire; null when the
    /// session has ended (signed out, expired, or its refresh token revoked): the caller then signs in again.
    /// </summary>
    public async Task<string?> AccessTokenAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.FindFirstValue(SessionClaims.SessionId) is not { Length: > 0 } sessionId) return null;
        var session = await FindAsync(sessionId);
        if (session is null) return null;
        if (session.AccessTokenExpiresAt - settings.Value.RefreshBefore > clock.GetUtcNow()) return session.AccessToken;

        var db = redis.GetDatabase();
        var lockKey = KeyOf(sessionId) + ":refreshing";
        var owner = Guid.NewGuid().ToString("N");
        for (var attempt = 0; attempt < 50 && !await db.StringSetAsync(lockKey, owner, LockFor, When.NotExists); attempt++)
        {
            await Task.Delay(200, ct); // another replica refreshes this session: take what it stores
            if (await FindAsync(sessionId) is { } other && other.AccessTokenExpiresAt - settings.Value.RefreshBefore > clock.GetUtcNow())
                return other.AccessToken;
        }
        try
        {
            session = await FindAsync(sessionId);
            if (session is null) return null;
            if (session.AccessTokenExpiresAt - settings.Value.RefreshBefore > clock.GetUtcNow()) return session.AccessToken;
            var refreshed = session.RefreshToken is { } refresh ? await RefreshAsync(refresh, ct) : null;
            if (refreshed is null)
            {
                await RemoveAsync(sessionId);
                return null;
            }
            var renewed = new UserSession(refreshed.AccessToken, refreshed.RefreshToken ?? session.RefreshToken, session.IdToken,
                clock.GetUtcNow().AddSeconds(refreshed.ExpiresIn));
            await SaveAsync(sessionId, renewed);
            return renewed.AccessToken;
        }
        finally
        {
            await db.ScriptEvaluateAsync("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0",
                [lockKey], [owner]);
        }
    }

    private async Task<TokenResponse?> RefreshAsync(string refreshToken, CancellationToken ct)
    {
        using var http = clients.CreateClient(BackchannelClient);
        using var response = await http.PostAsync(_identity.InternalUrlOf(_identity.Issuer + "connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = settings.Value.ClientId,
            ["client_secret"] = settings.Value.ClientSecret,
        }), ct);
        if (response.IsSuccessStatusCode) return await response.Content.ReadFromJsonAsync<TokenResponse>(ct);
        // A revoked or expired refresh token (the account was disabled, or signed out elsewhere) ends the session.
        logger.LogInformation("The identity service refused to refresh a session's tokens ({Status}); the session ends.", (int)response.StatusCode);
        return null;
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
