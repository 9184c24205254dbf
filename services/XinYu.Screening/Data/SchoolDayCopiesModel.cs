using Microsoft.EntityFrameworkCore;
using XinYu.Messaging.Copies;
using XinYu.Screening.Domain;

namespace XinYu.Screening.Data;

/// <summary>The tables of the school calendar and duty rota copies (SchoolDayCopies.cs).</summary>
internal static class SchoolDayCopiesModel
{
    public static void AddSchoolDayCopies(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<KnownTerm>(e =>
        {
            e.ToTable("known_terms");
            e.HasKey(x => x.TermId);
            e.Property(x => x.TermId).HasColumnName("term_id").ValueGeneratedNever();
            e.Property(x => x.BureauId).HasColumnName("bureau_id");
            e.Property(x => x.SchoolYear).HasColumnName("school_year");
            e.Property(x => x.Number).HasColumnName("number");
            e.Property(x => x.StartsOn).HasColumnName("starts_on");
            e.Property(x => x.EndsOn).HasColumnName("ends_on");
            e.IsLocalCopy();
            e.HasIndex(x => x.BureauId);
        });
        modelBuilder.Entity<KnownHolidayList>(e =>
        {
            e.ToTable("known_holiday_lists");
            e.HasKey(x => new { x.BureauId, x.Year });
            e.Property(x => x.BureauId).HasColumnName("bureau_id");
            e.Property(x => x.Year).HasColumnName("year");
            e.Property(x => x.Holidays).HasColumnName("holidays");
            e.Property(x => x.Workdays).HasColumnName("workdays");
            e.IsLocalCopy();
        });
        modelBuilder.Entity<KnownDutySlot>(e =>
        {
            e.ToTable("known_duty_slots");
            e.HasKey(x => x.SlotId);
            e.Property(x => x.SlotId).HasColumnName("slot_id").ValueGeneratedNever();
            e.Property(x => x.BureauId).HasColumnName("bureau_id");
            e.Property(x => x.SchoolId).HasColumnName("school_id");
            e.Property(x => x.Date).HasColumnName("date");
            e.Property(x => x.StartsAt).HasColumnName("starts_at");
            e.Property(x => x.EndsAt).HasColumnName("ends_at");
            e.Property(x => x.Cancelled).HasColumnName("cancelled");
            e.IsLocalCopy();
            e.HasIndex(x => new { x.SchoolId, x.Date });
        });
    }
}
