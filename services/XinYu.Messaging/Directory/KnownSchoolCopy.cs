using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Messaging.Copies;

namespace XinYu.Messaging.Directory;

/// <summary>A school of the directory (Staffing) as another service keeps it; each service adds the fields it needs.</summary>
public interface IKnownSchool : ILocalCopy
{
    Guid SchoolId { get; set; }
    Guid BureauId { get; set; }
}

/// <summary>
/// Learns a school from the directory's <c>SchoolRegistered</c> (or <c>SchoolUpdated</c>): keyed by the event's school.
/// A service derives its consumer from this and adds what more it keeps (the school's level).
/// </summary>
public abstract class KnownSchoolConsumer<TMessage, TContext, TSchool>(TContext db) : LocalCopyConsumer<TMessage, TContext, TSchool>(db)
    where TMessage : IntegrationEvent
    where TContext : DbContext
    where TSchool : class, IKnownSchool, new()
{
    protected sealed override object[] KeyOf(TMessage message) => [message.RequiredSchoolId()];

    protected override void Update(TSchool school, TMessage message) =>
        (school.SchoolId, school.BureauId) = (message.RequiredSchoolId(), message.BureauId);
}
