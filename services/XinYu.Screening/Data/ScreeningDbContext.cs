using Microsoft.EntityFrameworkCore;
using XinYu.Messaging;
using XinYu.ServiceDefaults.Auditing;

namespace XinYu.Screening.Data;

/// <summary>The screening service's own database (<c>screeningdb</c>); no other service reads it.</summary>
public sealed class ScreeningDbContext(DbContextOptions<ScreeningDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.AddAuditTrail(); // reads and changes of students' data
    }
}
