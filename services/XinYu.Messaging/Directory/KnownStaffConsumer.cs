using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Messaging.Copies;
using XinYu.Messaging.Inbox;

namespace XinYu.Messaging.Directory;

/// <summary>
/// Learns the directory's staff from <c>StaffRegistered</c> into <see cref="KnownStaffMember"/>. Each service derives
/// a one-line consumer of its own (its queue and inbox name): one implementation, kept in every service that checks
/// staff ids in request bodies.
/// </summary>
public abstract class KnownStaffConsumer<TContext>(TContext db, TimeProvider clock) : LocalCopyConsumer<StaffRegistered, TContext, KnownStaffMember>(db)
    where TContext : DbContext
{
    protected override object[] KeyOf(StaffRegistered message) =>
        message.StaffId == Guid.Empty || message.BureauId == Guid.Empty
            ? throw new InvalidMessageException("StaffRegistered without a staff or bureau id.")
            : [message.StaffId];

    protected override KnownStaffMember Create(StaffRegistered message) => new() { StaffId = message.StaffId, LearnedAt = clock.GetUtcNow() };

    protected override void Update(KnownStaffMember staff, StaffRegistered message) =>
        (staff.BureauId, staff.SchoolId, staff.Roles) = (message.BureauId, message.SchoolId, [.. message.Roles]);
}
