using System.Text;
using Microsoft.EntityFrameworkCore;
using XinYu.Messaging;
using XinYu.Messaging.Copies;
using XinYu.Messaging.Directory;
using XinYu.Records.Domain;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Data;

namespace XinYu.Records.Data;

/// <summary>The records service's own database (<c>recordsdb</c>); no other service reads it.</summary>
public sealed class RecordsDbContext(DbContextOptions<RecordsDbContext> options) : DbContext(options)
{
    public const string GuardianPhonePurpose = "XinYu.Records.GuardianPhones";
    public const string FileEntryPurpose = "XinYu.Records.FileEntries";
    public const string NotesPurpose = "XinYu.Records.CounsellingNotes";
    public const string ExchangeKeyPurpose = "XinYu.Records.ExchangeKeys";

    public DbSet<KnownSchool> Schools => Set<KnownSchool>();
    public DbSet<KnownClass> Classes => Set<KnownClass>();
    public DbSet<KnownStaffMember> Staff => Set<KnownStaffMember>();
    public DbSet<Student> Students => Set<Student>();
    public DbSet<Guardian> Guardians => Set<Guardian>();
    public DbSet<FileEntry> FileEntries => Set<FileEntry>();
    public DbSet<Consent> Consents => Set<Consent>();
    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();
    public DbSet<HandOverReceipt> Receipts => Set<HandOverReceipt>();
    public DbSet<HandOverProposal> HandOverProposals => Set<HandOverProposal>();
    public DbSet<DutySlot> DutySlots => Set<DutySlot>();
    public DbSet<Appointment> Appointments => Set<Appointment>();
    public DbSet<CounsellingSession> Sessions => Set<CounsellingSession>();
    public DbSet<ExchangeKey> ExchangeKeys => Set<ExchangeKey>();
    public DbSet<ExchangePartner> ExchangePartners => Set<ExchangePartner>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var protection = this.DataProtection(); // for the encrypted columns
        modelBuilder.AddMessagingTables();
        modelBuilder.AddKnownStaff();
        modelBuilder.AddAuditTrail(); // reads and changes of students' data

        modelBuilder.Entity<KnownSchool>(e =>
        {
            e.ToTable("known_schools").HasKey(s => s.SchoolId);
            e.IsLocalCopy();
            e.Property(s => s.Level).HasMaxLength(20);
            e.HasIndex(s => s.BureauId);
        });
        modelBuilder.Entity<KnownClass>(e =>
        {
            e.ToTable("known_classes").HasKey(c => c.ClassId);
            e.IsLocalCopy();
            e.Property(c => c.Name).HasMaxLength(50);
            e.HasIndex(c => c.SchoolId);
            // A roster names classes by the school's label: one label per open class of a school.
            e.HasIndex(c => new { c.SchoolId, c.Name }).IsUnique().HasFilter("name IS NOT NULL AND NOT closed");
        });
        modelBuilder.Entity<Student>(e =>
        {
            e.ToTable("students").HasKey(s => s.Id);
            e.Property(s => s.Id).ValueGeneratedNever();
            e.Property(s => s.NationalNumber).HasMaxLength(30);
            e.Property(s => s.Name).HasMaxLength(50);
            e.Property(s => s.Gender).HasMaxLength(10);
            e.Property(s => s.Status).HasMaxLength(20);
            e.Property(s => s.LeftReason).HasMaxLength(20);
            e.HasIndex(s => new { s.BureauId, s.NationalNumber }).IsUnique().HasFilter("national_number IS NOT NULL");
            e.HasIndex(s => new { s.SchoolId, s.ClassId });
        });
        modelBuilder.Entity<Guardian>(e =>
        {
            e.ToTable("guardians").HasKey(g => g.Id);
            e.Property(g => g.Id).ValueGeneratedNever();
            e.Property(g => g.Name).HasMaxLength(50);
            e.Property(g => g.Relation).HasMaxLength(20);
            e.Property(g => g.Phone).IsProtected(protection, GuardianPhonePurpose);
            e.HasIndex(g => g.StudentId);
            e.HasOne<Student>().WithMany().HasForeignKey(g => g.StudentId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<FileEntry>(e =>
        {
            e.ToTable("file_entries").HasKey(f => f.Id);
            e.Property(f => f.Id).ValueGeneratedNever();
            e.Property(f => f.Section).HasMaxLength(40);
            e.Property(f => f.Text).IsProtected(protection, FileEntryPurpose);
            e.Property(f => f.RecordedBy).HasMaxLength(100);
            e.HasIndex(f => new { f.StudentId, f.RecordedAt });
            e.HasOne<Student>().WithMany().HasForeignKey(f => f.StudentId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Consent>(e =>
        {
            e.ToTable("consents").HasKey(c => c.Id);
            e.Property(c => c.Id).ValueGeneratedNever();
            e.Property(c => c.Purpose).HasMaxLength(20);
            e.Property(c => c.AgencyId).HasMaxLength(100);
            e.Property(c => c.Method).HasMaxLength(10);
            e.Property(c => c.RecordedBy).HasMaxLength(100);
            e.HasIndex(c => new { c.StudentId, c.Purpose, c.GivenAt });
            e.HasOne<Student>().WithMany().HasForeignKey(c => c.StudentId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Guardian>().WithMany().HasForeignKey(c => c.GuardianId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<TimelineEntry>(e =>
        {
            e.ToTable("timeline_entries").HasKey(t => t.Id);
            e.Property(t => t.Id).ValueGeneratedNever();
            e.Property(t => t.Kind).HasMaxLength(60);
            e.Property(t => t.Section).HasMaxLength(40);
            e.Property(t => t.Details).HasColumnType("jsonb");
            // An event delivered twice appears once, even past the inbox.
            e.HasIndex(t => new { t.StudentId, t.SourceEventId }).IsUnique();
            e.HasIndex(t => new { t.StudentId, t.OccurredAt });
        });
        modelBuilder.Entity<HandOverReceipt>(e =>
        {
            e.ToTable("hand_over_receipts").HasKey(r => r.Id);
            e.Property(r => r.Id).ValueGeneratedNever();
            e.Property(r => r.Direction).HasMaxLength(10);
            e.Property(r => r.HandedOverBy).HasMaxLength(100);
            e.Property(r => r.ApprovedBy).HasMaxLength(100);
            e.HasIndex(r => new { r.SchoolId, r.HandedOverAt });
            e.HasIndex(r => new { r.HandOverId, r.Direction }).IsUnique();
        });
        modelBuilder.Entity<HandOverProposal>(e =>
        {
            e.ToTable("hand_over_proposals").HasKey(p => p.Id);
            e.Property(p => p.Id).ValueGeneratedNever();
            e.Property(p => p.ProposedBySide).HasMaxLength(10);
            e.Property(p => p.Status).HasMaxLength(10);
            e.Property(p => p.ProposedBy).HasMaxLength(100);
            e.Property(p => p.DecidedBy).HasMaxLength(100);
            // One open proposal per student: a second school cannot race the first for the same file.
            e.HasIndex(p => p.StudentId).IsUnique().HasFilter("status = 'pending'");
            e.HasIndex(p => new { p.FromSchoolId, p.Status });
            e.HasIndex(p => new { p.ToSchoolId, p.Status });
        });
        modelBuilder.Entity<DutySlot>(e =>
        {
            e.ToTable("duty_slots").HasKey(d => d.Id);
            e.Property(d => d.Id).ValueGeneratedNever();
            e.Property(d => d.CreatedBy).HasMaxLength(100);
            e.Property(d => d.CancelledBy).HasMaxLength(100);
            // A cancelled slot frees its time: the counsellor may be put on the rota again then.
            e.HasIndex(d => new { d.CounsellorStaffId, d.Date, d.StartsAt }).IsUnique().HasFilter("cancelled_at IS NULL");
            e.HasIndex(d => new { d.SchoolId, d.Date });
        });
        modelBuilder.Entity<Appointment>(e =>
        {
            e.ToTable("appointments").HasKey(a => a.Id);
            e.Property(a => a.Id).ValueGeneratedNever();
            e.Property(a => a.Status).HasMaxLength(20);
            e.Property(a => a.RequestedFor).HasMaxLength(20);
            e.Property(a => a.RequestedBy).HasMaxLength(100);
            e.Property(a => a.DecidedBy).HasMaxLength(100);
            // No double-booking, whatever the race: one holding appointment per slot.
            e.HasIndex(a => a.DutySlotId).IsUnique().HasDatabaseName("ix_appointments_one_per_slot")
                .HasFilter("status IN ('requested', 'confirmed')");
            e.HasIndex(a => new { a.SchoolId, a.StudentId });
            e.HasOne<DutySlot>().WithMany().HasForeignKey(a => a.DutySlotId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Student>().WithMany().HasForeignKey(a => a.StudentId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<CounsellingSession>(e =>
        {
            e.ToTable("counselling_sessions").HasKey(s => s.Id);
            e.Property(s => s.Id).ValueGeneratedNever();
            e.Property(s => s.Kind).HasMaxLength(20);
            e.Property(s => s.Notes).IsProtected(protection, NotesPurpose);
            e.Property(s => s.FollowUp).HasMaxLength(2000);
            e.Property(s => s.RecordedBy).HasMaxLength(100);
            e.HasIndex(s => s.StudentIds).HasMethod("gin");
            e.HasIndex(s => s.ImportedFrom);
            e.HasIndex(s => new { s.SchoolId, s.HeldOn });
        });
        modelBuilder.Entity<ExchangeKey>(e =>
        {
            e.ToTable("exchange_keys").HasKey(k => new { k.BureauId, k.Purpose });
            e.Property(k => k.Purpose).HasMaxLength(20);
            e.Property(k => k.PrivateKey).IsProtected(protection, ExchangeKeyPurpose);
        });

        modelBuilder.Entity<ExchangePartner>(e =>
        {
            e.ToTable("exchange_partners").HasKey(p => new { p.BureauId, p.PartnerBureauId });
            e.Property(p => p.SigningPublicKey).HasMaxLength(400);
            e.Property(p => p.AgreementPublicKey).HasMaxLength(400);
            e.Property(p => p.AddedBy).HasMaxLength(100);
            e.Property(p => p.ApprovedBy).HasMaxLength(100);
            e.Ignore(p => p.IsApproved);
        });

        // Snake-case names for this service's own tables, like the messaging and audit tables.
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(t => t.ClrType.Namespace == typeof(Student).Namespace))
        {
            foreach (var property in entity.GetProperties()) property.SetColumnName(Snake(property.Name));
        }
    }

    private static string Snake(string name)
    {
        var text = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) text.Append('_');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }
}
