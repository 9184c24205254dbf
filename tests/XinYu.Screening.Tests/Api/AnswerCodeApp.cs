using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using XinYu.Screening.Data;
using XinYu.Testing.Services;

namespace XinYu.Screening.Tests.Api;

/// <summary>
/// Screening with low answer-code limits (5 calls per code, 4 wrong codes per campaign and window), so the tests reach
/// them, and every log line of every category at every level captured, so a test can look for a code in them.
/// </summary>
public sealed class AnswerCodeApp() : ServiceApp<Program, ScreeningDbContext>("screeningdb")
{
    public const int MaxAttemptsPerCode = 5, MaxFailuresPerCampaign = 4;
    public FakeTimeProvider Clock { get; } = new(ScreeningApp.Start);
    public CapturedLogs Logs { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Screening:Escalation:Enabled", "false"),
        new("Screening:AnswerCodes:MaxAttemptsPerCode", MaxAttemptsPerCode.ToString()),
        new("Screening:AnswerCodes:MaxFailuresPerCampaign", MaxFailuresPerCampaign.ToString()),
    ];

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<ILoggerProvider>(Logs);
        // Everything, not the Warning floor the fixtures set: a code must not hide in a Debug line either.
        services.Configure<LoggerFilterOptions>(o => { o.MinLevel = LogLevel.Trace; o.Rules.Clear(); });
    }
}

/// <summary>Every formatted log line (with its exception) the service wrote.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    public IReadOnlyCollection<string> Lines => _lines;
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
    public void Dispose() { }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            owner._lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {values} {exception}");
        }
    }
}
