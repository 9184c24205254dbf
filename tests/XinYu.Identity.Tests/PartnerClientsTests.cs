using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.Testing.Suite;
using static XinYu.Identity.Tests.IdentityApp;

namespace XinYu.Identity.Tests;

/// <summary>Partner clients are listed, disabled, enabled and re-keyed by their bureau's admin; every change is an event.</summary>
public sealed class PartnerClientsTests(IdentityApp app) : IClassFixture<IdentityApp>
{
    private async Task<HttpStatusCode> TokenStatusAsync(string clientId, string secret)
    {
        using var http = app.CreateClient();
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = "xinyu.referrals",
        }));
        return response.StatusCode;
    }

    [Fact]
    public async Task A_bureau_admin_lists_disables_enables_and_rekeys_its_own_clients_and_each_change_is_published()
    {
        var bureau = Guid.NewGuid();
        var (_, adminEmail) = await app.AccountAsync(bureau, "bureau-admin");
        using var admin = await app.SignedInAsync(adminEmail);
        var clientId = "hospital-" + Guid.NewGuid().ToString("N")[..8];
        var created = await JsonAsync(await admin.PostAsJsonAsync("/api/identity/clients", new
        {
            clientId, displayName = "Hospital", agencyType = "hospital", agencyId = "hosp-" + clientId, scopes = new[] { "xinyu.referrals" },
        }), HttpStatusCode.Created);
        var secret = created.GetProperty("clientSecret").GetString()!;
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(clientId, secret));

        var listed = Assert.Single((await JsonAsync(await admin.GetAsync("/api/identity/clients"))).EnumerateArray());
        Assert.Equal((clientId, "hosp-" + clientId, false), (listed.GetProperty("clientId").GetString(), listed.GetProperty("agencyId").GetString(), listed.GetProperty("disabled").GetBoolean()));
        Assert.DoesNotContain(secret, listed.ToString());

        Assert.True((await JsonAsync(await PostAsync(admin, $"/api/identity/clients/{clientId}/disable"))).GetProperty("disabled").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, await TokenStatusAsync(clientId, secret));
        await JsonAsync(await PostAsync(admin, $"/api/identity/clients/{clientId}/enable"));
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(clientId, secret));

        var rekeyed = (await JsonAsync(await PostAsync(admin, $"/api/identity/clients/{clientId}/secret"))).GetProperty("clientSecret").GetString()!;
        Assert.NotEqual(secret, rekeyed);
        Assert.Equal(HttpStatusCode.Unauthorized, await TokenStatusAsync(clientId, secret)); // invalid_client: the old secret is no secret of it any more
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(clientId, rekeyed));

        var events = await app.QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.AggregateKey == $"client:{clientId}")
            .OrderBy(m => m.Sequence).Select(m => m.MessageType).ToListAsync());
        Assert.Equal([nameof(PartnerClientRegistered), nameof(PartnerClientDisabled), nameof(PartnerClientEnabled)],
            events.Select(t => t.Split(',')[0].Split('.')[^1]));
    }

    [Fact]
    public async Task Another_bureau_s_clients_and_the_staff_app_are_out_of_reach()
    {
        var bureau = Guid.NewGuid();
        var (_, adminEmail) = await app.AccountAsync(bureau, "bureau-admin");
        var (_, foreignEmail) = await app.AccountAsync(Guid.NewGuid(), "bureau-admin");
        using var admin = await app.SignedInAsync(adminEmail);
        using var foreign = await app.SignedInAsync(foreignEmail);
        var clientId = "police-" + Guid.NewGuid().ToString("N")[..8];
        await JsonAsync(await admin.PostAsJsonAsync("/api/identity/clients", new
        {
            clientId, displayName = "Police", agencyType = "police", agencyId = "pol-1", scopes = new[] { "xinyu.joint-cases" },
        }), HttpStatusCode.Created);

        Assert.Empty((await JsonAsync(await foreign.GetAsync("/api/identity/clients"))).EnumerateArray());
        foreach (var action in new[] { "disable", "enable", "secret" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(foreign, $"/api/identity/clients/{clientId}/{action}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(admin, $"/api/identity/clients/{OAuthClient.DevClient}/{action}")).StatusCode);
        }
        await AssertRejectedAsync(await admin.PostAsJsonAsync("/api/identity/clients", new
        {
            clientId = "no-agency-client", displayName = "X", agencyType = "police", agencyId = "", scopes = new[] { "xinyu.joint-cases" },
        }), "agencyId");
    }
}
