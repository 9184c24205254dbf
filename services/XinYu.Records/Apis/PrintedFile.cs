using System.Net;
using System.Text;
using System.Text.Json;
using XinYu.Records.Domain;

namespace XinYu.Records.Apis;

/// <summary>
/// Renders a file as a self-contained, printable HTML page for a school's paper archive. Every value is HTML-encoded.
/// A paper file is read by people, so codes are printed as their Chinese words (the code itself when a new one has no
/// word yet), a correction names the time of the entry it corrects, the timeline's details leave out the ids, which
/// mean nothing on paper, and every time is the bureau's local time (a school reads 10:43, not 02:43Z).
/// </summary>
public static class PrintedFile
{
    public static string Html(FileView file, DateTimeOffset printedAt, TimeZoneInfo zone)
    {
        string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm");
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>心理档案</title>")
            .Append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px;text-align:left;vertical-align:top}")
            .Append("h2{margin-top:1.5em}.confidential{color:#a00;font-weight:bold}.corrected{text-decoration:line-through}@media print{.noprint{display:none}}</style></head><body>")
            .Append("<p class=\"confidential\">严格保密 — 学生心理档案 (confidential)</p>")
            .Append($"<p>打印时间 printed {E(Local(printedAt))}; 部分 sections: {E(string.Join("、", file.Sections.Select(s => Word(SectionWords, s))))}</p>");
        if (file.Basic is { } b)
        {
            html.Append("<h2>基本信息 Basic facts</h2><table>")
                .Append($"<tr><th>姓名</th><td>{E(b.Name ?? "—")}</td><th>学籍号</th><td>{E(b.NationalStudentNumber ?? "—")}</td></tr>")
                .Append($"<tr><th>性别</th><td>{E(Word(GenderWords, b.Gender))}</td><th>出生日期</th><td>{E(b.BirthDate?.ToString("yyyy-MM-dd") ?? "—")}</td></tr>")
                .Append($"<tr><th>年级</th><td>{E(b.Grade)}</td><th>状态</th><td>{E(Word(StatusWords, b.Status))}</td></tr></table>");
        }
        if (file.Guardians is { } guardians)
        {
            html.Append("<h2>监护人 Guardians</h2><table><tr><th>姓名</th><th>关系</th><th>电话</th></tr>");
            foreach (var g in guardians) html.Append($"<tr><td>{E(g.Name)}</td><td>{E(Word(RelationWords, g.Relation))}</td><td>{E(g.Phone)}</td></tr>");
            html.Append("</table>");
        }
        Entries(html, "家庭情况 Family situation", file.FamilySituation, Local);
        Entries(html, "心理状况 Psychological status", file.PsychologicalStatus, Local);
        html.Append("<h2>时间线 Timeline</h2><table><tr><th>时间</th><th>事件</th><th>类别</th><th>详情</th></tr>");
        foreach (var t in file.Timeline)
            html.Append($"<tr><td>{E(Local(t.OccurredAt))}</td><td>{E(Word(EventWords, t.Kind))}</td><td>{E(Word(SectionWords, t.Section))}</td><td>{E(Details(t.Details))}</td></tr>");
        html.Append("</table>");
        if (file.CounsellingNotes is { } notes)
        {
            html.Append("<h2>辅导记录 Counselling notes</h2><table><tr><th>日期</th><th>类型</th><th>时长（分钟）</th><th>记录</th><th>跟进</th></tr>");
            foreach (var n in notes)
                html.Append($"<tr><td>{E(n.HeldOn.ToString("yyyy-MM-dd"))}</td><td>{E(Word(SessionWords, n.Kind))}</td><td>{E(n.DurationMinutes)}</td><td>{E(n.Notes)}</td><td>{E(n.FollowUp)}</td></tr>");
            html.Append("</table>");
        }
        return html.Append("</body></html>").ToString();
    }

    /// <summary>A section's entries, oldest first as kept; a corrected entry struck through, its correction naming it.</summary>
    private static void Entries(StringBuilder html, string title, IReadOnlyList<FileEntryView>? entries, Func<DateTimeOffset, string> local)
    {
        if (entries is null) return;
        var corrected = entries.Where(e => e.Corrects is not null).Select(e => e.Corrects!.Value).ToHashSet();
        html.Append($"<h2>{E(title)}</h2><table><tr><th>时间</th><th>内容</th><th>更正</th></tr>");
        foreach (var e in entries)
        {
            var note = e.Corrects is { } id
                ? entries.FirstOrDefault(x => x.Id == id) is { } original ? $"更正 {local(original.RecordedAt)} 的记录" : "更正一条较早的记录"
                : corrected.Contains(e.Id) ? "已更正（见下文）" : "";
            var text = corrected.Contains(e.Id) ? $"<span class=\"corrected\">{E(e.Text)}</span>" : E(e.Text);
            html.Append($"<tr><td>{E(local(e.RecordedAt))}</td><td>{text}</td><td>{E(note)}</td></tr>");
        }
        html.Append("</table>");
    }

    /// <summary>"名称: 值" pairs of an event's details, without its ids; nested values as they are.</summary>
    public static string Details(JsonElement details)
    {
        if (details.ValueKind != JsonValueKind.Object) return details.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? "" : details.ToString();
        var parts = new List<string>();
        foreach (var p in details.EnumerateObject())
        {
            if (p.Name.EndsWith("Id", StringComparison.Ordinal) || p.Name.EndsWith("Ids", StringComparison.Ordinal) || p.Name == "id") continue;
            var value = p.Value.ValueKind switch
            {
                JsonValueKind.Array => string.Join("、", p.Value.EnumerateArray().Select(v => v.ToString())),
                JsonValueKind.True => "是",
                JsonValueKind.False => "否",
                JsonValueKind.Null => "—",
                JsonValueKind.String => Word(ValueWords, p.Value.GetString()),
                _ => p.Value.ToString(),
            };
            parts.Add($"{(DetailWords.TryGetValue(p.Name, out var word) ? word : p.Name)}: {value}");
        }
        return string.Join("；", parts);
    }

    private static string E(object? value) => WebUtility.HtmlEncode(value?.ToString() ?? "");

    private static string Word(IReadOnlyDictionary<string, string> words, string? code) =>
        code is null ? "—" : words.TryGetValue(code, out var word) ? word : code;

    private static readonly Dictionary<string, string> GenderWords = new() { ["male"] = "男", ["female"] = "女" };

    private static readonly Dictionary<string, string> StatusWords = new()
    {
        [StudentStatus.Active] = "在读", [StudentStatus.Left] = "已离校", [StudentStatus.Archived] = "已归档",
    };

    private static readonly Dictionary<string, string> RelationWords = new()
    {
        ["father"] = "父亲", ["mother"] = "母亲", ["grandfather"] = "祖父/外祖父", ["grandmother"] = "祖母/外祖母", ["other"] = "其他",
    };

    private static readonly Dictionary<string, string> SessionWords = new() { ["individual"] = "个体辅导", ["group"] = "团体辅导" };

    /// <summary>Values of the timeline's details that are codes (a session's kind, a risk level, a tier).</summary>
    private static readonly Dictionary<string, string> ValueWords = new()
    {
        ["individual"] = "个体辅导", ["group"] = "团体辅导", ["none"] = "无", ["attention"] = "关注", ["high"] = "高风险", ["crisis"] = "危机",
        ["class"] = "班级", ["school"] = "学校", ["bureau"] = "教育局",
    };

    private static readonly Dictionary<string, string> SectionWords = new()
    {
        [Sections.Basic] = "基本信息", [Sections.Guardians] = "监护人", [Sections.FamilySituation] = "家庭情况",
        [Sections.PsychologicalStatus] = "心理状况", [Sections.Screening] = "筛查", [Sections.Warnings] = "预警",
        [Sections.Plans] = "干预方案", [Sections.Referrals] = "转介", [Sections.ReturnAssessments] = "复学评估",
        [Sections.HomeLiaison] = "家校联系", [Sections.Counselling] = "心理辅导", [Sections.HandOvers] = "转学交接",
        [Sections.CounsellingNotes] = "辅导记录",
    };

    private static readonly Dictionary<string, string> EventWords = new()
    {
        ["screening-submitted"] = "完成心理筛查", ["risk-level-changed"] = "风险等级变化", ["crisis-warning-raised"] = "危机预警",
        ["warning-escalated"] = "预警升级", ["intervention-plan-opened"] = "建立干预方案", ["intervention-plan-closed"] = "结束干预方案",
        ["referral-made"] = "转介医院", ["referral-feedback-received"] = "医院反馈", ["return-to-school-assessed"] = "复学评估",
        ["home-visit-completed"] = "家访", ["guardian-notified"] = "告知监护人", ["counselling-session-held"] = "心理辅导",
    };

    private static readonly Dictionary<string, string> DetailWords = new()
    {
        ["kind"] = "类型", ["durationMinutes"] = "时长（分钟）", ["instrument"] = "量表", ["instrumentVersion"] = "版本",
        ["totalScore"] = "总分", ["band"] = "分级", ["criticalItemAnswered"] = "关键条目作答", ["from"] = "由", ["to"] = "至",
        ["fromRank"] = "原等级序", ["toRank"] = "新等级序", ["reasons"] = "原因", ["level"] = "等级", ["tier"] = "层级",
        ["fromTier"] = "原层级", ["toTier"] = "新层级", ["reasonCode"] = "原因", ["status"] = "状态", ["outcome"] = "结论",
        ["recommendation"] = "建议", ["channel"] = "方式", ["heldOn"] = "日期", ["visitedOn"] = "家访日期",
    };
}
