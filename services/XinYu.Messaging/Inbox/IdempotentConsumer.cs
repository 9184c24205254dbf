using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace XinYu.Messaging.Inbox;

/// <summary>
/// A consumer that applies each message once, however often it is delivered: the inbox row and the consumer's
/// changes (and any events it queues in the outbox) commit in one transaction. A concurrent duplicate waits on the
/// inbox key and then finds it taken.
/// </summary>
public abstract class IdempotentConsumer<TMessage, TContext>(TContext db) : IConsumer<TMessage>
    where TMessage : class
    where TContext : DbContext
{
    protected TContext Db { get; } = db;

    /// <summary>Stable per consumer: the inbox key. Renaming the class re-applies retained messages, so don't.</summary>
    protected virtual string ConsumerName => GetType().FullName!;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new InvalidMessageException("The message has no id; it cannot be deduplicated.");
        await using var transaction = await Db.Database.BeginTransactionAsync(context.CancellationToken);
        var claimed = await Db.Database.ExecuteSqlAsync(
            $"INSERT INTO inbox_messages (message_id, consumer, processed_at) VALUES ({messageId}, {ConsumerName}, {DateTimeOffset.UtcNow}) ON CONFLICT DO NOTHING",
            context.CancellationToken);
        if (claimed == 0)
        {
            return; // applied before
        }
        await ApplyAsync(context.Message, context);
        await Db.SaveChangesAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
    }

    /// <summary>Changes the service's own state for this message. Do not call SaveChanges: the base class commits.</summary>
    protected abstract Task ApplyAsync(TMessage message, ConsumeContext<TMessage> context);
}

/// <summary>A message that can never be applied (malformed, impossible): it goes to the error queue without retries.</summary>
public sealed class InvalidMessageException(string message) : Exception(message);
