using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using XinYu.Messaging;
using XinYu.Messaging.Copies;
using XinYu.Messaging.Directory;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Data;
using XinYu.Liaison.Domain;

namespace XinYu.Liaison.Data;

/// <summary>The liaison service's own database (<c>liaisondb</c>); no other service reads it.</summary>
public sealed class LiaisonDbContext(DbContextOptions<LiaisonDbContext> options) : DbContext(options)
{
    public DbSet<KnownSchool> Schools => Set<KnownSchool>();
    public DbSet<KnownClass> Classes => Set<KnownClass>();
    public DbSet<RosterStudent> Students => Set<RosterStudent>();
    public DbSet<KnownTerm> Terms => Set<KnownTerm>();
    public DbSet<PlannedVisit> PlannedVisits => Set<PlannedVisit>();
    public DbSet<HomeVisit> Visits => Set<HomeVisit>();
    public DbSet<SpecialVisitTask> SpecialVisits => Set<SpecialVisitTask>();
    public DbSet<GuardianNotification> GuardianNotifications => Set<GuardianNotification>();
    public DbSet<ParentActivity> ParentActivities => Set<ParentActivity>();
    public DbSet<PartnerAgency> Agencies => Set<PartnerAgency>();
    public DbSet<JointMeeting> JointMeetings => Set<JointMeeting>();
    public DbSet<JointCase> JointCases => Set<JointCase>();
    /// <summary>The directory's staff (ids and roles), so a home visit's visitors are checked against the student's school.</summary>
    public DbSet<KnownStaffMember> KnownStaff => Set<KnownStaffMember>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var protection = this.DataProtection(); // for the encrypted columns
        modelBuilder.AddMessagingTables();
        modelBuilder.AddAuditTrail(); // reads and changes of students' data
        modelBuilder.AddKnownStaff();

        modelBuilder.Entity<KnownSchool>(e => { e.ToTable("known_schools"); e.HasKey(s => s.SchoolId); e.IsLocalCopy(); e.HasIndex(s => s.BureauId); });
        modelBuilder.Entity<KnownClass>(e => { e.ToTable("known_classes"); e.HasKey(c => c.ClassId); e.IsLocalCopy(); e.HasIndex(c => c.SchoolId); });
        modelBuilder.Entity<RosterStudent>(e =>
        {
            e.ToTable("roster_students");
            e.HasKey(s => s.StudentId);
            e.IsLocalCopy();
            e.HasIndex(s => new { s.SchoolId, s.ClassId });
            e.HasIndex(s => s.BureauId);
        });
        modelBuilder.Entity<KnownTerm>(e => { e.ToTable("known_terms"); e.HasKey(t => t.TermId); e.IsLocalCopy(); e.HasIndex(t => t.BureauId); });
        modelBuilder.Entity<PlannedVisit>(e =>
        {
            e.ToTable("planned_visits");
            e.HasIndex(p => new { p.ClassId, p.SchoolYear });
            e.Property(p => p.PlannedBy).HasMaxLength(100);
        });
        modelBuilder.Entity<HomeVisit>(e =>
        {
            e.ToTable("home_visits");
            e.Property(v => v.Kind).HasMaxLength(20);
            e.Property(v => v.RecordedBy).HasMaxLength(100);
            e.Property(v => v.Notes).IsProtected(protection, "XinYu.Liaison.HomeVisitNotes");
            e.Property(v => v.FollowUps).IsProtectedList(protection, "XinYu.Liaison.HomeVisitFollowUps");
            e.HasIndex(v => new { v.StudentId, v.SchoolYear });
            e.HasIndex(v => new { v.SchoolId, v.SchoolYear });
            e.HasIndex(v => v.SpecialVisitId).IsUnique(); // one visit completes a special visit
            e.Ignore(v => v.GuardianAcknowledged);
        });
        modelBuilder.Entity<SpecialVisitTask>(e =>
        {
            e.ToTable("special_visits");
            e.HasIndex(t => t.SourceEventId).IsUnique(); // exactly one per rise, however often the event arrives
            e.HasIndex(t => new { t.SchoolId, t.CompletedAt });
            e.Property(t => t.FromLevel).HasMaxLength(40);
            e.Property(t => t.ToLevel).HasMaxLength(40);
        });
        modelBuilder.Entity<GuardianNotification>(e =>
        {
            e.ToTable("guardian_notifications");
            e.HasIndex(n => n.SourceEventId).IsUnique();
            e.HasIndex(n => n.WarningId).IsUnique(); // one notification per warning
            e.HasIndex(n => new { n.SchoolId, n.InformedAt });
            e.Property(n => n.Method).HasMaxLength(20);
            e.Property(n => n.RecordedBy).HasMaxLength(100);
            e.Property(n => n.Note).IsProtected(protection, "XinYu.Liaison.GuardianNotificationNotes");
        });
        modelBuilder.Entity<ParentActivity>(e =>
        {
            e.ToTable("parent_activities");
            e.HasIndex(a => new { a.SchoolId, a.SchoolYear });
            e.Property(a => a.Kind).HasMaxLength(20);
            e.Property(a => a.Title).HasMaxLength(200);
            e.Property(a => a.CreatedBy).HasMaxLength(100);
            e.HasMany(a => a.Attendance).WithOne().HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ParentAttendance>(e => { e.ToTable("parent_attendance"); e.HasKey(x => new { x.ActivityId, x.ClassId }); });
        modelBuilder.Entity<PartnerAgency>(e =>
        {
            e.ToTable("partner_agencies");
            e.Property(a => a.Id).HasMaxLength(100);
            e.Property(a => a.Name).HasMaxLength(200);
            e.Property(a => a.Kind).HasMaxLength(40);
            e.HasIndex(a => a.BureauId);
        });
        modelBuilder.Entity<JointMeeting>(e =>
        {
            e.ToTable("joint_meetings");
            e.HasIndex(m => new { m.BureauId, m.HeldOn });
            e.Property(m => m.CreatedBy).HasMaxLength(100);
            e.Property(m => m.Minutes).IsProtected(protection, "XinYu.Liaison.JointMeetingMinutes");
            e.Property(m => m.Decisions).IsProtectedList(protection, "XinYu.Liaison.JointMeetingDecisions");
            e.Property(m => m.FollowUps).IsProtectedList(protection, "XinYu.Liaison.JointMeetingFollowUps");
        });
        modelBuilder.Entity<JointCase>(e =>
        {
            e.ToTable("joint_cases");
            e.HasIndex(c => new { c.BureauId, c.SchoolId });
            e.Property(c => c.OpenedBy).HasMaxLength(100);
            e.Property(c => c.Summary).IsProtected(protection, "XinYu.Liaison.JointCaseSummaries");
        });
    }
}

/// <summary>A list of short texts stored as one encrypted JSON column.</summary>
internal static class ProtectedListExtensions
{
    public static void IsProtectedList(this Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<List<string>> property,
        IDataProtectionProvider provider, string purpose)
    {
        var protector = provider.CreateProtector(purpose);
        property.HasConversion(new ValueConverter<List<string>, string>(
                list => protector.Protect(JsonSerializer.Serialize(list, (JsonSerializerOptions?)null)),
                stored => JsonSerializer.Deserialize<List<string>>(protector.Unprotect(stored), (JsonSerializerOptions?)null) ?? new List<string>()),
            new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), l => l.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode())), l => l.ToList()));
    }
}
