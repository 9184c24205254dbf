using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace XinYu.Identity.Accounts;

/// <summary>Sign-in throttling (configuration section <c>Identity:SignInThrottle</c>).</summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "Identity:SignInThrottle";
    /// <summary>Failures of one account from one address before sign-in there pauses.</summary>
    public int FreeFailures { get; set; } = 3;
    /// <summary>The first pause; each further failure doubles it, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>The longest pause: whoever keeps failing waits this long between tries, and never longer.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Failures are forgotten after this long without one (and at once on a successful sign-in).</summary>
    public TimeSpan FailureMemory { get; set; } = TimeSpan.FromHours(1);
    /// <summary>
    /// Sign-in attempts per client address per minute, whoever signs in. A school's staff often share one public
    /// address; a computer room of 50 signing in at once (with a few typos) must pass, so this is generous.
    /// </summary>
    public int AttemptsPerAddressPerMinute { get; set; } = 300;

    public bool IsValid() => FreeFailures >= 1 && FirstDelay > TimeSpan.Zero && MaxDelay >= FirstDelay
        && FailureMemory >= MaxDelay && AttemptsPerAddressPerMinute >= 50;
}

/// <summary>
/// Slows down password guessing without letting anyone lock a known account out for good: failures of one account
/// from one address pause sign-in <em>from that address</em> with exponential back-off up to a cap (the holder at
/// another address is not held up), a success clears them, and each address has a generous per-minute budget.
/// Identity's own lock-out (Identity:Server:MaxFailedSignIns) stays as the account-wide guard against guessing from
/// many addresses; at the back-off cap one address needs hours to reach it, and it lasts LockoutDuration.
/// State is in Redis, shared by every identity replica; keys hold hashes, never an e-mail or an address.
/// </summary>
public sealed class SignInThrottle(IConnectionMultiplexer redis, IOptions<SignInThrottleOptions> options, TimeProvider clock)
{
    private const string Prefix = "identity:signin:";

    /// <summary>How long the caller must wait before this attempt may be checked; null: go ahead.</summary>
    public async Task<TimeSpan?> WaitBeforeAsync(string email, IPAddress? address)
    {
        var settings = options.Value;
        var db = redis.GetDatabase();
        var now = clock.GetUtcNow();
        var window = $"{Prefix}addr:{Hash(AddressOf(address))}:{now.ToUnixTimeSeconds() / 60}";
        var attempts = await db.StringIncrementAsync(window);
        if (attempts == 1) await db.KeyExpireAsync(window, TimeSpan.FromMinutes(2));
        if (attempts > settings.AttemptsPerAddressPerMinute) return TimeSpan.FromSeconds(60 - now.ToUnixTimeSeconds() % 60);

        var state = await db.HashGetAsync(FailureKey(email, address), ["n", "at"]);
        if (state[0].IsNull || state[1].IsNull) return null;
        var wait = DateTimeOffset.FromUnixTimeMilliseconds((long)state[1]) + Delay((int)state[0], settings) - now;
        return wait > TimeSpan.Zero ? wait : null;
    }

    public async Task FailedAsync(string email, IPAddress? address)
    {
        var db = redis.GetDatabase();
        var key = FailureKey(email, address);
        await db.HashIncrementAsync(key, "n");
        await db.HashSetAsync(key, "at", clock.GetUtcNow().ToUnixTimeMilliseconds());
        await db.KeyExpireAsync(key, options.Value.FailureMemory);
    }

    public Task SucceededAsync(string email, IPAddress? address) => redis.GetDatabase().KeyDeleteAsync(FailureKey(email, address));

    /// <summary>The pause after <paramref name="failures"/> failures: none below the free ones, then doubling to the cap.</summary>
    public static TimeSpan Delay(int failures, SignInThrottleOptions settings)
    {
        if (failures < settings.FreeFailures) return TimeSpan.Zero;
        var doublings = Math.Min(failures - settings.FreeFailures, 30);
        var delay = settings.FirstDelay * Math.Pow(2, doublings);
        return delay < settings.MaxDelay ? delay : settings.MaxDelay;
    }

    private static string FailureKey(string email, IPAddress? address) =>
        $"{Prefix}fail:{Hash(email.Trim().ToUpperInvariant())}:{Hash(AddressOf(address))}";

    private static string AddressOf(IPAddress? address) => address?.ToString() ?? "unknown";

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32];
}
