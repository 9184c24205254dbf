using Microsoft.EntityFrameworkCore;
using XinYu.Messaging;

namespace XinYu.Identity.Data;

/// <summary>The identity service's own database (<c>identitydb</c>); no other service reads it.</summary>
public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
    }
}
