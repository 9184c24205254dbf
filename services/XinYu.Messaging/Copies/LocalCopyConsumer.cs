using MassTransit;
using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Messaging.Inbox;

namespace XinYu.Messaging.Copies;

/// <summary>
/// The one way a service keeps a copy of another service's entity from its events: each event applied once (the
/// inbox), the latest event wins (<see cref="LocalCopies.ApplyLatestAsync{TCopy}"/>). A service derives one small
/// consumer per event, naming the copy's key and what the event sets; the class name is the queue and inbox name.
/// </summary>
public abstract class LocalCopyConsumer<TMessage, TContext, TCopy>(TContext db) : IdempotentConsumer<TMessage, TContext>(db)
    where TMessage : IntegrationEvent
    where TContext : DbContext
    where TCopy : class, ILocalCopy, new()
{
    /// <summary>The copy's primary key, from the message.</summary>
    protected abstract object[] KeyOf(TMessage message);

    /// <summary>Sets the copy from the message (its key too, for a new copy).</summary>
    protected abstract void Update(TCopy copy, TMessage message);

    /// <summary>A new copy for an entity not kept yet; false from <see cref="CreatesCopy"/> leaves such events unapplied.</summary>
    protected virtual TCopy Create(TMessage message) => new();

    /// <summary>Whether this event makes a copy of an entity not kept yet (a closing of a class never learned does not).</summary>
    protected virtual bool CreatesCopy => true;

    /// <summary>
    /// Runs before <see cref="Update"/> for an event that wins, with the copy as it was: the place for what a change
    /// moves along (a transferred student's records follow them). Not called for an event older than the copy.
    /// </summary>
    protected virtual Task OnChangingAsync(TCopy copy, TMessage message, bool created, CancellationToken ct) => Task.CompletedTask;

    protected sealed override Task ApplyAsync(TMessage message, ConsumeContext<TMessage> context) => ApplyToCopyAsync(message, context.CancellationToken);

    /// <summary>The copy's change for one message, inside the caller's transaction (the inbox's); the caller saves.</summary>
    protected Task ApplyToCopyAsync(TMessage message, CancellationToken ct) =>
        Db.ApplyLatestAsync<TCopy>(message, KeyOf(message), CreatesCopy ? () => Create(message) : null, async (copy, created) =>
        {
            await OnChangingAsync(copy, message, created, ct);
            Update(copy, message);
        }, ct);
}
