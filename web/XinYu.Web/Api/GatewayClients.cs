using Microsoft.AspNetCore.Components.Server.Circuits;
using Refit;
using XinYu.Client.Staff;
using XinYu.Client.Students;

namespace XinYu.Web.Api;

public static class GatewayClients
{
    /// <summary>
    /// The Refit clients (source-generated) for the suite's APIs, through the gateway (service discovery's
    /// <c>http://gateway</c>: the same routes, limits and checks a partner's call meets), each call carrying the signed-in
    /// member of staff's token, with the standard resilience handler from the service defaults.
    /// </summary>
    public static IHostApplicationBuilder AddGatewayClients(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<CircuitServicesAccessor>();
        builder.Services.AddScoped<CircuitHandler, CircuitServicesHandler>();
        builder.Services.AddTransient<UserTokenHandler>();
        var gateway = new Uri(builder.Configuration["Web:Gateway"] is { Length: > 0 } configured ? configured : "http://gateway");
        Add<IScreeningStaffApi>(builder.Services, gateway);
        Add<IRecordsStaffApi>(builder.Services, gateway);
        // The students' calls carry no token: the answer code in the body is their credential.
        builder.Services.AddRefitGeneratedClient<IStudentAnswersApi>().ConfigureHttpClient(http => http.BaseAddress = gateway);
        return builder;
    }

    private static void Add<TApi>(IServiceCollection services, Uri gateway) where TApi : class =>
        services.AddRefitGeneratedClient<TApi>()
            .ConfigureHttpClient(http => http.BaseAddress = gateway)
            .AddHttpMessageHandler<UserTokenHandler>();
}
