using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using XinYu.Staffing.Domain;

namespace XinYu.Staffing.Data;

/// <summary>
/// The directory's tables, snake-case like the messaging tables. Enums are stored by their wire names
/// ("nine-year", "head-teacher"), so the tables read the same as the API and survive reordering the enums.
/// </summary>
public static class DirectoryModel
{
    public static ModelBuilder AddDirectoryTables(this ModelBuilder model)
    {
        model.Entity<School>(school =>
        {
            school.ToTable("schools");
            school.HasKey(s => s.Id);
            school.Property(s => s.Id).HasColumnName("id").ValueGeneratedNever();
            school.Property(s => s.BureauId).HasColumnName("bureau_id");
            school.Property(s => s.Name).HasColumnName("name").HasMaxLength(DirectoryRules.MaxNameLength);
            school.Property(s => s.Code).HasColumnName("code").HasMaxLength(DirectoryRules.MaxCodeLength);
            school.Property(s => s.Level).HasColumnName("level").HasMaxLength(20)
                .HasConversion(l => l.ToName(), name => ParseLevel(name));
            school.Property(s => s.IsUrban).HasColumnName("urban");
            school.Property(s => s.IsBoarding).HasColumnName("boarding");
            school.Property(s => s.StudentCount).HasColumnName("student_count");
            school.Property(s => s.IsLegalEntity).HasColumnName("legal_entity");
            // The code identifies a school within its bureau; the database keeps that true under concurrent requests.
            school.HasIndex(s => new { s.BureauId, s.Code }).IsUnique();
        });
        model.Entity<SchoolClass>(schoolClass =>
        {
            schoolClass.ToTable("classes");
            schoolClass.HasKey(c => c.Id);
            schoolClass.Property(c => c.Id).HasColumnName("id").ValueGeneratedNever();
            schoolClass.Property(c => c.SchoolId).HasColumnName("school_id");
            schoolClass.Property(c => c.Grade).HasColumnName("grade");
            schoolClass.Property(c => c.Name).HasColumnName("name").HasMaxLength(DirectoryRules.MaxNameLength);
            schoolClass.Property(c => c.EntryYear).HasColumnName("entry_year");
            schoolClass.Property(c => c.HeadTeacherId).HasColumnName("head_teacher_id");
            schoolClass.Property(c => c.IsClosed).HasColumnName("closed");
            schoolClass.HasOne<School>().WithMany().HasForeignKey(c => c.SchoolId).OnDelete(DeleteBehavior.Restrict);
            schoolClass.HasOne<StaffMember>().WithMany().HasForeignKey(c => c.HeadTeacherId).OnDelete(DeleteBehavior.Restrict);
            schoolClass.HasIndex(c => c.SchoolId);
        });
        model.Entity<StaffMember>(staff =>
        {
            staff.ToTable("staff");
            staff.HasKey(s => s.Id);
            staff.Property(s => s.Id).HasColumnName("id").ValueGeneratedNever();
            staff.Property(s => s.BureauId).HasColumnName("bureau_id");
            staff.Property(s => s.SchoolId).HasColumnName("school_id");
            staff.Property(s => s.LeftOn).HasColumnName("left_on");
            staff.Property(s => s.DisplayName).HasColumnName("display_name").HasMaxLength(DirectoryRules.MaxNameLength);
            staff.Property(s => s.Roles).HasColumnName("roles")
                .HasConversion(
                    roles => roles.Select(r => r.ToName()).ToArray(),
                    names => names.Select(ParseRole).ToList(),
                    new ValueComparer<IReadOnlyList<StaffRole>>(
                        (a, b) => a!.SequenceEqual(b!),
                        roles => roles.Aggregate(0, (hash, r) => HashCode.Combine(hash, r)),
                        roles => roles.ToList()));
            staff.Property(s => s.HireDate).HasColumnName("hire_date");
            staff.HasOne<School>().WithMany().HasForeignKey(s => s.SchoolId).OnDelete(DeleteBehavior.Restrict);
            staff.HasIndex(s => s.SchoolId);
            staff.HasIndex(s => s.BureauId);
        });
        model.Entity<ClassAssignment>(assignment =>
        {
            assignment.ToTable("class_assignments");
            assignment.HasKey(a => a.Id);
            assignment.Property(a => a.Id).HasColumnName("id").ValueGeneratedNever();
            assignment.Property(a => a.ClassId).HasColumnName("class_id");
            assignment.Property(a => a.StaffId).HasColumnName("staff_id");
            assignment.Property(a => a.Kind).HasColumnName("kind").HasMaxLength(20)
                .HasConversion(k => k.ToName(), name => ParseKind(name));
            assignment.Property(a => a.AssignedAt).HasColumnName("assigned_at");
            assignment.HasOne<SchoolClass>().WithMany().HasForeignKey(a => a.ClassId).OnDelete(DeleteBehavior.Restrict);
            assignment.HasOne<StaffMember>().WithMany().HasForeignKey(a => a.StaffId).OnDelete(DeleteBehavior.Restrict);
            assignment.HasIndex(a => new { a.ClassId, a.StaffId, a.Kind }).IsUnique();
            // At most one head teacher per class, even when two requests race past the domain check.
            assignment.HasIndex(a => a.ClassId).IsUnique().HasDatabaseName("ix_class_assignments_one_head_teacher")
                .HasFilter("kind = 'head-teacher'");
        });
        return model;
    }

    private static SchoolLevel ParseLevel(string name) =>
        SchoolLevels.TryParse(name, out var level) ? level : throw new InvalidOperationException($"Unknown school level '{name}' in the database.");

    private static StaffRole ParseRole(string name) =>
        StaffRoles.TryParse(name, out var role) ? role : throw new InvalidOperationException($"Unknown staff role '{name}' in the database.");

    private static AssignmentKind ParseKind(string name) =>
        AssignmentKinds.TryParse(name, out var kind) ? kind : throw new InvalidOperationException($"Unknown assignment kind '{name}' in the database.");
}
