using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace XinYu.ServiceDefaults.Logging;

/// <summary>
/// Hands out each category's logger from a lock-free cache in front of the logging factory. The factory (the
/// redacting one <see cref="RedactionSetup"/> installs, as the default one) takes a lock in every CreateLogger, and
/// that is called per request, not once: a DbContext's scoped EF Core services create their loggers with each
/// context, the JWT handler with each request. Profiled under the screening peak, 64 requests contending for that
/// one lock were ~14 % of Screening's request time and most of its spinning (docs/benchmarks.md). The factory keeps
/// its loggers per category for its whole life, so returning the one it made is what it would have done.
/// </summary>
public sealed class CachingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) =>
        _loggers.TryGetValue(categoryName, out var logger) ? logger : _loggers.GetOrAdd(categoryName, inner.CreateLogger(categoryName));

    /// <summary>The inner factory's loggers take the new provider themselves, cached ones included.</summary>
    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    /// <summary>The container disposes the inner factory, which it created.</summary>
    public void Dispose() { }

    /// <summary>Puts the cache in front of whatever <see cref="ILoggerFactory"/> is registered last. Call after logging is configured.</summary>
    public static IServiceCollection AddLoggerCache(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory));
        if (registered is not { ImplementationType: { } type } || registered.Lifetime != ServiceLifetime.Singleton) return services;
        services.Remove(registered);
        services.AddSingleton(type);
        services.AddSingleton<ILoggerFactory>(sp => new CachingLoggerFactory((ILoggerFactory)sp.GetRequiredService(type)));
        return services;
    }
}
