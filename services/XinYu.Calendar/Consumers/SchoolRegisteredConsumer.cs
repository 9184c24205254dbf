using MassTransit;
using Microsoft.EntityFrameworkCore;
using XinYu.Calendar.Data;
using XinYu.Contracts;
using XinYu.Messaging.Inbox;
using XinYu.Calendar.Domain;

namespace XinYu.Calendar.Consumers;

/// <summary>Learns the directory's schools, so events are only planned for a real school of the caller's bureau.</summary>
public sealed class SchoolRegisteredConsumer(CalendarDbContext db, TimeProvider clock) : IdempotentConsumer<SchoolRegistered, CalendarDbContext>(db)
{
    protected override async Task ApplyAsync(SchoolRegistered message, ConsumeContext<SchoolRegistered> context)
    {
        var schoolId = message.SchoolId ?? throw new InvalidMessageException("SchoolRegistered without a school id.");
        if (!await Db.KnownSchools.AnyAsync(s => s.SchoolId == schoolId, context.CancellationToken))
        {
            Db.KnownSchools.Add(new KnownSchool { SchoolId = schoolId, BureauId = message.BureauId, Level = message.Level, LearnedAt = clock.GetUtcNow() });
        }
    }
}
