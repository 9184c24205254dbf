using MassTransit;
using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Messaging.Inbox;

namespace XinYu.Messaging.Directory;

/// <summary>
/// Learns the directory's staff from <c>StaffRegistered</c> into <see cref="KnownStaffMember"/>. Each service derives
/// a one-line consumer of its own (its queue and inbox name): one implementation, kept in every service that checks
/// staff ids in request bodies.
/// </summary>
public abstract class KnownStaffConsumer<TContext>(TContext db, TimeProvider clock) : IdempotentConsumer<StaffRegistered, TContext>(db)
    where TContext : DbContext
{
    protected override async Task ApplyAsync(StaffRegistered message, ConsumeContext<StaffRegistered> context)
    {
        if (message.StaffId == Guid.Empty || message.BureauId == Guid.Empty)
            throw new InvalidMessageException("StaffRegistered without a staff or bureau id.");
        var staff = await Db.Set<KnownStaffMember>().FindAsync([message.StaffId], context.CancellationToken);
        if (staff is null) Db.Set<KnownStaffMember>().Add(staff = new KnownStaffMember { StaffId = message.StaffId, LearnedAt = clock.GetUtcNow() });
        (staff.BureauId, staff.SchoolId, staff.Roles) = (message.BureauId, message.SchoolId, [.. message.Roles]);
    }
}
