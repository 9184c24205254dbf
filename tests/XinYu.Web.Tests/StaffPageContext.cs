using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using XinYu.Client.Staff;
using XinYu.ServiceDefaults.Time;
using XinYu.Web.Api;
using XinYu.Web.Live;

namespace XinYu.Web.Tests;

/// <summary>
/// What the staff pages (Today, the student's file with its case panel, the counselling room) need in a bunit context,
/// once for every test class: a page that gains a component calling another service then fails in one place, not in
/// each class that renders it.
/// </summary>
internal static class StaffPageContext
{
    /// <summary>
    /// Registers the pages' services on fakes and returns the authorization to set the user on. The renderer acts as
    /// over a circuit (interactive server rendering), so Today watches its school's queue.
    /// </summary>
    /// <param name="more">A page's own services, registered here because bunit takes none after the first is resolved.</param>
    public static BunitAuthorizationContext Register(BunitContext context, IScreeningStaffApi screening, IRecordsStaffApi records, FakeTimeProvider clock,
        Action<IServiceCollection>? more = null)
    {
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddLocalization();
        context.Services.AddSingleton(screening);
        context.Services.AddSingleton<TimeProvider>(clock);
        context.Services.AddSingleton<SchoolBoard>();
        // Today's counselling room (TodaysRoom) below the warnings reads Records on the bureau's school date.
        context.Services.AddSingleton(records);
        context.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new BureauOptions()));
        context.Services.AddSingleton<SchoolClock>();
        context.Services.AddSingleton<CircuitServicesAccessor>();
        more?.Invoke(context.Services);
        var auth = context.AddAuthorization();
        context.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");
        return auth;
    }
}
