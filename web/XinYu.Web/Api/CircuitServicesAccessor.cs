using Microsoft.AspNetCore.Components.Server.Circuits;

namespace XinYu.Web.Api;

/// <summary>
/// The services of the Blazor circuit a piece of work runs for. HttpClientFactory builds message handlers in a scope of
/// their own, so a handler cannot take the circuit's services (who is signed in) by injection; this carries them in an
/// async-local, set for every inbound activity of a circuit (ASP.NET Core's documented pattern for "outgoing request
/// middleware" in Blazor Server).
/// </summary>
public sealed class CircuitServicesAccessor
{
    private static readonly AsyncLocal<IServiceProvider?> Current = new();

    public IServiceProvider? Services
    {
        get => Current.Value;
        set => Current.Value = value;
    }

    /// <summary>
    /// Runs <paramref name="work"/> as the circuit whose <paramref name="services"/> these are: for work a page starts
    /// itself, outside an inbound activity (a live update arriving from the bus), so its API calls carry its user.
    /// </summary>
    public async Task RunAsync(IServiceProvider services, Func<Task> work)
    {
        Current.Value = services; // flows into the awaited work; reverted when this method returns
        await work();
    }
}

internal sealed class CircuitServicesHandler(IServiceProvider services, CircuitServicesAccessor accessor) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            accessor.Services = services;
            await next(context);
            accessor.Services = null;
        };
}
