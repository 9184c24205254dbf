using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace XinYu.Bench.Scenarios;

/// <summary>
/// Reads of a student's file with a 200-event timeline, through the gateway, by the school's counsellor (with a stated
/// purpose, as reading a file requires). The 200 events are real: screening submissions for the student, whose
/// events Records assembles into the timeline.
/// </summary>
public static class TimelineScenario
{
    public const int Events = 200;

    public static async Task RunAsync(BenchContext context)
    {
        var school = context.Bureau!.Schools.First(s => s.Students.Count > 0);
        var student = school.Students[0].Id;
        using var counsellor = BenchSuite.LoadClient(context.Suite.Gateway, school.CounsellorToken, context.Options.Concurrency);
        counsellor.DefaultRequestHeaders.Add("X-Purpose", "benchmark: timeline reads");

        for (var i = 0; i < Events; i++)
        {
            using var submitted = await counsellor.PostAsJsonAsync("/api/screening/submissions", new
            {
                submissionId = Guid.CreateVersion7(), studentId = student, instrumentCode = "gad-7", instrumentVersion = 1,
                answers = new[] { i % 4, 0, 1, 0, 0, 0, 0 },
            });
            if (!submitted.IsSuccessStatusCode) throw new InvalidOperationException($"Submission for the timeline: {(int)submitted.StatusCode} {await submitted.Content.ReadAsStringAsync()}");
        }
        var clock = Stopwatch.StartNew();
        var count = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(120) && count < Events)
        {
            using var file = await counsellor.GetAsync($"/api/records/students/{student}/file");
            count = JsonDocument.Parse(await file.Content.ReadAsStringAsync()).RootElement.GetProperty("timeline").GetArrayLength();
            if (count < Events) await Task.Delay(500);
        }

        var result = await LoadRunner.RunAsync(Math.Min(16, context.Options.Concurrency), context.Options.Duration, async (_, _) =>
        {
            using var response = await counsellor.GetAsync($"/api/records/students/{student}/file");
            await response.Content.LoadIntoBufferAsync();
            return response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode}";
        }, warmUp: TimeSpan.FromSeconds(3));
        context.Results.Add("timeline", $"file reads ({count} timeline events), p50", result.P50Ms, "ms", note: $"{result.PerSecond:F0} reads/s, 16 concurrent, {result.Failures} failed");
        context.Results.Add("timeline", $"file reads ({count} timeline events), p99", result.P99Ms, "ms");
    }
}
