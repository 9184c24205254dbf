using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using StackExchange.Redis;

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
        // Start even if Redis is briefly down (health reports it). Aspire's default too, but stated here so a connection
        // string with abortConnect=true cannot make a service crash-loop while Redis restarts.
        builder.AddRedisClient(connectionName, configureOptions: options => options.AbortOnConnectFail = false);
        return builder;
    }

    /// <summary>
    /// ASP.NET Data Protection with its key ring in Redis, so every replica of every service shares it: what one
    /// protects (a sign-in cookie, an encrypted note, a stored signing key) another can read. The keys live outside
    /// the databases, so a database copy alone reveals nothing protected. Call after <see cref="AddRedisConnection"/>.
    /// </summary>
    public static IHostApplicationBuilder AddSharedDataProtection(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName("xinyu");
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IConnectionMultiplexer>((options, redis) =>
                options.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), DataProtectionKeysKey));
        return builder;
    }

    public const string DataProtectionKeysKey = "xinyu:data-protection-keys";
}
