using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;

namespace XinYu.Messaging.Copies;

/// <summary>
/// A student's placement as another service keeps it from Records' events (ids only): school, class, grade, and
/// whether they left the bureau's schools. Each placement event carries the whole placement, so the latest one is
/// the student's placement.
/// </summary>
public interface IPlacedStudent : ILocalCopy
{
    Guid StudentId { get; set; }
    Guid BureauId { get; set; }
    Guid SchoolId { get; set; }
    Guid ClassId { get; set; }
    int Grade { get; set; }
    /// <summary>No longer on any school's roll (StudentLeft); a later placement puts them back.</summary>
    bool Left { get; set; }
}

/// <summary>The placement columns, written once; a service's student copy derives from this and adds what it keeps.</summary>
public abstract class PlacedStudent : LocalCopy, IPlacedStudent
{
    public Guid StudentId { get; set; }
    public Guid BureauId { get; set; }
    public Guid SchoolId { get; set; }
    public Guid ClassId { get; set; }
    public int Grade { get; set; }
    /// <summary>Virtual for a copy that keeps the opposite flag in its table (Screening's <c>active</c>).</summary>
    public virtual bool Left { get; set; }
}

/// <summary>Enrolled, class changed, transferred: each places the student. A service derives one line per event.</summary>
public abstract class StudentPlacementConsumer<TMessage, TContext, TStudent>(TContext db) : LocalCopyConsumer<TMessage, TContext, TStudent>(db)
    where TMessage : IntegrationEvent
    where TContext : DbContext
    where TStudent : class, IPlacedStudent, new()
{
    protected abstract (Guid StudentId, Guid ClassId, int Grade) PlacementOf(TMessage message);

    protected sealed override object[] KeyOf(TMessage message) => [PlacementOf(message).StudentId];

    protected override void Update(TStudent student, TMessage message)
    {
        var (studentId, classId, grade) = PlacementOf(message);
        (student.StudentId, student.BureauId, student.SchoolId, student.ClassId, student.Grade, student.Left) =
            (studentId, message.BureauId, message.RequiredSchoolId(), classId, grade, false);
    }
}

public abstract class StudentEnrolledCopyConsumer<TContext, TStudent>(TContext db) : StudentPlacementConsumer<StudentEnrolled, TContext, TStudent>(db)
    where TContext : DbContext where TStudent : class, IPlacedStudent, new()
{
    protected sealed override (Guid StudentId, Guid ClassId, int Grade) PlacementOf(StudentEnrolled m) => (m.StudentId, m.ClassId, m.Grade);
}

public abstract class StudentClassChangedCopyConsumer<TContext, TStudent>(TContext db) : StudentPlacementConsumer<StudentClassChanged, TContext, TStudent>(db)
    where TContext : DbContext where TStudent : class, IPlacedStudent, new()
{
    protected sealed override (Guid StudentId, Guid ClassId, int Grade) PlacementOf(StudentClassChanged m) => (m.StudentId, m.ClassId, m.Grade);
}

/// <summary>The new school takes the student over: in every service the old school's staff lose access.</summary>
public abstract class StudentTransferredCopyConsumer<TContext, TStudent>(TContext db) : StudentPlacementConsumer<StudentTransferred, TContext, TStudent>(db)
    where TContext : DbContext where TStudent : class, IPlacedStudent, new()
{
    protected sealed override (Guid StudentId, Guid ClassId, int Grade) PlacementOf(StudentTransferred m) => (m.StudentId, m.ClassId, m.Grade);
}

/// <summary>
/// A student who left is off every roll; their copy stays (marked) so an older placement arriving late cannot put them
/// back. A leaving of a student never placed here is not kept.
/// </summary>
public abstract class StudentLeftCopyConsumer<TContext, TStudent>(TContext db) : LocalCopyConsumer<StudentLeft, TContext, TStudent>(db)
    where TContext : DbContext where TStudent : class, IPlacedStudent, new()
{
    protected sealed override object[] KeyOf(StudentLeft m) => [m.StudentId];
    protected override bool CreatesCopy => false;
    protected override void Update(TStudent student, StudentLeft m) => student.Left = true;
}
