using Microsoft.EntityFrameworkCore;
using XinYu.Messaging;
using XinYu.ServiceDefaults.Auditing;

namespace XinYu.Liaison.Data;

/// <summary>The liaison service's own database (<c>liaisondb</c>); no other service reads it.</summary>
public sealed class LiaisonDbContext(DbContextOptions<LiaisonDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.AddAuditTrail(); // reads and changes of students' data
    }
}
