using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace XinYu.Messaging.Outbox;

/// <summary>The relay's two loops: urgent events (<see cref="XinYu.Contracts.IUrgentEvent"/>) and the rest.</summary>
public enum OutboxLane { Bulk, Urgent }

/// <summary>
/// Wakes the relay when this process commits outbox rows, so events leave in milliseconds, not a poll: the bulk
/// lane for any commit, the urgent lane too when the commit held an urgent event.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _bulk = new(0, 1);
    private readonly SemaphoreSlim _urgent = new(0, 1);

    public void Notify() => Release(_bulk);

    public void NotifyUrgent()
    {
        Release(_urgent);
        Release(_bulk); // the same commit usually holds ordinary rows too
    }

    public Task<bool> WaitAsync(OutboxLane lane, TimeSpan timeout, CancellationToken ct) =>
        (lane == OutboxLane.Urgent ? _urgent : _bulk).WaitAsync(timeout, ct);

    private static void Release(SemaphoreSlim wake)
    {
        if (wake.CurrentCount == 0)
        {
            try { wake.Release(); } catch (SemaphoreFullException) { /* already signalled */ }
        }
    }
}

/// <summary>
/// Notifies the relay after a save (no explicit transaction) or a commit (explicit transaction); urgently when the
/// context queued an urgent event (<see cref="OutboxExtensions.Publish"/> marks it).
/// </summary>
internal sealed class OutboxSignalInterceptor(OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) Wake(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) Wake(eventData.Context);
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        Wake(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Wake(eventData.Context);

    private void Wake(DbContext? context)
    {
        if (context is not null && UrgentMarks.Take(context)) signal.NotifyUrgent();
        else signal.Notify();
    }
}

/// <summary>Which contexts queued an urgent event not yet committed (weakly held: a discarded context leaves no trace).</summary>
internal static class UrgentMarks
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> Marked = [];

    public static void Mark(DbContext context) => Marked.AddOrUpdate(context, Marked);

    public static bool Take(DbContext context) => Marked.Remove(context);
}
