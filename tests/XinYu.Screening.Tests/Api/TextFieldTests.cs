using System.Net;
using System.Net.Http.Json;
using XinYu.Testing.Services;
using static XinYu.Screening.Tests.Api.Seed;

namespace XinYu.Screening.Tests.Api;

/// <summary>
/// Screening's case texts go through the suite's one text check (RequestValidation, issue #16 point 1): until then
/// they were trimmed and measured but a control character (a NUL, a bell, an escape) went into the plan unchecked.
/// </summary>
[Collection(OneServiceAtATime.Name)]
public sealed class TextFieldTests(ScreeningApp app) : IClassFixture<ScreeningApp>
{
    private static readonly DateOnly Today = new(2026, 10, 15);

    [Fact]
    public async Task A_control_character_in_a_plan_text_is_refused_and_line_breaks_are_kept()
    {
        var s = await SchoolAsync(app);
        var student = s.Students[0];
        using var counsellor = app.As("counsellor", s.Bureau, s.School);
        await JsonAsync(await counsellor.PostAsJsonAsync("/api/screening/submissions", Phq9(student, [0, 0, 0, 0, 0, 0, 0, 0, 2])), HttpStatusCode.Created);

        await AssertRejectedAsync(await counsellor.PostAsJsonAsync($"/api/screening/students/{student}/plans", new
        {
            ownerStaffId = s.Counsellor, actions = new[] { "每周一次个别辅导", "与家长\u0007沟通" }, followUps = new[] { Today.AddDays(7) },
        }), "actions[1]");

        var plan = await JsonAsync(await counsellor.PostAsJsonAsync($"/api/screening/students/{student}/plans", new
        {
            ownerStaffId = s.Counsellor, actions = new[] { "每周一次个别辅导\n与家长沟通安全事项" }, followUps = new[] { Today.AddDays(7) },
        }), HttpStatusCode.Created);
        var planId = plan.GetProperty("id").GetGuid();

        await AssertRejectedAsync(await counsellor.PostAsJsonAsync($"/api/screening/plans/{planId}/reviews", new { note = "情绪稳定\u0000", level = "attention" }), "note");
        await AssertRejectedAsync(await counsellor.PostAsJsonAsync($"/api/screening/plans/{planId}/actions", new { text = "\u001b[31m" }), "text");
    }
}
