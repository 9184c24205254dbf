using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace XinYu.ServiceDefaults.Jobs;

public static class PeriodicJobExtensions
{
    /// <summary>
    /// The one way a service runs periodic work: <typeparamref name="TJob"/> (scoped, so it may take the service's
    /// DbContext) run every <see cref="IPeriodicJob.Interval"/> by one replica at a time, locked in
    /// <typeparamref name="TContext"/>'s database.
    /// </summary>
    public static IServiceCollection AddPeriodicJob<TJob, TContext>(this IServiceCollection services)
        where TJob : class, IPeriodicJob where TContext : DbContext
    {
        services.AddOptions<PeriodicJobOptions>().BindConfiguration(PeriodicJobOptions.Section);
        services.AddScoped<TJob>();
        services.AddHostedService<PeriodicJobRunner<TJob, TContext>>();
        return services;
    }
}
