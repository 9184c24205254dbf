namespace XinYu.Web.Components.Pages.Records;

/// <summary>
/// The reasons a counsellor states before counselling notes are shown, sent as Records' <c>X-Purpose</c> header and
/// kept in its audit trail. A list, not free text: an HTTP header carries ASCII only (a typed Chinese reason would be
/// refused by HttpClient and by Kestrel), and the bureau's auditors read a fixed code more reliably than prose.
/// </summary>
public static class NotePurposes
{
    public static readonly string[] All = ["counselling-follow-up", "crisis-response", "referral", "case-review"];
}
