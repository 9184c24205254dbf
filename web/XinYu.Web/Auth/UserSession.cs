using System.Text.Json.Serialization;

namespace XinYu.Web.Auth;

/// <summary>A signed-in member of staff's tokens, kept on the server (<see cref="UserTokenStore"/>), never in the browser.</summary>
public sealed record UserSession(
    [property: JsonPropertyName("access")] string AccessToken,
    [property: JsonPropertyName("refresh")] string? RefreshToken,
    [property: JsonPropertyName("id")] string? IdToken,
    [property: JsonPropertyName("expires")] DateTimeOffset AccessTokenExpiresAt);

/// <summary>The claim naming a signed-in browser's session in <see cref="UserTokenStore"/>: a random id, nothing else.</summary>
public static class SessionClaims
{
    public const string SessionId = "xinyu_session";
}
