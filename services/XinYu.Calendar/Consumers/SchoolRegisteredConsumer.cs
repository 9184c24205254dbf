using XinYu.Calendar.Data;
using XinYu.Contracts;
using XinYu.Messaging.Copies;

namespace XinYu.Calendar.Consumers;

/// <summary>Learns the directory's schools, so events are only planned for a real school of the caller's bureau.</summary>
public sealed class SchoolRegisteredConsumer(CalendarDbContext db, TimeProvider clock) : LocalCopyConsumer<SchoolRegistered, CalendarDbContext, KnownSchool>(db)
{
    protected override object[] KeyOf(SchoolRegistered m) => [m.RequiredSchoolId()];
    protected override KnownSchool Create(SchoolRegistered m) => new() { LearnedAt = clock.GetUtcNow() };
    protected override void Update(KnownSchool school, SchoolRegistered m) =>
        (school.SchoolId, school.BureauId, school.Level) = (m.RequiredSchoolId(), m.BureauId, m.Level);
}
