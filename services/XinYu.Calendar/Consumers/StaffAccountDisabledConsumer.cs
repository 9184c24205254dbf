using MassTransit;
using Microsoft.EntityFrameworkCore;
using XinYu.Calendar.Data;
using XinYu.Contracts;
using XinYu.Messaging.Inbox;

namespace XinYu.Calendar.Consumers;

/// <summary>
/// A disabled account's feed URLs stop working at once: calendar apps poll them with no bearer token, so the token
/// in the URL is all the credential there is. Re-enabling does not bring them back; the holder subscribes anew.
/// </summary>
public sealed class StaffAccountDisabledConsumer(CalendarDbContext db, TimeProvider clock) : IdempotentConsumer<StaffAccountDisabled, CalendarDbContext>(db)
{
    protected override async Task ApplyAsync(StaffAccountDisabled message, ConsumeContext<StaffAccountDisabled> context)
    {
        var subject = message.AccountId.ToString();
        var now = clock.GetUtcNow();
        var feeds = await Db.Feeds.Where(f => f.OwnerSubject == subject && f.BureauId == message.BureauId && f.RevokedAt == null)
            .ToListAsync(context.CancellationToken);
        foreach (var feed in feeds) feed.RevokedAt = now;
    }
}
