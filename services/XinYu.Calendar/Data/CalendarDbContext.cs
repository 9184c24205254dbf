using Microsoft.EntityFrameworkCore;
using XinYu.Messaging;
using XinYu.Messaging.Directory;
using XinYu.Calendar.Domain;

namespace XinYu.Calendar.Data;

/// <summary>The calendar service's own database (<c>calendardb</c>); no other service reads it. No student data.</summary>
public sealed class CalendarDbContext(DbContextOptions<CalendarDbContext> options) : DbContext(options)
{
    public DbSet<Term> Terms => Set<Term>();
    public DbSet<Exam> Exams => Set<Exam>();
    public DbSet<OfficialHoliday> Holidays => Set<OfficialHoliday>();
    public DbSet<KnownSchool> KnownSchools => Set<KnownSchool>();
    public DbSet<CalendarEvent> Events => Set<CalendarEvent>();
    public DbSet<FeedSubscription> Feeds => Set<FeedSubscription>();
    /// <summary>The directory's staff (ids and roles), so presenters, registrants and feed owners are checked against the caller's school.</summary>
    public DbSet<KnownStaffMember> KnownStaff => Set<KnownStaffMember>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.AddCalendarTables();
        modelBuilder.AddKnownStaff();
    }
}
