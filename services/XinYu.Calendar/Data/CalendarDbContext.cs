using Microsoft.EntityFrameworkCore;
using XinYu.Messaging;

namespace XinYu.Calendar.Data;

/// <summary>The calendar service's own database (<c>calendardb</c>); no other service reads it.</summary>
public sealed class CalendarDbContext(DbContextOptions<CalendarDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
    }
}
