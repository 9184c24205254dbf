using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using XinYu.Calendar.Data;
using XinYu.Messaging.Directory;
using XinYu.Testing.Services;
using XinYu.Calendar.Domain;

namespace XinYu.Calendar.Tests;

/// <summary>
/// The real calendar service on a fresh <c>calendardb</c> of the test servers (see <see cref="ServiceApp{TEntryPoint, TContext}"/>),
/// with a controllable clock that starts at <see cref="Start"/> (Tuesday 2025-06-10, 10:00 Beijing time).
/// </summary>
public sealed class CalendarApp() : ServiceApp<Program, CalendarDbContext>("calendardb")
{
    public static readonly DateTimeOffset Start = new(2025, 6, 10, 2, 0, 0, TimeSpan.Zero);
    public FakeTimeProvider Clock { get; } = new(Start);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    /// <summary>Makes a school known, as Staffing's SchoolRegistered would.</summary>
    public Task<Guid> KnownSchoolAsync(Guid bureau) => QueryAsync(async db =>
    {
        var id = Guid.NewGuid();
        db.KnownSchools.Add(new KnownSchool { SchoolId = id, BureauId = bureau, Level = "junior", LearnedAt = Start });
        await db.SaveChangesAsync();
        return id;
    });

    /// <summary>Makes a staff member known, as Staffing's StaffRegistered would (no school: the bureau's research staff).</summary>
    public Task<Guid> KnownStaffAsync(Guid bureau, Guid? school, params string[] roles) => QueryAsync(async db =>
    {
        var id = Guid.NewGuid();
        db.KnownStaff.Add(new KnownStaffMember { StaffId = id, BureauId = bureau, SchoolId = school, Roles = roles.Length > 0 ? [.. roles] : ["subject-teacher"], LearnedAt = Start });
        await db.SaveChangesAsync();
        return id;
    });
}
