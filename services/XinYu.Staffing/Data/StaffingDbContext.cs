using Microsoft.EntityFrameworkCore;
using XinYu.Messaging;

namespace XinYu.Staffing.Data;

/// <summary>The staffing service's own database (<c>staffingdb</c>); no other service reads it.</summary>
public sealed class StaffingDbContext(DbContextOptions<StaffingDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
    }
}
