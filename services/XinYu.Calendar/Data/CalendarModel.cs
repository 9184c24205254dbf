using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using XinYu.Calendar.Domain;
using XinYu.Messaging.Copies;
using XinYu.Messaging.Directory;

namespace XinYu.Calendar.Data;

public static partial class CalendarModel
{
    public static ModelBuilder AddCalendarTables(this ModelBuilder model)
    {
        model.Entity<Term>(t =>
        {
            t.ToTable("terms");
            t.HasKey(x => x.Id);
            t.HasIndex(x => new { x.BureauId, x.SchoolYear, x.Number }).IsUnique();
        });
        model.Entity<Exam>(e =>
        {
            e.ToTable("exams");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(50);
            e.HasIndex(x => new { x.BureauId, x.SchoolYear });
        });
        model.Entity<OfficialHoliday>(h =>
        {
            h.ToTable("official_holidays");
            h.HasKey(x => new { x.BureauId, x.Date });
            h.Property(x => x.Kind).HasMaxLength(10);
            h.Property(x => x.Name).HasMaxLength(20);
            h.HasIndex(x => new { x.BureauId, x.Year });
        });
        model.Entity<KnownSchool>(s =>
        {
            s.ToTable("known_schools");
            s.HasKey(x => x.SchoolId);
            s.Property(x => x.Level).HasMaxLength(20);
            s.IsLocalCopy();
        });
        model.Entity<CalendarEvent>(e =>
        {
            e.ToTable("events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Kind).HasMaxLength(20);
            e.Property(x => x.Title).HasMaxLength(100);
            e.Property(x => x.Place).HasMaxLength(100);
            e.Property(x => x.Version).IsRowVersion();
            e.HasIndex(x => new { x.BureauId, x.SchoolId, x.StartsAt });
            e.HasIndex(x => x.StartsAt);
        });
        model.Entity<FeedSubscription>(f =>
        {
            f.ToTable("feed_subscriptions");
            f.HasKey(x => x.Id);
            f.Property(x => x.OwnerSubject).HasMaxLength(200);
            f.Property(x => x.Kind).HasMaxLength(10);
            f.Property(x => x.TokenHash).HasMaxLength(64);
            f.HasIndex(x => x.TokenHash).IsUnique();
            f.HasIndex(x => x.OwnerSubject);
        });
        // Snake-case column names, like the messaging tables.
        foreach (var type in new[] { typeof(Term), typeof(Exam), typeof(OfficialHoliday), typeof(KnownSchool), typeof(CalendarEvent), typeof(FeedSubscription) })
        {
            foreach (var property in model.Entity(type).Metadata.GetProperties())
            {
                if (property.Name == nameof(CalendarEvent.Version)) continue; // xmin, the system column
                property.SetColumnName(Snake().Replace(property.Name, "$1_$2").ToLowerInvariant());
            }
        }
        return model;
    }

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex Snake();
}
