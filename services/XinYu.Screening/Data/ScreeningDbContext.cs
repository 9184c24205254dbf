using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using XinYu.Messaging;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Data;

namespace XinYu.Screening.Data;

/// <summary>The screening service's own database (<c>screeningdb</c>); no other service reads it.</summary>
public sealed class ScreeningDbContext(DbContextOptions<ScreeningDbContext> options, IDataProtectionProvider protection) : DbContext(options)
{
    public DbSet<InstrumentRecord> Instruments => Set<InstrumentRecord>();
    public DbSet<KnownSchool> Schools => Set<KnownSchool>();
    public DbSet<KnownClass> Classes => Set<KnownClass>();
    public DbSet<Student> Students => Set<Student>();
    public DbSet<Consent> Consents => Set<Consent>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<Submission> Submissions => Set<Submission>();
    public DbSet<Warning> Warnings => Set<Warning>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.AddAuditTrail(); // reads and changes of students' data
        modelBuilder.Entity<InstrumentRecord>(e =>
        {
            e.ToTable("instruments");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.BureauId).HasColumnName("bureau_id");
            e.Property(x => x.Code).HasColumnName("code").HasMaxLength(32);
            e.Property(x => x.Version).HasColumnName("version");
            e.Property(x => x.Definition).HasColumnName("definition").HasColumnType("jsonb");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(200);
            e.HasIndex(x => new { x.BureauId, x.Code, x.Version }).IsUnique();
        });
        modelBuilder.Entity<KnownSchool>(e =>
        {
            e.ToTable("schools");
            e.HasKey(x => x.SchoolId);
            e.Property(x => x.SchoolId).HasColumnName("school_id").ValueGeneratedNever();
            e.Property(x => x.BureauId).HasColumnName("bureau_id");
        });
        modelBuilder.Entity<KnownClass>(e =>
        {
            e.ToTable("classes");
            e.HasKey(x => x.ClassId);
            e.Property(x => x.ClassId).HasColumnName("class_id").ValueGeneratedNever();
            e.Property(x => x.SchoolId).HasColumnName("school_id");
            e.Property(x => x.BureauId).HasColumnName("bureau_id");
            e.Property(x => x.Grade).HasColumnName("grade");
        });
        modelBuilder.Entity<Student>(e =>
        {
            e.ToTable("students");
            e.HasKey(x => x.StudentId);
            e.Property(x => x.StudentId).HasColumnName("student_id").ValueGeneratedNever();
            e.Property(x => x.BureauId).HasColumnName("bureau_id");
            e.Property(x => x.SchoolId).HasColumnName("school_id");
            e.Property(x => x.ClassId).HasColumnName("class_id");
            e.Property(x => x.Grade).HasColumnName("grade");
            e.Property(x => x.Active).HasColumnName("active");
            e.Property(x => x.DirectoryUpdatedAt).HasColumnName("directory_updated_at");
            e.Property(x => x.Level).HasColumnName("level").HasMaxLength(32);
            e.Property(x => x.LevelRank).HasColumnName("level_rank");
            e.Property(x => x.LevelSince).HasColumnName("level_since");
            e.Property(x => x.LevelReasons).HasColumnName("level_reasons");
            e.HasIndex(x => new { x.SchoolId, x.Grade });
            e.HasIndex(x => new { x.SchoolId, x.LevelRank });
        });
        modelBuilder.Entity<Consent>(e =>
        {
            e.ToTable("consents");
            e.HasKey(x => new { x.StudentId, x.Purpose });
            e.Property(x => x.StudentId).HasColumnName("student_id");
            e.Property(x => x.Purpose).HasColumnName("purpose").HasMaxLength(32);
            e.Property(x => x.Granted).HasColumnName("granted");
            e.Property(x => x.OccurredAt).HasColumnName("occurred_at");
        });
        modelBuilder.Entity<Campaign>(e =>
        {
            e.ToTable("campaigns");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.BureauId).HasColumnName("bureau_id");
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(100);
            e.Property(x => x.Instruments).HasColumnName("instruments");
            e.Property(x => x.SchoolIds).HasColumnName("school_ids");
            e.Property(x => x.Grades).HasColumnName("grades");
            e.Property(x => x.WindowStart).HasColumnName("window_start");
            e.Property(x => x.WindowEnd).HasColumnName("window_end");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(200);
            e.HasIndex(x => x.BureauId);
        });
        modelBuilder.Entity<Submission>(e =>
        {
            e.ToTable("submissions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.BureauId).HasColumnName("bureau_id");
            e.Property(x => x.SchoolId).HasColumnName("school_id");
            e.Property(x => x.ClassId).HasColumnName("class_id");
            e.Property(x => x.Grade).HasColumnName("grade");
            e.Property(x => x.StudentId).HasColumnName("student_id");
            e.Property(x => x.CampaignId).HasColumnName("campaign_id");
            e.Property(x => x.InstrumentCode).HasColumnName("instrument_code").HasMaxLength(32);
            e.Property(x => x.InstrumentVersion).HasColumnName("instrument_version");
            e.Property(x => x.Answers).HasColumnName("answers");
            e.Property(x => x.Total).HasColumnName("total");
            e.Property(x => x.Band).HasColumnName("band").HasMaxLength(32);
            e.Property(x => x.Level).HasColumnName("level").HasMaxLength(32);
            e.Property(x => x.CriticalItemAnswered).HasColumnName("critical_item_answered");
            e.Property(x => x.WarningId).HasColumnName("warning_id");
            e.Property(x => x.SubmittedAt).HasColumnName("submitted_at");
            e.Property(x => x.SubmittedBy).HasColumnName("submitted_by").HasMaxLength(200);
            e.HasIndex(x => new { x.CampaignId, x.SchoolId });
            e.HasIndex(x => x.StudentId);
        });
        modelBuilder.Entity<Warning>(e =>
        {
            e.ToTable("warnings");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.BureauId).HasColumnName("bureau_id");
            e.Property(x => x.SchoolId).HasColumnName("school_id");
            e.Property(x => x.ClassId).HasColumnName("class_id");
            e.Property(x => x.StudentId).HasColumnName("student_id");
            e.Property(x => x.Level).HasColumnName("level").HasMaxLength(32);
            e.Property(x => x.Source).HasColumnName("source").HasMaxLength(20);
            e.Property(x => x.SubmissionId).HasColumnName("submission_id");
            e.Property(x => x.Tier).HasColumnName("tier").HasMaxLength(10);
            e.Property(x => x.TierSince).HasColumnName("tier_since");
            e.Property(x => x.RaisedAt).HasColumnName("raised_at");
            e.Property(x => x.RaisedBy).HasColumnName("raised_by").HasMaxLength(200);
            e.Property(x => x.AcknowledgedAt).HasColumnName("acknowledged_at");
            e.Property(x => x.AcknowledgedBy).HasColumnName("acknowledged_by").HasMaxLength(200);
            e.Property(x => x.Details).HasColumnName("details").IsProtected(protection, "XinYu.Screening.WarningDetails");
            e.Property(x => x.RowVersion).IsRowVersion();
            e.Ignore(x => x.IsOpen);
            e.HasIndex(x => new { x.SchoolId, x.AcknowledgedAt });
            e.HasIndex(x => new { x.AcknowledgedAt, x.TierSince });
            e.HasIndex(x => x.RaisedBy);
        });
    }
}
