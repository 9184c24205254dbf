using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
}
