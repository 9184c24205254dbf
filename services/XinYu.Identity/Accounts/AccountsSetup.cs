namespace XinYu.Identity.Accounts;

public static class AccountsSetup
{
    /// <summary>The account life cycle (disable, revoke) and sign-in throttling, with its settings checked at start.</summary>
    public static IHostApplicationBuilder AddAccountLifeCycle(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<AccountLifeCycle>();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddOptions<SignInThrottleOptions>().BindConfiguration(SignInThrottleOptions.Section)
            .Validate(o => o.IsValid(), "Identity:SignInThrottle: FreeFailures ≥ 1, 0 < FirstDelay ≤ MaxDelay ≤ FailureMemory, AttemptsPerAddressPerMinute ≥ 50 (docs/operations.md).")
            .ValidateOnStart();
        return builder;
    }
}
