using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using XinYu.Identity.Accounts;
using XinYu.Identity.Data;
using XinYu.Identity.Server;
using XinYu.Messaging.Outbox;
using XinYu.Contracts;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace XinYu.Identity.Apis;

public sealed record CreateAccountRequest(string Email, string DisplayName, string[] Roles, Guid? SchoolId, Guid[]? ClassIds);
public sealed record AccountCreated(Guid Id, string Email, string TemporaryPassword);
public sealed record AccountSummary(Guid Id, string Email, string DisplayName, string[] Roles, Guid? SchoolId, Guid[] ClassIds, bool LockedOut,
    bool Disabled, bool MustChangePassword);
public sealed record CreatePartnerClientRequest(string ClientId, string DisplayName, string AgencyType, string AgencyId, string[] Scopes);
public sealed record PartnerClientCreated(string ClientId, string ClientSecret);

/// <summary>The bureau admin's API: school accounts, partner-agency clients, signing keys (/api/identity).</summary>
public static class AdminApi
{
    /// <summary>Kinds of partner agency (家校社医协同).</summary>
    public static readonly IReadOnlySet<string> AgencyTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "hospital", "police", "procuratorate", "womens-federation", "civil-affairs", "health-commission", "crisis-platform",
    };

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/identity").WithTags("Identity").ProducesProblems()
            .RequireAuthorization(policy => policy
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser());
        api.MapPost("/accounts", CreateAccountAsync).RequireRoles(XinYuRoles.BureauAdmin);
        api.MapGet("/accounts", ListAccountsAsync).RequireRoles(AccountRules.Managers);
        api.MapAccountLifeCycleApi();
        api.MapPost("/clients", CreatePartnerClientAsync).RequireRoles(XinYuRoles.BureauAdmin);
        api.MapPartnerClientsApi();
        api.MapPost("/signing-keys/rotate", async (SigningKeyStore keys, CancellationToken ct) =>
            TypedResults.Ok(new { keyId = await keys.RotateSigningKeyAsync(ct), takesEffect = "when each identity-api replica restarts" }))
            .RequireRoles(XinYuRoles.BureauAdmin);
        return app;
    }

    private static async Task<Created<AccountCreated>> CreateAccountAsync(CreateAccountRequest request, HttpContext http,
        UserManager<StaffAccount> accounts, AccountsDbContext db, AccountLifeCycle lifeCycle, IOptions<IdentityServerSettings> settings)
    {
        var caller = CallerScope.From(http.User);
        var roles = AccountRules.RolesToGrant(caller, request.Roles, request.SchoolId);
        var displayName = RequestValidation.SingleLine(request.DisplayName, "displayName", 100, "Give a display name of at most 100 characters.");
        // Only a school of the caller's bureau that the directory has announced (SchoolRegistered).
        if (request.SchoolId is { } schoolId
            && !await db.KnownSchools.AnyAsync(s => s.SchoolId == schoolId && s.BureauId == caller.BureauId, http.RequestAborted))
        {
            throw new RequestRejectedException("schoolId",
                "Not a school of your bureau's directory (a school registered a moment ago may take a second to arrive).");
        }
        var classes = await lifeCycle.ClassesOfSchoolAsync(request.SchoolId, request.ClassIds, http.RequestAborted);
        var account = new StaffAccount
        {
            Id = Guid.CreateVersion7(),
            UserName = request.Email,
            Email = request.Email,
            DisplayName = displayName,
            BureauId = caller.BureauId ?? throw new RequestRejectedException("bureau", "The caller's token names no bureau.", 403),
            SchoolId = request.SchoolId,
            ClassIds = classes,
            Roles = roles,
            CreatedAt = DateTimeOffset.UtcNow,
            MustChangePassword = true,
        };
        // Handed over once, out of band; the holder must replace it at first sign-in, before any token is issued.
        var temporaryPassword = AccountRules.TemporaryPassword(settings.Value.MinimumPasswordLength);
        // Queued before CreateAsync, whose save on this same context stores the account and the event together.
        db.Publish(new StaffAccountCreated { BureauId = account.BureauId, SchoolId = account.SchoolId, AccountId = account.Id },
            AccountLifeCycle.AggregateKey(account.Id));
        var result = await accounts.CreateAsync(account, temporaryPassword);
        if (!result.Succeeded)
        {
            var error = result.Errors.First();
            throw new RequestRejectedException(error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal) ? "email" : "account", error.Description);
        }
        return TypedResults.Created($"/api/identity/accounts/{account.Id}", new AccountCreated(account.Id, account.Email!, temporaryPassword));
    }

    /// <summary>A bureau admin sees the bureau's accounts; a school admin those of their school.</summary>
    private static async Task<Ok<List<AccountSummary>>> ListAccountsAsync(HttpContext http, AccountsDbContext db, CancellationToken ct)
    {
        var caller = CallerScope.From(http.User);
        var now = DateTimeOffset.UtcNow;
        var query = db.Users.Where(a => a.BureauId == caller.BureauId);
        if (!caller.IsInRole(XinYuRoles.BureauAdmin)) query = query.Where(a => a.SchoolId != null && a.SchoolId == caller.SchoolId);
        var accounts = await query.OrderBy(a => a.Email)
            .Select(a => new AccountSummary(a.Id, a.Email!, a.DisplayName, a.Roles.ToArray(), a.SchoolId, a.ClassIds.ToArray(), a.LockoutEnd > now,
                a.DisabledAt != null, a.MustChangePassword))
            .ToListAsync(ct);
        return TypedResults.Ok(accounts);
    }

    private static async Task<Created<PartnerClientCreated>> CreatePartnerClientAsync(CreatePartnerClientRequest request, HttpContext http,
        IOpenIddictApplicationManager applications, AccountsDbContext db, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.ClientId) || !System.Text.RegularExpressions.Regex.IsMatch(request.ClientId, "^[a-z0-9][a-z0-9-]{2,62}$"))
        {
            throw new RequestRejectedException("clientId", "Use 3 to 63 lower-case letters, digits and dashes.");
        }
        if (!AgencyTypes.Contains(request.AgencyType))
        {
            throw new RequestRejectedException("agencyType", $"One of: {string.Join(", ", AgencyTypes)}.");
        }
        if (string.IsNullOrWhiteSpace(request.AgencyId) || !System.Text.RegularExpressions.Regex.IsMatch(request.AgencyId, "^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"))
        {
            throw new RequestRejectedException("agencyId", "Give the agency's id: 1 to 100 letters, digits, '.', '_' or '-' (what referrals name).");
        }
        var partnerScopes = XinYuScopes.All.Where(s => s != XinYuScopes.Api).ToHashSet();
        if (request.Scopes is not { Length: > 0 } || request.Scopes.Any(s => !partnerScopes.Contains(s)))
        {
            throw new RequestRejectedException("scopes", $"Give one or more of: {string.Join(", ", partnerScopes)}.");
        }
        if (await applications.FindByClientIdAsync(request.ClientId, ct) is not null)
        {
            throw new RequestRejectedException("clientId", "A client with this id exists.", StatusCodes.Status409Conflict);
        }
        var secret = RandomNumberGenerator.GetHexString(48, lowercase: true);
        var bureau = CallerScope.From(http.User).BureauId
            ?? throw new RequestRejectedException("bureau", "The caller's token names no bureau.", StatusCodes.Status403Forbidden);
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = request.ClientId,
            ClientSecret = secret, // stored hashed by OpenIddict
            ClientType = ClientTypes.Confidential,
            DisplayName = request.DisplayName,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var scope in request.Scopes) descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        descriptor.Properties[TokenPrincipals.AgencyProperty] = JsonSerializer.SerializeToElement(request.AgencyId);
        descriptor.Properties[TokenPrincipals.AgencyTypeProperty] = JsonSerializer.SerializeToElement(request.AgencyType);
        descriptor.Properties[TokenPrincipals.BureauProperty] = JsonSerializer.SerializeToElement(bureau.ToString());
        // Queued on the same context OpenIddict's store saves with: the client and its event commit together.
        db.Publish(new PartnerClientRegistered
            {
                BureauId = bureau, ClientId = request.ClientId, AgencyId = request.AgencyId, AgencyType = request.AgencyType, DisplayName = request.DisplayName,
            },
            PartnerClientsApi.AggregateKey(request.ClientId));
        await applications.CreateAsync(descriptor, ct);
        return TypedResults.Created($"/api/identity/clients/{request.ClientId}", new PartnerClientCreated(request.ClientId, secret));
    }
}
