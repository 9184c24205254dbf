using System.Text.Json;
using XinYu.Records.Apis;
using XinYu.Records.Domain;

namespace XinYu.Records.Tests.Domain;

/// <summary>The printed file is for a school's paper archive: words, not codes or ids.</summary>
[Trait("Category", "Unit")]
public sealed class PrintedFileTests
{
    private static readonly DateTimeOffset At = new(2026, 10, 12, 2, 0, 0, TimeSpan.Zero); // 10:00 in Beijing
    private static readonly TimeZoneInfo Beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public void Codes_print_as_words_times_in_the_bureaus_zone_a_correction_names_the_entry_it_corrects_and_the_timeline_leaves_out_ids()
    {
        var student = Guid.NewGuid();
        var session = Guid.NewGuid();
        var original = new FileEntryView(Guid.NewGuid(), Sections.PsychologicalStatus, "情绪稳定", null, "counsellor", At);
        var correction = new FileEntryView(Guid.NewGuid(), Sections.PsychologicalStatus, "情绪低落", original.Id, "counsellor", At.AddMinutes(30));
        var details = JsonDocument.Parse($$"""{"kind":"individual","sessionId":"{{session}}","durationMinutes":40,"counsellorStaffId":"{{Guid.NewGuid()}}"}""").RootElement;
        var file = new FileView(
            [Sections.Basic, Sections.Guardians, Sections.PsychologicalStatus, Sections.Counselling],
            new BasicFacts(student, "林晓雨", "G1438", "female", new DateOnly(2013, 5, 17), Guid.NewGuid(), Guid.NewGuid(), 7, StudentStatus.Active, At, null),
            [new GuardianView(Guid.NewGuid(), "林建国", "father", "13812345678")],
            null,
            [original, correction],
            [new TimelineView(Guid.NewGuid(), "counselling-session-held", Sections.Counselling, Guid.NewGuid(), At, details)]);

        var html = PrintedFile.Html(file, At, Beijing);

        Assert.Contains("<td>女</td>", html);
        Assert.Contains("<td>在读</td>", html);
        Assert.Contains("<td>父亲</td>", html);
        Assert.Contains("基本信息、监护人、心理状况、心理辅导", html);
        Assert.Contains("<span class=\"corrected\">情绪稳定</span>", html); // struck through, its correction beside it
        Assert.Contains("更正 2026-10-12 10:00 的记录", html); // the bureau's local time, as the school reads it
        Assert.Contains("打印时间 printed 2026-10-12 10:00", html);
        Assert.Contains("<td>心理辅导</td>", html);
        Assert.Contains("类型: 个体辅导；时长（分钟）: 40", html);
        Assert.DoesNotContain(session.ToString(), html);
        Assert.DoesNotContain(original.Id.ToString(), html);
        Assert.DoesNotContain("female", html);
    }

    [Fact]
    public void A_code_without_a_word_yet_prints_as_itself_and_every_value_is_encoded()
    {
        var details = JsonDocument.Parse("""{"note":"<script>","flags":["a","b"],"done":true}""").RootElement;
        var file = new FileView([Sections.Warnings], null, null, null, null,
            [new TimelineView(Guid.NewGuid(), "something-new", Sections.Warnings, null, At, details)]);

        var html = PrintedFile.Html(file, At, Beijing);

        Assert.Contains("<td>something-new</td>", html);
        Assert.Contains("note: &lt;script&gt;；flags: a、b；done: 是", html);
        Assert.DoesNotContain("<script>", html);
    }
}
