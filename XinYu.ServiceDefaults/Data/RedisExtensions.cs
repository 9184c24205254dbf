using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using StackExchange.Redis;
using XinYu.ServiceDefaults.Health;

namespace XinYu.ServiceDefaults.Data;

public static class RedisExtensions
{
    /// <summary>The shared Redis (<c>cache</c>): one multiplexer per process, reconnecting by itself, with a health check.</summary>
    public static IHostApplicationBuilder AddRedisConnection(this IHostApplicationBuilder builder, string connectionName)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not set (the AppHost or the deployment provides it).");
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false; // start even if Redis is briefly down; health reports it
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>(connectionName, tags: ["ready"]);
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
