using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using XinYu.Identity.Data;
using XinYu.ServiceDefaults.Auth;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace XinYu.Identity.Server;

/// <summary>Builds what goes into tokens: one place decides which claims a staff member or a partner client carries.</summary>
public static class TokenPrincipals
{
    public const string Audience = "xinyu-api";

    /// <summary>A partner application's stored properties (set by the admin API).</summary>
    public const string AgencyProperty = "agency";
    public const string AgencyTypeProperty = "agency_type";
    public const string BureauProperty = "bureau";

    public static ClaimsPrincipal ForStaff(StaffAccount account, IEnumerable<string> scopes)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, account.Id.ToString());
        identity.SetClaim(XinYuClaims.Name, account.DisplayName);
        identity.SetClaims(XinYuClaims.Role, [.. account.Roles]);
        identity.SetClaim(XinYuClaims.Bureau, account.BureauId.ToString());
        if (account.SchoolId is { } school) identity.SetClaim(XinYuClaims.School, school.ToString());
        identity.SetClaims(XinYuClaims.Class, [.. account.ClassIds.Select(c => c.ToString())]);
        return Finish(identity, scopes);
    }

    public static ClaimsPrincipal ForPartner(string clientId, IReadOnlyDictionary<string, JsonElement> properties, IEnumerable<string> scopes)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, clientId);
        identity.SetClaim(XinYuClaims.ClientId, clientId);
        identity.SetClaim(XinYuClaims.Role, XinYuRoles.Partner);
        foreach (var (property, claim) in new[] { (AgencyProperty, XinYuClaims.Agency), (AgencyTypeProperty, XinYuClaims.AgencyType), (BureauProperty, XinYuClaims.Bureau) })
        {
            if (properties.TryGetValue(property, out var value) && value.ValueKind == JsonValueKind.String)
            {
                identity.SetClaim(claim, value.GetString());
            }
        }
        return Finish(identity, scopes);
    }

    private static ClaimsIdentity NewIdentity() =>
        new(TokenValidationParameters.DefaultAuthenticationType, XinYuClaims.Name, XinYuClaims.Role);

    private static ClaimsPrincipal Finish(ClaimsIdentity identity, IEnumerable<string> scopes)
    {
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(scopes);
        principal.SetResources(Audience);
        // Everything XinYu's services decide on goes into the access token. The identity token gets what the web app
        // shows and routes by: the name, the roles, and the ids of the bureau, school and classes (ids, no personal data).
        principal.SetDestinations(claim => claim.Type is XinYuClaims.Name or XinYuClaims.Role or XinYuClaims.Bureau or XinYuClaims.School or XinYuClaims.Class
            ? [Destinations.AccessToken, Destinations.IdentityToken]
            : [Destinations.AccessToken]);
        return principal;
    }
}
