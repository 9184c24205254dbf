using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using XinYu.Messaging;
using XinYu.Messaging.Copies;

namespace XinYu.Identity.Data;

/// <summary>identitydb: staff accounts, OpenIddict's applications, authorizations and tokens, and signing keys.</summary>
public sealed class AccountsDbContext(DbContextOptions<AccountsDbContext> options) : IdentityUserContext<StaffAccount, Guid>(options)
{
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();
    public DbSet<KnownSchool> KnownSchools => Set<KnownSchool>();
    public DbSet<KnownClass> KnownClasses => Set<KnownClass>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseOpenIddict<Guid>();
        modelBuilder.AddMessagingTables();
        modelBuilder.Entity<StaffAccount>(account =>
        {
            account.Property(a => a.DisplayName).HasMaxLength(100);
            account.HasIndex(a => a.BureauId);
        });
        modelBuilder.Entity<KnownSchool>(school =>
        {
            school.ToTable("known_schools");
            school.HasKey(s => s.SchoolId);
            school.Property(s => s.SchoolId).HasColumnName("school_id");
            school.Property(s => s.BureauId).HasColumnName("bureau_id");
            school.Property(s => s.LearnedAt).HasColumnName("learned_at");
            school.IsLocalCopy();
        });
        modelBuilder.Entity<KnownClass>(known =>
        {
            known.ToTable("known_classes");
            known.HasKey(c => c.ClassId);
            known.Property(c => c.ClassId).HasColumnName("class_id");
            known.Property(c => c.SchoolId).HasColumnName("school_id");
            known.Property(c => c.BureauId).HasColumnName("bureau_id");
            known.Property(c => c.ClosedAt).HasColumnName("closed_at");
            known.IsLocalCopy();
            known.HasIndex(c => c.SchoolId);
        });
        modelBuilder.Entity<SigningKey>(key =>
        {
            key.ToTable("signing_keys");
            key.Property(k => k.Purpose).HasMaxLength(20);
        });
    }
}
