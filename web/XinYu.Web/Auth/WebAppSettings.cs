namespace XinYu.Web.Auth;

/// <summary>The web app's own settings (section <c>Web</c>): how it signs staff in with the identity service.</summary>
public sealed class WebAppSettings
{
    public const string Section = "Web";
    public const string ClientSecretSetting = "Web:ClientSecret";

    /// <summary>Its client id at the identity service (Identity:Server:WebApp:ClientId there).</summary>
    public string ClientId { get; set; } = "xinyu-web";

    /// <summary>Its client secret, the same value the identity service registers: the deployment's secret.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>How long a signed-in session lasts without use (a school day; staff sign in again the next).</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>An access token this close to its expiry is refreshed before it is sent.</summary>
    public TimeSpan RefreshBefore { get; set; } = TimeSpan.FromMinutes(1);
}
