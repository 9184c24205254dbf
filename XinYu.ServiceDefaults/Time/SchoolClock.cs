using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace XinYu.ServiceDefaults.Time;

/// <summary>The bureau's settings every service shares (section <c>Bureau</c>; docs/operations.md).</summary>
public sealed class BureauOptions
{
    public const string Section = "Bureau";

    /// <summary>
    /// The IANA time zone the bureau's schools keep: it decides which day "today" is, so a slot dated yesterday is in
    /// the past from midnight in the schools, not from midnight in UTC (08:00 in Beijing).
    /// </summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>True when <see cref="TimeZone"/> names a zone this machine knows.</summary>
    public bool IsValid() => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _);
}

/// <summary>
/// School dates: the day it is in the bureau's time zone, now or at an instant. The one place a service turns an
/// instant into a school date, on the one <see cref="TimeProvider"/> (which tests replace with a fake).
/// </summary>
public sealed class SchoolClock(TimeProvider time, IOptions<BureauOptions> options)
{
    /// <summary>The bureau's time zone (<see cref="BureauOptions.TimeZone"/>).</summary>
    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    /// <summary>The current instant, from the service's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset GetUtcNow() => time.GetUtcNow();

    /// <summary>Today's school date.</summary>
    public DateOnly Today() => DateOf(time.GetUtcNow());

    /// <summary>The school date at <paramref name="instant"/>.</summary>
    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(LocalTime(instant).DateTime);

    /// <summary><paramref name="instant"/> as the wall-clock time in the schools (with its offset).</summary>
    public DateTimeOffset LocalTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);
}

public static class SchoolClockExtensions
{
    /// <summary>
    /// The one <see cref="TimeProvider"/> (the system clock unless a test registered a fake first or replaces it after)
    /// and the <see cref="SchoolClock"/> on it; a <c>Bureau:TimeZone</c> this machine does not know stops the start.
    /// </summary>
    public static IServiceCollection AddSchoolClock(this IServiceCollection services)
    {
        services.AddSystemClock();
        services.AddOptions<BureauOptions>().BindConfiguration(BureauOptions.Section)
            .Validate(o => o.IsValid(), "Bureau:TimeZone is not a time zone this machine knows (an IANA id such as Asia/Shanghai).")
            .ValidateOnStart();
        services.TryAddSingleton<SchoolClock>();
        return services;
    }

    /// <summary>The one <see cref="TimeProvider"/>, for building blocks that also run without the service defaults
    /// (the messaging set-up in the platform tests): the system clock, unless one is registered already.</summary>
    public static IServiceCollection AddSystemClock(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
