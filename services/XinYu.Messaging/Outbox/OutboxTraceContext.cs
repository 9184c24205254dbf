using System.Diagnostics;

namespace XinYu.Messaging.Outbox;

/// <summary>
/// Carries a trace across the outbox: the writer's W3C trace context is stored with the row, and the relay publishes
/// the row under it, so MassTransit's send and consume activities (propagated in message headers) join the trace of
/// the request or consumer that wrote the event instead of starting one per relay pass.
/// </summary>
public static class OutboxTraceContext
{
    /// <summary>Version 00 is 55 characters; room for the fields a later version may append.</summary>
    public const int MaxTraceParentLength = 128;
    /// <summary>W3C Trace Context: a tracestate of up to 512 characters must be propagated; longer may be dropped.</summary>
    public const int MaxTraceStateLength = 512;

    /// <summary>Stamps <paramref name="row"/> with the current activity's trace context, if there is a W3C one.</summary>
    public static void Capture(OutboxMessage row)
    {
        if (Activity.Current is not { IdFormat: ActivityIdFormat.W3C, Id: { Length: <= MaxTraceParentLength } id } activity)
        {
            return; // no trace to join (a test, a tool), or a hierarchical id that W3C headers cannot carry
        }
        row.TraceParent = id;
        row.TraceState = activity.TraceStateString is { Length: <= MaxTraceStateLength } state ? state : null;
    }

    /// <summary>The context the row was written in, as the parent of its publish; default (a new trace) if none.</summary>
    public static ActivityContext ParentOf(OutboxMessage row) =>
        ActivityContext.TryParse(row.TraceParent, row.TraceState, isRemote: true, out var parent) ? parent : default;
}
