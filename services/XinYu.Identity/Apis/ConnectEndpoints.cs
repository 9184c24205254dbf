using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using XinYu.Identity.Data;
using XinYu.Identity.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace XinYu.Identity.Apis;

/// <summary>The OpenID Connect endpoints OpenIddict passes through to us: we decide who gets which claims.</summary>
public static class ConnectEndpoints
{
    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/connect/token", IssueTokenAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapMethods("/connect/authorize", ["GET", "POST"], AuthorizeAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapMethods("/connect/logout", ["GET", "POST"], async (HttpContext http) =>
        {
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            return Results.SignOut(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> IssueTokenAsync(HttpContext http, IOpenIddictApplicationManager applications, UserManager<StaffAccount> accounts)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has already checked the secret and that the client may ask for these scopes.
            var application = await applications.FindByClientIdAsync(request.ClientId!, http.RequestAborted)
                ?? throw new InvalidOperationException("The client vanished.");
            var properties = await applications.GetPropertiesAsync(application, http.RequestAborted);
            return Results.SignIn(TokenPrincipals.ForPartner(request.ClientId!, properties, request.GetScopes()),
                authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var granted = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var account = await accounts.FindByIdAsync(granted.Principal?.GetClaim(Claims.Subject) ?? "");
            // Roles and schools are read afresh, so a refresh reflects a transfer or a role taken away.
            if (account is null || !await MaySignInAsync(accounts, account))
            {
                return Forbid(Errors.InvalidGrant, "The account is no longer allowed to sign in.");
            }
            return Results.SignIn(TokenPrincipals.ForStaff(account, granted.Principal!.GetScopes()),
                authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        return Forbid(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http, UserManager<StaffAccount> accounts)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var signedIn = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var account = signedIn.Succeeded ? await accounts.GetUserAsync(signedIn.Principal!) : null;
        if (account is null || !await MaySignInAsync(accounts, account))
        {
            // To the sign-in page, and back here afterwards with the same request.
            var query = http.Request.HasFormContentType
                ? QueryString.Create(http.Request.Form.Select(f => KeyValuePair.Create(f.Key, (string?)f.Value.ToString())))
                : http.Request.QueryString;
            return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + query },
                [IdentityConstants.ApplicationScheme]);
        }
        return Results.SignIn(TokenPrincipals.ForStaff(account, request.GetScopes()),
            authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>Not disabled, not locked out, and holding a password of their own (not an admin's temporary one).</summary>
    private static async Task<bool> MaySignInAsync(UserManager<StaffAccount> accounts, StaffAccount account) =>
        account.DisabledAt is null && !account.MustChangePassword && !await accounts.IsLockedOutAsync(account);

    private static IResult Forbid(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
