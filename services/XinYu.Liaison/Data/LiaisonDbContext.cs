using Microsoft.EntityFrameworkCore;
using XinYu.Messaging;

namespace XinYu.Liaison.Data;

/// <summary>The liaison service's own database (<c>liaisondb</c>); no other service reads it.</summary>
public sealed class LiaisonDbContext(DbContextOptions<LiaisonDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
    }
}
