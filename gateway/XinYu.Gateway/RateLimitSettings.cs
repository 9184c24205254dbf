namespace XinYu.Gateway;

/// <summary>
/// The gateway's rate limits (<c>Gateway:RateLimit</c>), one token bucket per caller of each kind
/// (<see cref="CallerPartition"/>). docs/operations.md lists them.
/// </summary>
public sealed class RateLimitSettings
{
    public const string Section = "Gateway:RateLimit";

    /// <summary>A signed-in person: far more than a person clicking through the web app asks for, little for a script.</summary>
    public RateLimitBudget Person { get; set; } = new() { PermitsPerSecond = 100, Burst = 300 };

    /// <summary>A partner agency's system (client credentials), which may sync in bulk: the budget it had before 2.0.</summary>
    public RateLimitBudget Client { get; set; } = new() { PermitsPerSecond = 2000, Burst = 4000 };

    /// <summary>
    /// A caller without a valid token (sign-in, OpenID Connect, calendar feeds), by address: a whole school's computer
    /// room (50 pupils) signs in from behind one address, a handful of requests each.
    /// </summary>
    public RateLimitBudget Address { get; set; } = new() { PermitsPerSecond = 100, Burst = 500 };

    public bool IsValid => Person.IsValid && Client.IsValid && Address.IsValid;

    public RateLimitBudget For(CallerKind kind) => kind switch
    {
        CallerKind.Person => Person,
        CallerKind.Client => Client,
        _ => Address,
    };
}

/// <summary>A token bucket: <see cref="Burst"/> requests at once, refilled by <see cref="PermitsPerSecond"/>.</summary>
public sealed class RateLimitBudget
{
    public int PermitsPerSecond { get; set; }
    public int Burst { get; set; }

    public bool IsValid => PermitsPerSecond > 0 && Burst > 0;
}
