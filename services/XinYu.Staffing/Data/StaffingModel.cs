using Microsoft.EntityFrameworkCore;
using XinYu.Messaging.Copies;
using XinYu.Staffing.Domain;

namespace XinYu.Staffing.Data;

/// <summary>Tables beyond the directory: certificates, training, terms, workload entries and held activities.</summary>
public static class StaffingModel
{
    public static ModelBuilder AddStaffingTables(this ModelBuilder model)
    {
        model.Entity<StaffMember>().Property(s => s.AccountSubject).HasColumnName("account_subject").HasMaxLength(StaffMember.MaxSubjectLength);
        model.Entity<StaffMember>().HasIndex(s => new { s.BureauId, s.AccountSubject }).IsUnique().HasFilter("account_subject IS NOT NULL");
        model.Entity<KnownAccount>(a =>
        {
            a.ToTable("known_accounts");
            a.HasKey(x => x.AccountId);
            a.Property(x => x.AccountId).HasColumnName("account_id").ValueGeneratedNever();
            a.Property(x => x.BureauId).HasColumnName("bureau_id");
            a.Property(x => x.SchoolId).HasColumnName("school_id");
            a.IsLocalCopy();
        });
        model.Entity<Certificate>(c =>
        {
            c.ToTable("certificates");
            c.HasKey(x => x.Id);
            c.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            c.Property(x => x.BureauId).HasColumnName("bureau_id");
            c.Property(x => x.SchoolId).HasColumnName("school_id");
            c.Property(x => x.StaffId).HasColumnName("staff_id");
            c.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(32)
                .HasConversion(k => k.ToName(), n => ParseCertificateKind(n));
            c.Property(x => x.IssuedOn).HasColumnName("issued_on");
            c.Property(x => x.ExpiresOn).HasColumnName("expires_on");
            c.Property(x => x.RecordedAt).HasColumnName("recorded_at");
            c.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
            c.HasIndex(x => x.SchoolId);
        });
        model.Entity<TrainingRecord>(t =>
        {
            t.ToTable("training_records");
            t.HasKey(x => x.Id);
            t.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            t.Property(x => x.BureauId).HasColumnName("bureau_id");
            t.Property(x => x.SchoolId).HasColumnName("school_id");
            t.Property(x => x.StaffId).HasColumnName("staff_id");
            t.Property(x => x.Course).HasColumnName("course").HasMaxLength(StaffingRules.MaxTextLength);
            t.Property(x => x.Provider).HasColumnName("provider").HasMaxLength(StaffingRules.MaxTextLength);
            t.Property(x => x.Hours).HasColumnName("hours").HasPrecision(6, 2);
            t.Property(x => x.CompletedOn).HasColumnName("completed_on");
            t.Property(x => x.EvidenceReference).HasColumnName("evidence_reference").HasMaxLength(StaffingRules.MaxTextLength);
            t.Property(x => x.RecordedAt).HasColumnName("recorded_at");
            t.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
            t.HasIndex(x => new { x.SchoolId, x.CompletedOn });
        });
        model.Entity<Term>(t =>
        {
            t.ToTable("terms");
            t.HasKey(x => x.TermId);
            t.Property(x => x.TermId).HasColumnName("id").ValueGeneratedNever();
            t.Property(x => x.BureauId).HasColumnName("bureau_id");
            t.Property(x => x.SchoolYear).HasColumnName("school_year");
            t.Property(x => x.Number).HasColumnName("number");
            t.Property(x => x.StartsOn).HasColumnName("starts_on");
            t.Property(x => x.EndsOn).HasColumnName("ends_on");
            t.IsLocalCopy();
            t.HasIndex(x => x.BureauId);
        });
        model.Entity<WorkloadEntry>(w =>
        {
            w.ToTable("workload_entries");
            w.HasKey(x => x.Id);
            w.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            w.Property(x => x.BureauId).HasColumnName("bureau_id");
            w.Property(x => x.SchoolId).HasColumnName("school_id");
            w.Property(x => x.StaffId).HasColumnName("staff_id");
            w.Property(x => x.Source).HasColumnName("source").HasMaxLength(32);
            w.Property(x => x.SourceId).HasColumnName("source_id");
            w.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(32);
            w.Property(x => x.HeldOn).HasColumnName("held_on");
            w.Property(x => x.DurationMinutes).HasColumnName("duration_minutes");
            w.Property(x => x.ClassHours).HasColumnName("class_hours").HasPrecision(8, 2);
            w.HasIndex(x => new { x.Source, x.SourceId, x.StaffId }).IsUnique();
            w.HasIndex(x => new { x.StaffId, x.HeldOn });
        });
        model.Entity<HeldActivity>(a =>
        {
            a.ToTable("held_activities");
            a.HasKey(x => x.Id);
            a.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            a.Property(x => x.BureauId).HasColumnName("bureau_id");
            a.Property(x => x.SchoolId).HasColumnName("school_id");
            a.Property(x => x.ClassId).HasColumnName("class_id");
            a.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(32);
            a.Property(x => x.HeldOn).HasColumnName("held_on");
            a.Property(x => x.DurationMinutes).HasColumnName("duration_minutes");
            a.HasIndex(x => new { x.ClassId, x.HeldOn });
        });
        model.Entity<RosterStudent>(r =>
        {
            r.ToTable("roster_students");
            r.HasKey(x => x.StudentId);
            r.Property(x => x.StudentId).HasColumnName("student_id").ValueGeneratedNever();
            r.Property(x => x.BureauId).HasColumnName("bureau_id");
            r.Property(x => x.SchoolId).HasColumnName("school_id");
            r.Property(x => x.ClassId).HasColumnName("class_id");
            r.Property(x => x.Grade).HasColumnName("grade");
            r.Property(x => x.Left).HasColumnName("left");
            r.IsLocalCopy();
            r.HasIndex(x => x.SchoolId);
        });
        model.Entity<Mentorship>(m =>
        {
            m.ToTable("mentorships");
            m.HasKey(x => x.StudentId);
            m.Property(x => x.StudentId).HasColumnName("student_id").ValueGeneratedNever();
            m.Property(x => x.SchoolId).HasColumnName("school_id");
            m.Property(x => x.StaffId).HasColumnName("staff_id");
            m.Property(x => x.AssignedAt).HasColumnName("assigned_at");
            m.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
            m.HasIndex(x => new { x.SchoolId, x.StaffId });
        });
        return model;
    }

    private static CertificateKind ParseCertificateKind(string name) =>
        CertificateKinds.TryParse(name, out var kind) ? kind : throw new InvalidOperationException($"Unknown certificate kind '{name}' in the database.");
}
