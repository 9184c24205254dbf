using Microsoft.EntityFrameworkCore;
using XinYu.Messaging.Copies;

namespace XinYu.Messaging.Directory;

/// <summary>
/// A staff member the directory (Staffing) registered, as another service keeps it: ids and roles only, no name
/// (learned from <c>StaffRegistered</c>). It lets a service check a staff id a request body names against the
/// caller's school without calling Staffing.
/// </summary>
public sealed class KnownStaffMember : LocalCopy
{
    public Guid StaffId { get; set; }
    public Guid BureauId { get; set; }
    /// <summary>Null for the bureau's research staff (教研员), who belong to no school.</summary>
    public Guid? SchoolId { get; set; }
    /// <summary>The directory's role names (full-time-psych, part-time-psych, head-teacher, …).</summary>
    public List<string> Roles { get; set; } = [];
    public DateTimeOffset LearnedAt { get; set; }
}

public static class KnownStaffModel
{
    public const string Table = "known_staff";

    /// <summary>The staff copy, added to a service's own DbContext (like the outbox and inbox tables).</summary>
    public static ModelBuilder AddKnownStaff(this ModelBuilder model)
    {
        model.Entity<KnownStaffMember>(s =>
        {
            s.ToTable(Table);
            s.HasKey(x => x.StaffId);
            s.Property(x => x.StaffId).HasColumnName("staff_id");
            s.Property(x => x.BureauId).HasColumnName("bureau_id");
            s.Property(x => x.SchoolId).HasColumnName("school_id");
            s.Property(x => x.Roles).HasColumnName("roles");
            s.Property(x => x.LearnedAt).HasColumnName("learned_at");
            s.IsLocalCopy();
            s.HasIndex(x => new { x.BureauId, x.SchoolId });
        });
        return model;
    }
}
