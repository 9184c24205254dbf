using XinYu.Calendar.Data;
using XinYu.Contracts;
using XinYu.Messaging.Directory;
using XinYu.Calendar.Domain;

namespace XinYu.Calendar.Consumers;

/// <summary>Learns the directory's schools, so events are only planned for a real school of the caller's bureau.</summary>
public sealed class SchoolRegisteredConsumer(CalendarDbContext db, TimeProvider clock) : KnownSchoolConsumer<SchoolRegistered, CalendarDbContext, KnownSchool>(db)
{
    protected override KnownSchool Create(SchoolRegistered m) => new() { LearnedAt = clock.GetUtcNow() };
    protected override void Update(KnownSchool school, SchoolRegistered m)
    {
        base.Update(school, m);
        school.Level = m.Level;
    }
}
