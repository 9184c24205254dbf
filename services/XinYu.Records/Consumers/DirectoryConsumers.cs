using XinYu.Contracts;
using XinYu.Messaging.Copies;
using XinYu.Messaging.Directory;
using XinYu.Records.Data;
using XinYu.Records.Domain;

namespace XinYu.Records.Consumers;

// The directory's schools and classes (Staffing owns them): a roster can only enrol students into a known class of a
// known school of the caller's bureau.

public sealed class SchoolRegisteredConsumer(RecordsDbContext db, TimeProvider clock) : KnownSchoolConsumer<SchoolRegistered, RecordsDbContext, KnownSchool>(db)
{
    protected override KnownSchool Create(SchoolRegistered m) => new() { LearnedAt = clock.GetUtcNow() };
    protected override void Update(KnownSchool school, SchoolRegistered m)
    {
        base.Update(school, m);
        school.Level = m.Level;
    }
}

/// <summary>An update that reaches us before the registration (another queue's order) teaches the school as well.</summary>
public sealed class SchoolUpdatedConsumer(RecordsDbContext db, TimeProvider clock) : KnownSchoolConsumer<SchoolUpdated, RecordsDbContext, KnownSchool>(db)
{
    protected override KnownSchool Create(SchoolUpdated m) => new() { LearnedAt = clock.GetUtcNow() };
    protected override void Update(KnownSchool school, SchoolUpdated m)
    {
        base.Update(school, m);
        school.Level = m.Level;
    }
}

/// <summary>The class's label (<see cref="KnownClass.Name"/>) is the school admin's, so no event touches it.</summary>
public sealed class ClassOpenedConsumer(RecordsDbContext db) : ClassOpenedCopyConsumer<RecordsDbContext, KnownClass>(db)
{
    protected override void Update(KnownClass known, ClassOpened m)
    {
        base.Update(known, m);
        (known.Grade, known.EntryYear, known.Closed) = (m.Grade, m.EntryYear, false);
    }
}

/// <summary>Closes a known class; a class never learned is not kept (a roster cannot name it either way).</summary>
public sealed class ClassClosedConsumer(RecordsDbContext db) : LocalCopyConsumer<ClassClosed, RecordsDbContext, KnownClass>(db)
{
    protected override object[] KeyOf(ClassClosed m) => [m.ClassId];
    protected override bool CreatesCopy => false;
    protected override void Update(KnownClass known, ClassClosed m) => known.Closed = true;
}

/// <summary>The directory's staff (ids and roles), so a duty slot's or session's counsellor is a psych teacher of the school.</summary>
public sealed class StaffRegisteredConsumer(RecordsDbContext db, TimeProvider clock) : KnownStaffConsumer<RecordsDbContext>(db, clock);
