using XinYu.Testing.Suite;

namespace XinYu.Bench.Scenarios;

/// <summary>The longer bad-input run: the end-to-end test's corpus plus seeded random variants per write endpoint.</summary>
public static class BadInputScenario
{
    public static async Task RunAsync(BenchContext context)
    {
        using var http = context.Suite.AdminClient();
        var outcome = await BadInputRun.RunAsync(http, BenchSuite.Services, context.Options.BadInputVariants, context.Options.Seed);
        context.Results.Add(new Figure("bad input", "malformed requests answered 4xx problem details", $"{outcome.Sent - outcome.Failures.Count} / {outcome.Sent}",
            "all", outcome.Failures.Count == 0, outcome.Failures.FirstOrDefault() ?? $"{context.Options.BadInputVariants} random variants per endpoint"));
    }
}
