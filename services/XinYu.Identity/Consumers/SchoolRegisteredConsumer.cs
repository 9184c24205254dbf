using XinYu.Contracts;
using XinYu.Identity.Data;
using XinYu.Messaging.Copies;

namespace XinYu.Identity.Consumers;

/// <summary>Learns the directory's schools, so a school account can only be created for a real school of the bureau.</summary>
public sealed class SchoolRegisteredConsumer(AccountsDbContext db, TimeProvider clock) : LocalCopyConsumer<SchoolRegistered, AccountsDbContext, KnownSchool>(db)
{
    protected override object[] KeyOf(SchoolRegistered m) => [m.RequiredSchoolId()];
    protected override KnownSchool Create(SchoolRegistered m) => new() { LearnedAt = clock.GetUtcNow() };
    protected override void Update(KnownSchool school, SchoolRegistered m) => (school.SchoolId, school.BureauId) = (m.RequiredSchoolId(), m.BureauId);
}
