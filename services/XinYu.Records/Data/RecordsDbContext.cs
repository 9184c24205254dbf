using Microsoft.EntityFrameworkCore;
using XinYu.Messaging;
using XinYu.ServiceDefaults.Auditing;

namespace XinYu.Records.Data;

/// <summary>The records service's own database (<c>recordsdb</c>); no other service reads it.</summary>
public sealed class RecordsDbContext(DbContextOptions<RecordsDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.AddAuditTrail(); // reads and changes of students' data
    }
}
