namespace XinYu.Client;

/// <summary>Where XinYu is and who the partner is: the gateway's public URL and the client registered by the bureau.</summary>
public sealed class XinYuPartnerOptions
{
    /// <summary>The gateway's public URL, e.g. https://xinyu.bureau.example/ (tokens and API calls both go there).</summary>
    public Uri Gateway { get; set; } = new("http://localhost/");
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    /// <summary>The scopes to ask for: xinyu.referrals, xinyu.crisis-export, xinyu.joint-cases (what the bureau granted).</summary>
    public IList<string> Scopes { get; set; } = [];
}
