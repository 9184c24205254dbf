using XinYu.Contracts;
using XinYu.Identity.Data;
using XinYu.Messaging.Directory;

namespace XinYu.Identity.Consumers;

/// <summary>Learns the directory's schools, so a school account can only be created for a real school of the bureau.</summary>
public sealed class SchoolRegisteredConsumer(AccountsDbContext db, TimeProvider clock) : KnownSchoolConsumer<SchoolRegistered, AccountsDbContext, KnownSchool>(db)
{
    protected override KnownSchool Create(SchoolRegistered m) => new() { LearnedAt = clock.GetUtcNow() };
}
