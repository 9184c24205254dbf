using System.Net;
using XinYu.Identity.Accounts;
using XinYu.Testing.Suite;

namespace XinYu.Identity.Tests;

/// <summary>The back-off arithmetic: free failures, doubling, a cap (so nobody waits longer than the cap, ever).</summary>
public sealed class SignInBackOffTests
{
    [Fact]
    public void The_pause_is_zero_for_the_free_failures_then_doubles_up_to_the_cap()
    {
        var settings = new SignInThrottleOptions { FreeFailures = 3, FirstDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromMinutes(5) };
        Assert.Equal([0, 0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300],
            Enumerable.Range(0, 13).Select(n => SignInThrottle.Delay(n, settings).TotalSeconds));
        Assert.Equal(TimeSpan.FromMinutes(5), SignInThrottle.Delay(int.MaxValue, settings));
    }
}

/// <summary>A pause long enough to observe: the fixture's first delay is an hour.</summary>
public sealed class ThrottledIdentityApp : IdentityApp
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Identity:SignInThrottle:FirstDelay", "01:00:00"),
        new("Identity:SignInThrottle:MaxDelay", "01:00:00"),
        new("Identity:SignInThrottle:FailureMemory", "02:00:00"),
        new("Identity:SignInThrottle:AttemptsPerAddressPerMinute", "60"),
    ];
}

/// <summary>Issue #15 point 10 (sign-in half): guessing is slowed per account and address, a school's room is not.</summary>
public sealed class SignInThrottleTests(ThrottledIdentityApp app) : IClassFixture<ThrottledIdentityApp>
{
    [Fact]
    public async Task Failures_pause_sign_in_for_that_account_from_that_address_only_and_a_success_clears_them()
    {
        var (_, email) = await app.AccountAsync(Guid.NewGuid(), "counsellor", await app.KnownSchoolAsync(Guid.NewGuid()));
        const string attacker = "198.51.100.7";
        for (var i = 0; i < 3; i++)
            Assert.Contains("wrong", (await Assert.ThrowsAsync<SignInRefusedException>(() => app.SignInAsync(email, "guess-" + i, address: attacker))).Message);

        // Paused from the guessing address, even for the right password: the password is not even checked.
        var paused = await Assert.ThrowsAsync<SignInRefusedException>(() => app.SignInAsync(email, address: attacker));
        Assert.Contains("paused", paused.Message);
        // The holder elsewhere is not held up, and their success leaves the attacker's pause in place.
        await app.SignInAsync(email, address: "203.0.113.20");
        Assert.Contains("paused", (await Assert.ThrowsAsync<SignInRefusedException>(() => app.SignInAsync(email, address: attacker))).Message);

        // A success clears that address's failures: two failures and a success, then three more failures are free again.
        var (_, other) = await app.AccountAsync(Guid.NewGuid(), "mentor", await app.KnownSchoolAsync(Guid.NewGuid()));
        for (var i = 0; i < 2; i++) await Assert.ThrowsAsync<SignInRefusedException>(() => app.SignInAsync(other, "typo-" + i));
        await app.SignInAsync(other);
        for (var i = 0; i < 3; i++)
            Assert.Contains("wrong", (await Assert.ThrowsAsync<SignInRefusedException>(() => app.SignInAsync(other, "typo-again-" + i))).Message);
    }

    [Fact]
    public async Task A_computer_room_of_50_signs_in_at_once_from_one_address_but_a_flood_from_one_address_is_refused()
    {
        var bureau = Guid.NewGuid();
        var school = await app.KnownSchoolAsync(bureau);
        var room = new List<string>();
        for (var i = 0; i < 50; i++) room.Add((await app.AccountAsync(bureau, "head-teacher", school)).Email);
        const string schoolGateway = "192.0.2.200";

        var tokens = await Task.WhenAll(room.Select(email => app.SignInAsync(email, address: schoolGateway)));
        Assert.Equal(50, tokens.Select(t => t.AccessToken).Distinct().Count());

        // Beyond the per-address budget (60 a minute here): refused with 429 before any password is checked. Two
        // windows can hold at most twice the budget, so this many attempts must meet a refusal.
        using var flood = app.Browser("192.0.2.201");
        var page = await flood.GetStringAsync("/account/login");
        var antiforgery = System.Text.RegularExpressions.Regex.Match(page, "name=\"(?<name>__RequestVerificationToken[^\"]*)\" value=\"(?<value>[^\"]*)\"");
        var refused = false;
        for (var i = 0; i < 121 && !refused; i++)
        {
            using var response = await flood.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                [antiforgery.Groups["name"].Value] = antiforgery.Groups["value"].Value,
                ["email"] = $"nobody-{i}@identity.example", ["password"] = "x",
            }));
            refused = response.StatusCode == HttpStatusCode.TooManyRequests;
        }
        Assert.True(refused, "the flood was never refused");
    }
}
