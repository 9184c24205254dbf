using MassTransit;
using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Messaging.Directory;
using XinYu.Messaging.Inbox;
using XinYu.Records.Data;
using XinYu.Records.Domain;

namespace XinYu.Records.Consumers;

// The directory's schools and classes (Staffing owns them): a roster can only enrol students into a known class of a
// known school of the caller's bureau.

public sealed class SchoolRegisteredConsumer(RecordsDbContext db, TimeProvider clock) : IdempotentConsumer<SchoolRegistered, RecordsDbContext>(db)
{
    protected override async Task ApplyAsync(SchoolRegistered message, ConsumeContext<SchoolRegistered> context)
    {
        var schoolId = message.SchoolId ?? throw new InvalidMessageException("SchoolRegistered without a school id.");
        var school = await Db.Schools.FindAsync([schoolId], context.CancellationToken);
        if (school is null)
        {
            Db.Schools.Add(new KnownSchool { SchoolId = schoolId, BureauId = message.BureauId, Level = message.Level, LearnedAt = clock.GetUtcNow() });
        }
    }
}

public sealed class SchoolUpdatedConsumer(RecordsDbContext db, TimeProvider clock) : IdempotentConsumer<SchoolUpdated, RecordsDbContext>(db)
{
    protected override async Task ApplyAsync(SchoolUpdated message, ConsumeContext<SchoolUpdated> context)
    {
        var schoolId = message.SchoolId ?? throw new InvalidMessageException("SchoolUpdated without a school id.");
        var school = await Db.Schools.FindAsync([schoolId], context.CancellationToken);
        if (school is null)
        {
            // Updated before registered reached us (another queue's order): learn it now.
            Db.Schools.Add(new KnownSchool { SchoolId = schoolId, BureauId = message.BureauId, Level = message.Level, LearnedAt = clock.GetUtcNow() });
        }
        else
        {
            school.Level = message.Level;
        }
    }
}

public sealed class ClassOpenedConsumer(RecordsDbContext db) : IdempotentConsumer<ClassOpened, RecordsDbContext>(db)
{
    protected override async Task ApplyAsync(ClassOpened message, ConsumeContext<ClassOpened> context)
    {
        var schoolId = message.SchoolId ?? throw new InvalidMessageException("ClassOpened without a school id.");
        if (await Db.Classes.FindAsync([message.ClassId], context.CancellationToken) is null)
        {
            Db.Classes.Add(new KnownClass
            {
                ClassId = message.ClassId, SchoolId = schoolId, BureauId = message.BureauId, Grade = message.Grade, EntryYear = message.EntryYear,
            });
        }
    }
}

public sealed class ClassClosedConsumer(RecordsDbContext db) : IdempotentConsumer<ClassClosed, RecordsDbContext>(db)
{
    protected override async Task ApplyAsync(ClassClosed message, ConsumeContext<ClassClosed> context)
    {
        if (await Db.Classes.FindAsync([message.ClassId], context.CancellationToken) is { } closing)
        {
            closing.Closed = true;
        }
    }
}

/// <summary>The directory's staff (ids and roles), so a duty slot's or session's counsellor is a psych teacher of the school.</summary>
public sealed class StaffRegisteredConsumer(RecordsDbContext db, TimeProvider clock) : KnownStaffConsumer<RecordsDbContext>(db, clock);
