using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using XinYu.Staffing.Data;
using XinYu.Testing.Services;

namespace XinYu.Staffing.Tests.Api;

/// <summary>
/// The staffing service with its clock stopped at 2027-01-15 10:00 in China (02:00 UTC): after both staffing deadlines,
/// in the first term of school year 2026. The bus is healthy before a test publishes, so no event is lost to an
/// unbound queue.
/// </summary>
public sealed class ClockedStaffingApp : ServiceApp<Program, StaffingDbContext>
{
    public ClockedStaffingApp() : base("staffingdb") { }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2027, 1, 15, 2, 0, 0, TimeSpan.Zero));
    public DeliveryCounter Deliveries { get; } = new();
    private bool _observing;

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    /// <summary>The bus (listening once the host has started: ServiceApp waits for it), with <see cref="Deliveries"/> watching every consumed message.</summary>
    public Task<IBus> BusAsync()
    {
        var bus = Services.GetRequiredService<IBusControl>();
        if (!_observing)
        {
            bus.ConnectConsumeObserver(Deliveries);
            _observing = true;
        }
        return Task.FromResult<IBus>(bus);
    }
}

/// <summary>Counts deliveries per message id, applied or skipped by the inbox alike, so a test knows a duplicate has been handled.</summary>
public sealed class DeliveryCounter : IConsumeObserver
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, int> _counts = new();

    public int Count(Guid messageId) => _counts.GetValueOrDefault(messageId);

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.MessageId is { } id) _counts.AddOrUpdate(id, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
