using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using XinYu.ServiceDefaults.Time;

namespace XinYu.Platform.Tests.Time;

/// <summary>The one "today" (issue #16, point 3): school dates in the bureau's time zone, on the one TimeProvider.</summary>
public sealed class SchoolClockTests
{
    // 00:30 on 2 March 2027 in Beijing is 16:30 UTC on 1 March.
    private static readonly DateTimeOffset HalfPastMidnightInBeijing = new(2027, 3, 1, 16, 30, 0, TimeSpan.Zero);

    private static SchoolClock ClockAt(DateTimeOffset now, string? zone = null) =>
        new(new FakeTimeProvider(now), Options.Create(zone is null ? new BureauOptions() : new BureauOptions { TimeZone = zone }));

    [Fact]
    public void Today_is_the_date_in_Beijing_by_default_not_in_UTC() =>
        Assert.Equal(new DateOnly(2027, 3, 2), ClockAt(HalfPastMidnightInBeijing).Today());

    [Fact]
    public void The_zone_is_a_setting() =>
        Assert.Equal(new DateOnly(2027, 3, 1), ClockAt(HalfPastMidnightInBeijing, "Europe/London").Today());

    [Fact]
    public void An_instant_becomes_the_school_date_and_wall_clock_time_there()
    {
        var clock = ClockAt(HalfPastMidnightInBeijing);
        Assert.Equal(new DateOnly(2027, 3, 2), clock.DateOf(HalfPastMidnightInBeijing));
        Assert.Equal(new DateOnly(2027, 3, 1), clock.DateOf(HalfPastMidnightInBeijing.AddHours(-1)));
        Assert.Equal((0, 30, TimeSpan.FromHours(8)), (clock.LocalTime(HalfPastMidnightInBeijing).Hour,
            clock.LocalTime(HalfPastMidnightInBeijing).Minute, clock.LocalTime(HalfPastMidnightInBeijing).Offset));
        Assert.Equal(HalfPastMidnightInBeijing, clock.GetUtcNow());
    }

    [Fact]
    public void An_unknown_time_zone_stops_the_start()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Bureau:TimeZone"] = "Mars/Olympus_Mons" }).Build());
        services.AddSchoolClock();
        using var provider = services.BuildServiceProvider();
        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<BureauOptions>>().Value);
        Assert.Contains("Bureau:TimeZone", e.Message);
    }

    [Fact]
    public void A_fake_clock_registered_first_is_the_one_every_service_gets()
    {
        var fake = new FakeTimeProvider(HalfPastMidnightInBeijing);
        var services = new ServiceCollection().AddSingleton<TimeProvider>(fake);
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSchoolClock();
        using var provider = services.BuildServiceProvider();
        Assert.Same(fake, provider.GetRequiredService<TimeProvider>());
        Assert.Equal(new DateOnly(2027, 3, 2), provider.GetRequiredService<SchoolClock>().Today());
    }
}
