using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using static XinYu.Screening.Tests.Api.Seed;

namespace XinYu.Screening.Tests.Api;

/// <summary>A bureau adds its own instrument; a bad definition is refused naming the field; built-ins are listed and fixed.</summary>
[Collection(OneServiceAtATime.Name)]
public sealed class InstrumentApiTests(ScreeningApp app) : IClassFixture<ScreeningApp>
{
    private static object Definition(string code, object[]? bands = null, object[]? critical = null, object[]? items = null) => new
    {
        code, version = 1, nameZh = "学习压力量表", nameEn = "Study stress scale",
        scale = new { min = 0, max = 4, labels = new object[] { new { value = 0, labelZh = "从不", labelEn = "Never" } } },
        items = items ?? new object[]
        {
            new { code = "q1", textZh = "我担心考试", textEn = "I worry about exams" },
            new { code = "q2", textZh = "我睡不好", textEn = "I sleep badly" },
            new { code = "q3", textZh = "我感到轻松", textEn = "I feel relaxed", reverse = true },
        },
        bands = bands ?? new object[] { new { code = "low", min = 0, max = 5, level = "none" }, new { code = "raised", min = 6, max = 9, level = "attention" }, new { code = "high", min = 10, max = 12, level = "high" } },
        criticalItems = critical ?? new object[] { new { itemCode = "q2", threshold = 3 } },
    };

    [Fact]
    public async Task A_bureau_adds_an_instrument_scores_with_it_and_another_bureau_cannot_see_it()
    {
        var s = await SchoolAsync(app);
        var code = "stress-" + Guid.NewGuid().ToString("N")[..6];
        await JsonAsync(await app.As("bureau-admin", s.Bureau).PostAsJsonAsync("/api/screening/instruments", Definition(code)), HttpStatusCode.Created);
        await AssertRejectedAsync(await app.As("bureau-admin", s.Bureau).PostAsJsonAsync("/api/screening/instruments", Definition(code)), "version", HttpStatusCode.Conflict);

        var list = await JsonAsync(await app.As("counsellor", s.Bureau, s.School).GetAsync("/api/screening/instruments"), HttpStatusCode.OK);
        Assert.Equal(["phq-9", "gad-7", code], list.EnumerateArray().Select(i => i.GetProperty("code").GetString()));
        using var otherBureau = await app.As("counsellor", Guid.NewGuid(), Guid.NewGuid()).GetAsync($"/api/screening/instruments/{code}/versions/1");
        Assert.Equal(HttpStatusCode.NotFound, otherBureau.StatusCode);

        // q3 is reverse-scored: 4 + 2 + (4 − 0) = 10 → "high"; q2 = 2 is not above the threshold 3.
        var result = await JsonAsync(await app.As("counsellor", s.Bureau, s.School).PostAsJsonAsync("/api/screening/submissions",
            Phq9(s.Students[0], [4, 2, 0], code: code)), HttpStatusCode.Created);
        Assert.Equal((10, "high", false), (result.GetProperty("total").GetInt32(), result.GetProperty("band").GetString(), result.GetProperty("criticalItemAnswered").GetBoolean()));
        Assert.Equal(code, result.GetProperty("instrumentCode").GetString());
        Assert.Equal(1, result.GetProperty("instrumentVersion").GetInt32());
    }

    public static TheoryData<string, object> BadDefinitions => new()
    {
        { "bands[1].min", Definition("bad-a", bands: [new { code = "low", min = 0, max = 6, level = "none" }, new { code = "raised", min = 6, max = 9, level = "attention" }, new { code = "high", min = 10, max = 12, level = "high" }]) },
        { "bands[1].min", Definition("bad-b", bands: [new { code = "low", min = 0, max = 4, level = "none" }, new { code = "raised", min = 6, max = 9, level = "attention" }, new { code = "high", min = 10, max = 12, level = "high" }]) },
        { "criticalItems[0].itemCode", Definition("bad-c", critical: [new { itemCode = "q9", threshold = 0 }]) },
        { "items", Definition("bad-d", items: []) },
        { "code", Definition("phq-9") },
        { "code", Definition("Not A Code") },
    };

    [Theory]
    [MemberData(nameof(BadDefinitions))]
    public async Task A_bad_definition_is_refused_naming_the_field_and_nothing_is_stored(string field, object definition)
    {
        var bureau = Guid.NewGuid();
        using var response = await app.As("bureau-admin", bureau).PostAsJsonAsync("/api/screening/instruments", definition);
        var status = field == "code" && response.StatusCode == HttpStatusCode.Conflict ? HttpStatusCode.Conflict : HttpStatusCode.BadRequest;
        await AssertRejectedAsync(response, field, status);
        Assert.Equal(0, await app.QueryAsync(db => db.Instruments.CountAsync(i => i.BureauId == bureau)));
    }

    [Fact]
    public async Task Built_in_phq9_is_served_with_both_languages()
    {
        var phq = await JsonAsync(await app.As("mentor", Guid.NewGuid(), Guid.NewGuid()).GetAsync("/api/screening/instruments/phq-9/versions/1"), HttpStatusCode.OK);
        var item9 = phq.GetProperty("items")[8];
        Assert.Contains("伤害自己", item9.GetProperty("textZh").GetString());
        Assert.Contains("hurting yourself", item9.GetProperty("textEn").GetString());
        Assert.Equal("item-9", phq.GetProperty("criticalItems")[0].GetProperty("itemCode").GetString());
    }
}
