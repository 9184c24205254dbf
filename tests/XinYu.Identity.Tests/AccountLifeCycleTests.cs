using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.Testing;
using XinYu.Testing.Suite;
using static XinYu.Identity.Tests.IdentityApp;

namespace XinYu.Identity.Tests;

/// <summary>Issue #15 point 3: accounts have a life cycle, and an admin's password is never the holder's.</summary>
public sealed class AccountLifeCycleTests(IdentityApp app) : IClassFixture<IdentityApp>
{
    private Task<List<OutboxMessage>> OutboxAsync(string aggregateKey) => app.QueryAsync(db =>
        db.Set<OutboxMessage>().AsNoTracking().Where(m => m.AggregateKey == aggregateKey).OrderBy(m => m.Sequence).ToListAsync());

    private async Task<(Guid Id, string Email, string TemporaryPassword)> CreateAsync(HttpClient admin, string role, Guid? school, Guid[]? classIds = null)
    {
        var email = $"{role}-{Guid.NewGuid():N}@identity.example";
        var created = await JsonAsync(await admin.PostAsJsonAsync("/api/identity/accounts",
            new { email, displayName = role, roles = new[] { role }, schoolId = school, classIds }), HttpStatusCode.Created);
        return (created.GetProperty("id").GetGuid(), email, created.GetProperty("temporaryPassword").GetString()!);
    }

    [Fact]
    public async Task Creating_an_account_publishes_StaffAccountCreated_with_its_ids_only_and_a_refused_one_nothing()
    {
        var bureau = Guid.NewGuid();
        var school = await app.KnownSchoolAsync(bureau);
        var (_, adminEmail) = await app.AccountAsync(bureau, "bureau-admin");
        using var admin = await app.SignedInAsync(adminEmail);
        var (id, email, _) = await CreateAsync(admin, "counsellor", school);

        var created = Assert.Single(await OutboxAsync($"account:{id}"));
        Assert.Contains(nameof(StaffAccountCreated), created.MessageType);
        var payload = System.Text.Json.JsonDocument.Parse(created.Payload).RootElement;
        Assert.Equal((id, bureau, school), (payload.GetProperty("accountId").GetGuid(), payload.GetProperty("bureauId").GetGuid(),
            payload.GetProperty("schoolId").GetGuid()));
        Assert.DoesNotContain(email, created.Payload);
        Assert.DoesNotContain("counsellor", created.Payload); // the display name

        // The same e-mail again is refused, and no account means no event.
        await AssertRejectedAsync(await admin.PostAsJsonAsync("/api/identity/accounts",
            new { email, displayName = "again", roles = new[] { "counsellor" }, schoolId = school }), "email");
        var announced = await app.QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.MessageType.Contains(nameof(StaffAccountCreated))).Select(m => m.Payload).ToListAsync());
        Assert.Single(announced, p => p.Contains(bureau.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_admin_chosen_password_yields_no_token_until_its_holder_replaces_it()
    {
        var bureau = Guid.NewGuid();
        var school = await app.KnownSchoolAsync(bureau);
        var (_, adminEmail) = await app.AccountAsync(bureau, "bureau-admin");
        using var admin = await app.SignedInAsync(adminEmail);
        var (_, email, temporary) = await CreateAsync(admin, "counsellor", school);

        // The admin who knows the temporary password gets the change form, never a session or a code.
        var refused = await Assert.ThrowsAsync<SignInRefusedException>(() => app.SignInAsync(email, temporary));
        Assert.Contains("/account/change-password", refused.Message);
        using (var browser = app.Browser())
        {
            var (authorize, _) = OAuthClient.AuthorizationRequest("s");
            await Assert.ThrowsAsync<SignInRefusedException>(() => OAuthClient.SignInAsync(browser, email, temporary));
            using var again = await browser.GetAsync(authorize);
            Assert.Contains("/account/login", again.Headers.Location!.OriginalString); // still not signed in
        }

        // A too-short replacement is refused on the form; then the holder chooses theirs and gets tokens.
        var tooShort = await Assert.ThrowsAsync<SignInRefusedException>(() => app.SignInAsync(email, temporary, newPassword: "short"));
        Assert.Contains("/account/change-password", tooShort.Message);
        var tokens = await app.SignInAsync(email, temporary, newPassword: "the-holder-s-own-passphrase");
        Assert.Equal("counsellor", OAuthClient.Claims(tokens.AccessToken).GetProperty("role").GetString());
        await Assert.ThrowsAsync<SignInRefusedException>(() => app.SignInAsync(email, temporary, address: "192.0.2.99"));
        await app.SignInAsync(email, "the-holder-s-own-passphrase");
    }

    [Fact]
    public async Task Disabling_revokes_refresh_tokens_at_once_refuses_sign_in_and_tells_calendar_and_enabling_restores_sign_in()
    {
        var bureau = Guid.NewGuid();
        var school = await app.KnownSchoolAsync(bureau);
        var (_, adminEmail) = await app.AccountAsync(bureau, "school-admin", school);
        var (holderId, holderEmail) = await app.AccountAsync(bureau, "counsellor", school);
        using var admin = await app.SignedInAsync(adminEmail);
        var holder = await app.SignInAsync(holderEmail);
        Assert.NotNull(holder.RefreshToken);
        using var asHolder = app.Bearer(holder.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(admin, $"/api/identity/accounts/{holderId}/disable")).StatusCode);

        using var http = app.CreateClient();
        using var refresh = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = OAuthClient.DevClient, ["refresh_token"] = holder.RefreshToken!,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        Assert.Contains("invalid_grant", await refresh.Content.ReadAsStringAsync());
        // Identity's own API checks the authorization entry: the access token is dead here at once.
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(asHolder, "/api/identity/me/password", new { currentPassword = Password, newPassword = "x" })).StatusCode);
        Assert.Contains("wrong", (await Assert.ThrowsAsync<SignInRefusedException>(() => app.SignInAsync(holderEmail))).Message);
        var disabled = Assert.Single(await OutboxAsync($"account:{holderId}"));
        Assert.Contains(nameof(StaffAccountDisabled), disabled.MessageType);
        Assert.DoesNotContain(holderEmail, disabled.Payload);

        // Disabling twice changes nothing and tells nobody twice; enabling lets the holder back in.
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(admin, $"/api/identity/accounts/{holderId}/disable")).StatusCode);
        Assert.Single(await OutboxAsync($"account:{holderId}"));
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(admin, $"/api/identity/accounts/{holderId}/enable")).StatusCode);
        await app.SignInAsync(holderEmail, address: "192.0.2.77");
    }

    [Fact]
    public async Task Access_tokens_live_no_longer_than_the_configured_lifetime()
    {
        var bureau = Guid.NewGuid();
        var (_, email) = await app.AccountAsync(bureau, "bureau-officer");
        var claims = OAuthClient.Claims((await app.SignInAsync(email)).AccessToken);
        var lifetime = claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64();
        // The default of Identity:Server:AccessTokenLifetime: with the services' 1-minute clock skew, the bound on how
        // long a disabled account's access token still works at another service (docs/operations.md).
        Assert.Equal(10 * 60, lifetime);
    }

    [Fact]
    public async Task An_admin_reaches_only_their_own_school_or_bureau_grants_no_more_than_they_hold_and_cannot_disable_themselves()
    {
        var bureau = Guid.NewGuid();
        var school = await app.KnownSchoolAsync(bureau);
        var otherSchool = await app.KnownSchoolAsync(bureau);
        var (adminId, adminEmail) = await app.AccountAsync(bureau, "school-admin", school);
        var (ownId, _) = await app.AccountAsync(bureau, "head-teacher", school);
        var (otherSchoolsId, _) = await app.AccountAsync(bureau, "head-teacher", otherSchool);
        var (bureauStaffId, _) = await app.AccountAsync(bureau, "bureau-officer");
        var (otherBureausId, _) = await app.AccountAsync(Guid.NewGuid(), "bureau-admin");
        using var admin = await app.SignedInAsync(adminEmail);

        await AssertRejectedAsync(await PostAsync(admin, $"/api/identity/accounts/{adminId}/disable"), "accountId");
        await AssertRejectedAsync(await admin.PutAsJsonAsync($"/api/identity/accounts/{ownId}/access", new { roles = new[] { "bureau-admin" } }), "roles");
        await AssertRejectedAsync(await admin.PutAsJsonAsync($"/api/identity/accounts/{ownId}/access", new { roles = Array.Empty<string>() }), "roles");
        await AssertRejectedAsync(await admin.PutAsJsonAsync($"/api/identity/accounts/{adminId}/access", new { roles = new[] { "counsellor" } }), "roles");
        foreach (var unreachable in new[] { otherSchoolsId, bureauStaffId, otherBureausId, Guid.NewGuid() })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(admin, $"/api/identity/accounts/{unreachable}/disable")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(admin, $"/api/identity/accounts/{unreachable}/password-reset")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync($"/api/identity/accounts/{unreachable}/access", new { roles = new[] { "mentor" } })).StatusCode);
        }
        var changed = await JsonAsync(await admin.PutAsJsonAsync($"/api/identity/accounts/{ownId}/access", new { roles = new[] { "counsellor", "mentor" } }));
        Assert.Equal(["counsellor", "mentor"], changed.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        // The school admin's list is their school only.
        var listed = (await JsonAsync(await admin.GetAsync("/api/identity/accounts"))).EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(new[] { adminId, ownId }.Order(), listed.Order());

        // A bureau admin of another bureau sees none of it; a counsellor is no admin.
        var (_, foreignEmail) = await app.AccountAsync(Guid.NewGuid(), "bureau-admin");
        using var foreign = await app.SignedInAsync(foreignEmail);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(foreign, $"/api/identity/accounts/{ownId}/disable")).StatusCode);
        var (_, counsellorEmail) = await app.AccountAsync(bureau, "counsellor", school);
        using var counsellor = await app.SignedInAsync(counsellorEmail);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(counsellor, $"/api/identity/accounts/{ownId}/disable")).StatusCode);
    }

    [Fact]
    public async Task Classes_must_be_open_classes_of_the_account_s_school_as_the_directory_announced_them()
    {
        var bureau = Guid.NewGuid();
        var school = await app.KnownSchoolAsync(bureau);
        var otherSchool = await app.KnownSchoolAsync(bureau);
        var (_, adminEmail) = await app.AccountAsync(bureau, "bureau-admin");
        var (teacherId, _) = await app.AccountAsync(bureau, "head-teacher", school);
        using var admin = await app.SignedInAsync(adminEmail);
        var (ours, theirs) = (Guid.NewGuid(), Guid.NewGuid());
        var bus = app.Services.GetRequiredService<IBus>();

        await AssertRejectedAsync(await admin.PutAsJsonAsync($"/api/identity/accounts/{teacherId}/access", new { roles = new[] { "head-teacher" }, classIds = new[] { ours } }), "classIds");
        await bus.Publish(new ClassOpened { BureauId = bureau, SchoolId = school, ClassId = ours, Grade = 7, EntryYear = 2025 });
        await bus.Publish(new ClassOpened { BureauId = bureau, SchoolId = otherSchool, ClassId = theirs, Grade = 7, EntryYear = 2025 });
        await Eventually.AssertAsync(() => app.QueryAsync(db => db.KnownClasses.CountAsync(c => c.ClassId == ours || c.ClassId == theirs)).ContinueWith(t => t.Result == 2),
            TimeSpan.FromSeconds(30), "the classes learned");

        var changed = await JsonAsync(await admin.PutAsJsonAsync($"/api/identity/accounts/{teacherId}/access", new { roles = new[] { "head-teacher" }, classIds = new[] { ours } }));
        Assert.Equal([ours], changed.GetProperty("classIds").EnumerateArray().Select(c => c.GetGuid()));
        await AssertRejectedAsync(await admin.PutAsJsonAsync($"/api/identity/accounts/{teacherId}/access", new { roles = new[] { "head-teacher" }, classIds = new[] { theirs } }), "classIds");

        await bus.Publish(new ClassClosed { BureauId = bureau, SchoolId = school, ClassId = ours });
        await Eventually.AssertAsync(() => app.QueryAsync(db => db.KnownClasses.AnyAsync(c => c.ClassId == ours && c.ClosedAt != null)), TimeSpan.FromSeconds(30), "the class closed");
        await AssertRejectedAsync(await admin.PutAsJsonAsync($"/api/identity/accounts/{teacherId}/access", new { roles = new[] { "head-teacher" }, classIds = new[] { ours } }), "classIds");
    }

    [Fact]
    public async Task A_reset_password_is_temporary_and_revokes_the_holder_s_refresh_tokens()
    {
        var bureau = Guid.NewGuid();
        var (_, adminEmail) = await app.AccountAsync(bureau, "bureau-admin");
        var (holderId, holderEmail) = await app.AccountAsync(bureau, "auditor");
        using var admin = await app.SignedInAsync(adminEmail);
        var holder = await app.SignInAsync(holderEmail);

        var reset = await JsonAsync(await PostAsync(admin, $"/api/identity/accounts/{holderId}/password-reset"));
        var temporary = reset.GetProperty("temporaryPassword").GetString()!;

        using var http = app.CreateClient();
        using var refresh = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = OAuthClient.DevClient, ["refresh_token"] = holder.RefreshToken!,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        await Assert.ThrowsAsync<SignInRefusedException>(() => app.SignInAsync(holderEmail, address: "192.0.2.50"));
        Assert.Contains("/account/change-password", (await Assert.ThrowsAsync<SignInRefusedException>(() => app.SignInAsync(holderEmail, temporary))).Message);
        await app.SignInAsync(holderEmail, temporary, newPassword: "chosen-after-the-reset");
    }

    [Fact]
    public async Task A_signed_in_user_changes_their_own_password_only_with_the_current_one()
    {
        var (_, email) = await app.AccountAsync(Guid.NewGuid(), "bureau-officer");
        using var user = await app.SignedInAsync(email);

        await AssertRejectedAsync(await user.PostAsJsonAsync("/api/identity/me/password", new { currentPassword = "not-my-password", newPassword = "a-brand-new-passphrase" }), "currentPassword");
        await AssertRejectedAsync(await user.PostAsJsonAsync("/api/identity/me/password", new { currentPassword = Password, newPassword = "short" }), "newPassword");
        await AssertRejectedAsync(await user.PostAsJsonAsync("/api/identity/me/password", new { currentPassword = Password }), "newPassword");
        Assert.Equal(HttpStatusCode.NoContent, (await user.PostAsJsonAsync("/api/identity/me/password", new { currentPassword = Password, newPassword = "a-brand-new-passphrase" })).StatusCode);

        await Assert.ThrowsAsync<SignInRefusedException>(() => app.SignInAsync(email, address: "192.0.2.60"));
        await app.SignInAsync(email, "a-brand-new-passphrase");
    }

    [Fact]
    public async Task Staff_who_left_their_school_lose_it_and_their_account_is_disabled()
    {
        var bureau = Guid.NewGuid();
        var school = await app.KnownSchoolAsync(bureau);
        var (leaverId, leaverEmail) = await app.AccountAsync(bureau, "counsellor", school);
        var (stayerId, _) = await app.AccountAsync(bureau, "counsellor", school);
        var leaver = await app.SignInAsync(leaverEmail);

        var left = new StaffLeftSchool { BureauId = bureau, SchoolId = school, StaffId = Guid.NewGuid(), AccountSubject = leaverId.ToString(), LeftOn = new DateOnly(2026, 7, 1) };
        await app.Services.GetRequiredService<IBus>().Publish(left);
        // Another bureau's message naming the same account changes nothing (ids are checked against the bureau).
        await app.Services.GetRequiredService<IBus>().Publish(left with { MessageId = Guid.NewGuid(), BureauId = Guid.NewGuid() });
        await Eventually.AssertAsync(() => app.QueryAsync(db => db.Users.AnyAsync(a => a.Id == leaverId && a.DisabledAt != null)), TimeSpan.FromSeconds(30), "the leaver disabled");

        var account = await app.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(a => a.Id == leaverId));
        Assert.Null(account.SchoolId);
        Assert.Null((await app.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(a => a.Id == stayerId))).DisabledAt);
        Assert.Contains(nameof(StaffAccountDisabled), Assert.Single(await OutboxAsync($"account:{leaverId}")).MessageType);
        using var http = app.CreateClient();
        using var refresh = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = OAuthClient.DevClient, ["refresh_token"] = leaver.RefreshToken!,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
    }
}
