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

/// <summary>The school columns every copy has; a service's copy derives from this and adds what it keeps.</summary>
public abstract class KnownSchoolCopy : LocalCopy, IKnownSchool
{
    public Guid SchoolId { get; set; }
    public Guid BureauId { get; set; }
}

/// <summary>A class of the directory (<c>ClassOpened</c> / <c>ClassClosed</c>) as another service keeps it.</summary>
public abstract class KnownClassCopy : LocalCopy
{
    public Guid ClassId { get; set; }
    public Guid SchoolId { get; set; }
    public Guid BureauId { get; set; }
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

/// <summary>
/// Learns a class from the directory's <c>ClassOpened</c>: keyed by the class, with its school and bureau. A service
/// derives its consumer and sets what more it keeps (grade, entry year, open again).
/// </summary>
public abstract class ClassOpenedCopyConsumer<TContext, TClass>(TContext db) : LocalCopyConsumer<ClassOpened, TContext, TClass>(db)
    where TContext : DbContext
    where TClass : KnownClassCopy, new()
{
    protected sealed override object[] KeyOf(ClassOpened m) => [m.ClassId];

    protected override void Update(TClass known, ClassOpened m) =>
        (known.ClassId, known.SchoolId, known.BureauId) = (m.ClassId, m.RequiredSchoolId(), m.BureauId);
}
