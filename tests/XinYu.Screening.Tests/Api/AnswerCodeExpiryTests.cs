using System.Net;
using System.Net.Http.Json;
using static XinYu.Screening.Tests.Api.Seed;

namespace XinYu.Screening.Tests.Api;

/// <summary>After the campaign's window a code is expired: refused, listed so, and no new ones are issued. Its own service: the clock moves on.</summary>
[Collection(OneServiceAtATime.Name)]
public sealed class AnswerCodeExpiryTests(ScreeningApp app) : IClassFixture<ScreeningApp>
{
    [Fact]
    public async Task After_the_window_a_code_is_refused_and_listed_as_expired()
    {
        var s = await SchoolAsync(app);
        var campaign = (await JsonAsync(await app.As("bureau-admin", s.Bureau).PostAsJsonAsync("/api/screening/campaigns", new
        {
            name = "十月普测", instruments = new[] { new { code = "phq-9", version = 1 } }, schoolIds = new[] { s.School }, grades = new[] { 7 },
        }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var counsellor = app.As("counsellor", s.Bureau, s.School);
        var path = $"/api/screening/campaigns/{campaign}/classes/{s.Class}/answer-codes";
        var code = (await JsonAsync(await counsellor.PostAsync(path, null), HttpStatusCode.Created)).GetProperty("codes")[0].GetProperty("code").GetString();
        using var student = app.CreateClient();
        await JsonAsync(await student.PostAsJsonAsync("/api/screening/answer-codes/redeem", new { campaignId = campaign, code }), HttpStatusCode.OK);

        app.Clock.Advance(TimeSpan.FromDays(17)); // 1 November in Shanghai: the October window is over
        await AssertRejectedAsync(await student.PostAsJsonAsync("/api/screening/answer-codes/redeem", new { campaignId = campaign, code }), "code");
        var listed = await JsonAsync(await counsellor.GetAsync(path), HttpStatusCode.OK);
        Assert.All(listed.EnumerateArray(), c => Assert.Equal("expired", c.GetProperty("status").GetString()));
        await AssertRejectedAsync(await counsellor.PostAsync(path, null), "campaignId");
    }
}
