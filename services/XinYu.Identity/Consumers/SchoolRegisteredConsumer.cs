using MassTransit;
using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Identity.Data;
using XinYu.Messaging.Inbox;

namespace XinYu.Identity.Consumers;

/// <summary>Learns the directory's schools, so a school account can only be created for a real school of the bureau.</summary>
public sealed class SchoolRegisteredConsumer(AccountsDbContext db) : IdempotentConsumer<SchoolRegistered, AccountsDbContext>(db)
{
    protected override async Task ApplyAsync(SchoolRegistered message, ConsumeContext<SchoolRegistered> context)
    {
        var schoolId = message.SchoolId ?? throw new InvalidMessageException("SchoolRegistered without a school id.");
        if (!await Db.KnownSchools.AnyAsync(s => s.SchoolId == schoolId, context.CancellationToken))
        {
            Db.KnownSchools.Add(new KnownSchool { SchoolId = schoolId, BureauId = message.BureauId, LearnedAt = DateTimeOffset.UtcNow });
        }
    }
}
