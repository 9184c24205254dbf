using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using XinYu.ServiceDefaults.Logging;

namespace XinYu.Platform.Tests.Logging;

internal static partial class SampleLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Roster row rejected for {StudentName} at {School}: {Reason}")]
    public static partial void RowRejected(ILogger logger, [PersonalData] string studentName, string school, [SensitiveData] string reason);
}

[Trait("Category", "Unit")]
public sealed class RedactionTests
{
    /// <summary>A host whose logs go to the fake collector through the redaction every service installs.</summary>
    private static IHost HostWithRedaction()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddFakeLogging();
        builder.AddPersonalDataRedaction();
        return builder.Build();
    }

    [Fact]
    public void Personal_and_sensitive_parameters_are_erased_and_the_rest_of_the_line_stays()
    {
        using var host = HostWithRedaction();
        var logger = host.Services.GetRequiredService<ILogger<RedactionTests>>();

        SampleLog.RowRejected(logger, "张小明", "school-42", "住院治疗中");

        var record = host.Services.GetFakeLogCollector().LatestRecord;
        Assert.DoesNotContain("张小明", record.Message);
        Assert.DoesNotContain("住院", record.Message);
        Assert.Contains("school-42", record.Message);
        Assert.DoesNotContain(record.StructuredState!, kv => kv.Value?.Contains("张小明", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Loggers_come_from_the_lock_free_cache_and_still_redact()
    {
        using var host = HostWithRedaction();

        var factory = host.Services.GetRequiredService<ILoggerFactory>();
        Assert.IsType<CachingLoggerFactory>(factory);
        var logger = factory.CreateLogger("XinYu.Sample");
        Assert.Same(logger, factory.CreateLogger("XinYu.Sample"));
        SampleLog.RowRejected(logger, "张小明", "school-42", "住院治疗中");
        var record = host.Services.GetFakeLogCollector().LatestRecord;
        Assert.DoesNotContain("张小明", record.Message);
        Assert.Contains("school-42", record.Message);
    }
}
