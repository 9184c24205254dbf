using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using XinYu.Messaging.Outbox;
using XinYu.Testing;

namespace XinYu.Platform.Tests.Messaging;

[Collection(BrokerCollection.Name)]
public sealed class OutboxTraceTests
{
    private static readonly ActivitySource Request = new("XinYu.Tests.Request");

    [Fact]
    public async Task The_consumer_runs_in_the_trace_that_was_current_when_the_row_was_written()
    {
        // What OpenTelemetry does in a service: record the request's, the relay's and MassTransit's activities.
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "XinYu.Tests.Request" or "XinYu.Messaging" or "MassTransit",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        await using var host = await MessagingHost.StartAsync();
        var key = "traced-" + Guid.NewGuid();

        ActivityTraceId written;
        using (var request = Request.StartActivity("a request that changes a tally")!)
        {
            request.TraceStateString = "xinyu=test";
            written = request.TraceId;
            await host.InScopeAsync(async db =>
            {
                db.Publish(new TallyIncremented { BureauId = Guid.NewGuid(), Key = key }, aggregateKey: key);
                await db.SaveChangesAsync();
            });
        }

        await Eventually.AssertAsync(() => host.Probe.Applied.ContainsKey(key), TimeSpan.FromSeconds(15), "the event to be consumed");
        var row = await host.InScopeAsync(db => db.Set<OutboxMessage>().SingleAsync());
        Assert.StartsWith($"00-{written}-", row.TraceParent);
        Assert.Equal("xinyu=test", row.TraceState);
        Assert.Equal(written, host.Probe.TraceIds[key]);
    }
}
