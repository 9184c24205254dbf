using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace XinYu.Records.Tests.Api;

/// <summary>Hand-over (移交) inside the bureau: everything moves at once, the old school loses access, both get receipts.</summary>
public sealed class HandOverTests(RecordsApp app) : IClassFixture<RecordsApp>
{
    [Fact]
    public async Task After_a_hand_over_the_old_schools_counsellor_is_refused_and_the_new_one_sees_the_whole_file()
    {
        var from = await app.SchoolAsync();
        var to = await app.SchoolAsync(from.Bureau);
        var student = (await app.EnrolAsync(from, "钱多多")).Single();
        using var oldCounsellor = app.As("counsellor", from.Bureau, from.School);
        await (await oldCounsellor.PostJsonAsync($"/api/records/students/{student.Id}/entries", new { section = "family-situation", text = "单亲家庭" }))
            .JsonAsync(HttpStatusCode.Created);
        var fileUrl = $"/api/records/students/{student.Id}/file";
        await (await oldCounsellor.GetAsync(fileUrl)).JsonAsync(HttpStatusCode.OK);

        using var newCounsellor = app.As("counsellor", to.Bureau, to.School);
        var handOver = await (await newCounsellor.PostJsonAsync($"/api/records/students/{student.Id}/hand-over", new { toSchoolId = to.School, toClassId = to.ClassB }))
            .JsonAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NotFound, (await oldCounsellor.GetAsync(fileUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.As("school-admin", from.Bureau, from.School).GetAsync(fileUrl)).StatusCode);
        var file = await (await newCounsellor.GetAsync(fileUrl)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("单亲家庭", file.GetProperty("familySituation")[0].GetProperty("text").GetString());
        Assert.Equal(to.ClassB, file.GetProperty("basic").GetProperty("classId").GetGuid());
        Assert.Contains(file.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "student-transferred");

        // Both schools hold a receipt.
        var handOverId = handOver.GetProperty("handOverId").GetGuid();
        var sent = await (await app.As("school-admin", from.Bureau, from.School).GetAsync($"/api/records/schools/{from.School}/hand-over-receipts")).JsonAsync(HttpStatusCode.OK);
        var received = await (await newCounsellor.GetAsync($"/api/records/schools/{to.School}/hand-over-receipts")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("sent", handOverId), (sent[0].GetProperty("direction").GetString(), sent[0].GetProperty("handOverId").GetGuid()));
        Assert.Equal(("received", handOverId), (received[0].GetProperty("direction").GetString(), received[0].GetProperty("handOverId").GetGuid()));
        var transferred = JsonDocument.Parse(Assert.Single(await app.OutboxAsync("StudentTransferred"), m => m.AggregateKey == $"student:{student.Id}").Payload).RootElement;
        Assert.Equal((from.School, to.School), (transferred.GetProperty("fromSchoolId").GetGuid(), transferred.GetProperty("schoolId").GetGuid()));
    }

    [Fact]
    public async Task A_hand_over_that_fails_changes_nothing_and_only_the_receiving_side_may_ask()
    {
        var from = await app.SchoolAsync();
        var to = await app.SchoolAsync(from.Bureau);
        var student = (await app.EnrolAsync(from, "冯小刚")).Single();
        var url = $"/api/records/students/{student.Id}/hand-over";

        // The old school cannot push the file to a school it does not belong to; a class of another school is refused.
        Assert.Equal(HttpStatusCode.NotFound, (await app.As("counsellor", from.Bureau, from.School).PostJsonAsync(url, new { toSchoolId = to.School, toClassId = to.ClassA })).StatusCode);
        await (await app.As("school-admin", to.Bureau, to.School).PostJsonAsync(url, new { toSchoolId = to.School, toClassId = from.ClassA })).AssertRejectedAsync("toClassId");
        // Another bureau's admin: as if the student did not exist.
        var elsewhere = await app.SchoolAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await app.As("bureau-admin", elsewhere.Bureau).PostJsonAsync(url, new { toSchoolId = elsewhere.School, toClassId = elsewhere.ClassA })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.As("head-teacher", to.Bureau, to.School).PostJsonAsync(url, new { toSchoolId = to.School, toClassId = to.ClassA })).StatusCode);

        var stored = await app.QueryAsync(db => db.Students.AsNoTracking().SingleAsync(s => s.Id == student.Id));
        Assert.Equal(from.School, stored.SchoolId);
        Assert.Equal(0, await app.QueryAsync(db => db.Receipts.CountAsync(r => r.StudentId == student.Id)));

        // The bureau admin may move it.
        await (await app.As("bureau-admin", from.Bureau).PostJsonAsync(url, new { toSchoolId = to.School, toClassId = to.ClassA })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, await app.QueryAsync(db => db.Receipts.CountAsync(r => r.StudentId == student.Id)));
    }
}
