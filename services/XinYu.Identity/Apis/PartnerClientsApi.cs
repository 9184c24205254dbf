using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Abstractions;
using XinYu.Contracts;
using XinYu.Identity.Data;
using XinYu.Identity.Server;
using XinYu.Messaging.Outbox;
using XinYu.ServiceDefaults.Auth;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace XinYu.Identity.Apis;

public sealed record PartnerClientSummary(string ClientId, string? DisplayName, string? AgencyId, string? AgencyType, string[] Scopes, bool Disabled);
public sealed record PartnerClientSecret(string ClientId, string ClientSecret);

/// <summary>
/// The bureau admin's partner clients (their own bureau's only; another bureau's client is answered 404): list,
/// disable, enable, new secret. A disabled client loses the token endpoint permission, so OpenIddict itself refuses
/// it a token, and its stored tokens are revoked.
/// </summary>
public static class PartnerClientsApi
{
    /// <summary>A stored property of a disabled client (when it was disabled).</summary>
    public const string DisabledProperty = "disabled_at";

    public static string AggregateKey(string clientId) => $"client:{clientId}";

    public static RouteGroupBuilder MapPartnerClientsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/clients", ListAsync).RequireRoles(XinYuRoles.BureauAdmin);
        api.MapPost("/clients/{clientId}/disable", DisableAsync).RequireRoles(XinYuRoles.BureauAdmin);
        api.MapPost("/clients/{clientId}/enable", EnableAsync).RequireRoles(XinYuRoles.BureauAdmin);
        api.MapPost("/clients/{clientId}/secret", NewSecretAsync).RequireRoles(XinYuRoles.BureauAdmin);
        return api;
    }

    private static async Task<Ok<List<PartnerClientSummary>>> ListAsync(HttpContext http, IOpenIddictApplicationManager applications, CancellationToken ct)
    {
        var bureau = CallerScope.From(http.User).BureauId?.ToString();
        var list = new List<PartnerClientSummary>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, ct))
        {
            var descriptor = new OpenIddictApplicationDescriptor();
            await applications.PopulateAsync(descriptor, application, ct);
            if (descriptor.ClientType != ClientTypes.Confidential || Property(descriptor, TokenPrincipals.BureauProperty) != bureau) continue;
            list.Add(Summary(descriptor));
        }
        return TypedResults.Ok(list.OrderBy(c => c.ClientId, StringComparer.Ordinal).ToList());
    }

    private static async Task<Results<Ok<PartnerClientSummary>, NotFound>> DisableAsync(string clientId, HttpContext http,
        IOpenIddictApplicationManager applications, IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations,
        AccountsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await OwnClientAsync(http, applications, clientId, ct) is not var (application, descriptor, bureau)) return TypedResults.NotFound();
        if (Property(descriptor, DisabledProperty) is null)
        {
            descriptor.Permissions.Remove(Permissions.Endpoints.Token);
            descriptor.Properties[DisabledProperty] = JsonSerializer.SerializeToElement(clock.GetUtcNow());
            db.Publish(new PartnerClientDisabled { BureauId = bureau, ClientId = clientId, AgencyId = Property(descriptor, TokenPrincipals.AgencyProperty) ?? "" },
                AggregateKey(clientId));
            await applications.UpdateAsync(application, descriptor, ct);
        }
        var id = await applications.GetIdAsync(application, ct);
        if (id is not null)
        {
            await authorizations.RevokeByApplicationIdAsync(id, ct);
            await tokens.RevokeByApplicationIdAsync(id, ct);
        }
        return TypedResults.Ok(Summary(descriptor));
    }

    private static async Task<Results<Ok<PartnerClientSummary>, NotFound>> EnableAsync(string clientId, HttpContext http,
        IOpenIddictApplicationManager applications, AccountsDbContext db, CancellationToken ct)
    {
        if (await OwnClientAsync(http, applications, clientId, ct) is not var (application, descriptor, bureau)) return TypedResults.NotFound();
        if (Property(descriptor, DisabledProperty) is not null)
        {
            descriptor.Permissions.Add(Permissions.Endpoints.Token);
            descriptor.Properties.Remove(DisabledProperty);
            db.Publish(new PartnerClientEnabled { BureauId = bureau, ClientId = clientId, AgencyId = Property(descriptor, TokenPrincipals.AgencyProperty) ?? "" },
                AggregateKey(clientId));
            await applications.UpdateAsync(application, descriptor, ct);
        }
        return TypedResults.Ok(Summary(descriptor));
    }

    /// <summary>A new secret, shown once; the old one stops working at once (tokens it got expire as usual).</summary>
    private static async Task<Results<Ok<PartnerClientSecret>, NotFound>> NewSecretAsync(string clientId, HttpContext http,
        IOpenIddictApplicationManager applications, CancellationToken ct)
    {
        if (await OwnClientAsync(http, applications, clientId, ct) is not var (application, descriptor, _)) return TypedResults.NotFound();
        var secret = RandomNumberGenerator.GetHexString(48, lowercase: true);
        descriptor.ClientSecret = secret; // hashed by OpenIddict
        await applications.UpdateAsync(application, descriptor, ct);
        return TypedResults.Ok(new PartnerClientSecret(clientId, secret));
    }

    /// <summary>A confidential client of the caller's bureau, or nothing (a staff app or another bureau's client: 404).</summary>
    private static async Task<(object Application, OpenIddictApplicationDescriptor Descriptor, Guid Bureau)?> OwnClientAsync(HttpContext http,
        IOpenIddictApplicationManager applications, string clientId, CancellationToken ct)
    {
        if (CallerScope.From(http.User).BureauId is not { } bureau || clientId.Length > 100) return null;
        var application = await applications.FindByClientIdAsync(clientId, ct);
        if (application is null) return null;
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, ct);
        if (descriptor.ClientType != ClientTypes.Confidential || Property(descriptor, TokenPrincipals.BureauProperty) != bureau.ToString()) return null;
        return (application, descriptor, bureau);
    }

    private static string? Property(OpenIddictApplicationDescriptor descriptor, string name) =>
        descriptor.Properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static PartnerClientSummary Summary(OpenIddictApplicationDescriptor d) => new(d.ClientId!, d.DisplayName,
        Property(d, TokenPrincipals.AgencyProperty), Property(d, TokenPrincipals.AgencyTypeProperty),
        [.. d.Permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal)).Select(p => p[Permissions.Prefixes.Scope.Length..])],
        d.Properties.ContainsKey(DisabledProperty));
}
