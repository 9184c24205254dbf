using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using XinYu.ServiceDefaults.Data.KeyRing;
using XinYu.ServiceDefaults.Secrets;
using XinYu.ServiceDefaults.Time;

namespace XinYu.ServiceDefaults.Data;

public static class RedisExtensions
{
    /// <summary>
    /// The shared Redis (<c>cache</c>) through Aspire's client integration: one <see cref="IConnectionMultiplexer"/> per
    /// process, reconnecting by itself, with Aspire's health check (untagged: readiness, not liveness) and tracing.
    /// </summary>
    public static IHostApplicationBuilder AddRedisConnection(this IHostApplicationBuilder builder, string connectionName)
    {
        // Fail at start with the same message as the database and the broker, not at the first use of the multiplexer.
        _ = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not set (the AppHost or the deployment provides it).");
        builder.Services.RequireSecret($"ConnectionStrings:{connectionName}"); // it carries Redis's password
        // Start even if Redis is briefly down (health reports it). Aspire's default too, but stated here so a connection
        // string with abortConnect=true cannot make a service crash-loop while Redis restarts.
        builder.AddRedisClient(connectionName, configureOptions: options => options.AbortOnConnectFail = false);
        // The multiplexer narrates every connection's handshake at Information (some forty lines per process start);
        // its warnings and errors, a lost connection among them, still show.
        builder.Logging.AddFilter("StackExchange.Redis", LogLevel.Warning);
        return builder;
    }

    /// <summary>
    /// ASP.NET Data Protection with a key ring of this service's own in Redis (<see cref="RedisKeyRing"/>), shared by
    /// its replicas: what one replica protects (a sign-in cookie, an encrypted note, a stored signing key) another can
    /// read. Each key's secret is wrapped with the service's key-encryption key (<see cref="KeyEncryptionKeys.Setting"/>,
    /// a secret that is neither in Redis nor in the database), so neither a copy of Redis nor one of the database,
    /// nor both, reveals anything protected; and one service's ring and KEK do not read another's columns.
    /// Call after <see cref="AddRedisConnection"/>.
    /// </summary>
    public static IHostApplicationBuilder AddSharedDataProtection(this IHostApplicationBuilder builder)
    {
        builder.Services.RequireSecret(KeyEncryptionKeys.Requirement);
        var ring = builder.Environment.ApplicationName.ToLowerInvariant(); // "xinyu.records": the same in every replica
        builder.Services.AddSingleton(services => KeyEncryptionKeys.From(
            services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>(), ring));
        // The application name stays the one the shared ring used: it is part of every payload's key derivation, so
        // changing it would make everything protected so far unreadable. The rings, not the name, separate services.
        builder.Services.AddDataProtection().SetApplicationName("xinyu");
        builder.Services.AddSystemClock(); // the ring's key lifetimes; a no-op where AddServiceDefaults registered it
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IConnectionMultiplexer, KeyEncryptionKeys, TimeProvider, ILoggerFactory>((options, redis, keys, clock, loggers) =>
            {
                options.XmlRepository = new RedisKeyRing(() => redis.GetDatabase(), keys, clock, loggers.CreateLogger<RedisKeyRing>());
                options.XmlEncryptor = new AesGcmXmlEncryptor(keys);
            });
        return builder;
    }
}
