using MassTransit;
using XinYu.Contracts;
using XinYu.Messaging;

namespace XinYu.Web.Live;

/// <summary>A school's warning queue changed (a warning raised, acknowledged or escalated): its open Today pages look again.</summary>
public sealed class WarningQueueConsumer(SchoolBoard board) :
    IConsumer<CrisisWarningRaised>, IConsumer<WarningAcknowledged>, IConsumer<WarningEscalated>
{
    public Task Consume(ConsumeContext<CrisisWarningRaised> context) => ChangedAsync(context.Message);
    public Task Consume(ConsumeContext<WarningAcknowledged> context) => ChangedAsync(context.Message);
    public Task Consume(ConsumeContext<WarningEscalated> context) => ChangedAsync(context.Message);

    private Task ChangedAsync(IntegrationEvent e) => e.SchoolId is { } school ? board.ChangedAsync(school) : Task.CompletedTask;
}

public static class LiveSetup
{
    public static IHostApplicationBuilder AddLivePages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SchoolBoard>();
        return builder.AddXinYuLiveUpdates("web", bus => bus.AddConsumer<WarningQueueConsumer>(),
            (endpoint, context) => endpoint.ConfigureConsumer<WarningQueueConsumer>(context));
    }
}
