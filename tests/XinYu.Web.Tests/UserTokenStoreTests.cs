using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using XinYu.Testing;
using XinYu.Web.Auth;

namespace XinYu.Web.Tests;

/// <summary>
/// The server-side token store on the test servers' real Redis. The identity service's token endpoint is played by
/// <see cref="TokenEndpoint"/> (its refresh answers are what is under test here; the real sign-in is end to end).
/// </summary>
public sealed class UserTokenStoreTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 10, 12, 1, 0, 0, TimeSpan.Zero));
    private readonly TokenEndpoint _identity = new();
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync() => _redis = await ConnectionMultiplexer.ConnectAsync(await TestServers.ConnectionStringAsync("cache"));

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private UserTokenStore Store(IDataProtectionProvider? protection = null) => new(_redis, protection ?? Protection, new Clients(_identity),
        Options.Create(new WebAppSettings { ClientSecret = "test-secret" }),
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Identity:Issuer"] = "http://xinyu.example/" }).Build(),
        _clock, NullLogger<UserTokenStore>.Instance);

    private static readonly IDataProtectionProvider Protection = new EphemeralDataProtectionProvider();

    private static ClaimsPrincipal UserOf(string session) => new(new ClaimsIdentity([new Claim(SessionClaims.SessionId, session)], "test"));

    [Fact]
    public async Task A_token_far_from_expiry_is_returned_as_stored_and_nothing_is_refreshed()
    {
        var session = Guid.NewGuid().ToString("N");
        await Store().SaveAsync(session, new UserSession("access-1", "refresh-1", "id-1", _clock.GetUtcNow().AddMinutes(10)));

        Assert.Equal("access-1", await Store().AccessTokenAsync(UserOf(session), CancellationToken.None));
        Assert.Equal(0, _identity.Calls);
    }

    [Fact]
    public async Task A_token_about_to_expire_is_refreshed_once_even_when_two_replicas_ask_at_once()
    {
        var session = Guid.NewGuid().ToString("N");
        await Store().SaveAsync(session, new UserSession("access-1", "refresh-1", "id-1", _clock.GetUtcNow().AddSeconds(30)));
        _identity.Answer = """{"access_token":"access-2","refresh_token":"refresh-2","expires_in":600}""";

        // Two replicas (two stores, one Redis) asking together.
        var tokens = await Task.WhenAll(Store().AccessTokenAsync(UserOf(session), CancellationToken.None),
            Store().AccessTokenAsync(UserOf(session), CancellationToken.None));

        Assert.Equal(new string?[] { "access-2", "access-2" }, tokens);
        Assert.Equal(1, _identity.Calls);
        Assert.Contains("refresh_token=refresh-1", _identity.LastBody);
        Assert.Contains("client_secret=test-secret", _identity.LastBody);
        // The rotated refresh token is the one kept.
        Assert.Equal("refresh-2", (await Store().FindAsync(session))!.RefreshToken);
    }

    [Fact]
    public async Task A_refused_refresh_ends_the_session()
    {
        var session = Guid.NewGuid().ToString("N");
        await Store().SaveAsync(session, new UserSession("access-1", "revoked", "id-1", _clock.GetUtcNow().AddSeconds(10)));
        _identity.Status = HttpStatusCode.BadRequest;
        _identity.Answer = """{"error":"invalid_grant"}""";

        Assert.Null(await Store().AccessTokenAsync(UserOf(session), CancellationToken.None));
        Assert.Null(await Store().FindAsync(session));
    }

    [Fact]
    public async Task No_token_is_readable_in_Redis_and_a_session_of_another_key_ring_reads_as_none()
    {
        var session = Guid.NewGuid().ToString("N");
        await Store().SaveAsync(session, new UserSession("access-secret-value", "refresh-secret-value", "id-1", _clock.GetUtcNow().AddMinutes(10)));

        var stored = (string)(await _redis.GetDatabase().StringGetAsync($"xinyu:web:session:{session}"))!;
        Assert.DoesNotContain("secret-value", stored);
        Assert.Null(await Store(new EphemeralDataProtectionProvider()).FindAsync(session));
        Assert.Null(await Store().AccessTokenAsync(new ClaimsPrincipal(new ClaimsIdentity()), CancellationToken.None));
    }

    /// <summary>The identity service's token endpoint, as far as a refresh goes.</summary>
    private sealed class TokenEndpoint : HttpMessageHandler
    {
        private int _calls;
        public int Calls => _calls;
        public string LastBody { get; private set; } = "";
        public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;
        public string Answer { get; set; } = "{}";

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            Assert.Equal("http://identity-api/connect/token", request.RequestUri!.ToString()); // inside, not round the public address
            LastBody = await request.Content!.ReadAsStringAsync(cancellationToken);
            await Task.Delay(300, cancellationToken); // long enough for the second replica to find the refresh under way
            return new HttpResponseMessage(Status) { Content = new StringContent(Answer, Encoding.UTF8, "application/json") };
        }
    }

    private sealed class Clients(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }
}
