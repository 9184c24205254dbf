using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace XinYu.Messaging.Outbox;

/// <summary>
/// Wakes the relay when this process commits outbox rows, so events leave in milliseconds, not a poll; and tells it
/// when an urgent one (<see cref="XinYu.Contracts.IUrgentEvent"/>) committed, so a pass in progress stops taking bulk
/// rows and the next pass relays the urgent one first.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private int _urgent;

    /// <summary>An urgent row committed since the relay last looked for urgent rows.</summary>
    public bool UrgentPending => Volatile.Read(ref _urgent) == 1;

    public void NotifyUrgent()
    {
        Volatile.Write(ref _urgent, 1);
        Notify();
    }

    /// <summary>Called by the relay just before it looks for urgent rows: a commit after this is seen by the next pass.</summary>
    internal void ClearUrgent() => Volatile.Write(ref _urgent, 0);

    public void Notify()
    {
        if (_wake.CurrentCount == 0)
        {
            try { _wake.Release(); } catch (SemaphoreFullException) { /* already signalled */ }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);
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
