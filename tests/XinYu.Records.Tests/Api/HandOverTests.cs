using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace XinYu.Records.Tests.Api;

/// <summary>
/// Hand-over (移交) inside the bureau takes both schools: the receiving school requests and the holding school (or the
/// bureau) accepts, or the holding school releases and the receiving school accepts. Then everything moves at once,
/// the old school loses access, and both hold a receipt naming both people.
/// </summary>
public sealed class HandOverTests(RecordsApp app) : IClassFixture<RecordsApp>
{
    [Fact]
    public async Task A_request_of_the_receiving_school_moves_nothing_until_the_holding_school_accepts()
    {
        var from = await app.SchoolAsync();
        var to = await app.SchoolAsync(from.Bureau);
        var student = (await app.EnrolAsync(from, "钱多多")).Single();
        using var oldCounsellor = app.As("counsellor", from.Bureau, from.School);
        await (await oldCounsellor.PostJsonAsync($"/api/records/students/{student.Id}/entries", new { section = "family-situation", text = "单亲家庭" }))
            .JsonAsync(HttpStatusCode.Created);
        var fileUrl = $"/api/records/students/{student.Id}/file";
        using var newCounsellor = app.As("counsellor", to.Bureau, to.School);

        var request = await (await newCounsellor.PostJsonAsync($"/api/records/students/{student.Id}/hand-overs", new { toSchoolId = to.School, toClassId = to.ClassB }))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal(("pending", "receiving"), (request.GetProperty("status").GetString(), request.GetProperty("proposedBySide").GetString()));
        // The request alone gives the receiving school nothing: not the file, not even which school holds it.
        Assert.Equal(JsonValueKind.Null, request.GetProperty("fromSchoolId").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await newCounsellor.GetAsync(fileUrl)).StatusCode);
        Assert.Equal(from.School, (await app.QueryAsync(db => db.Students.AsNoTracking().SingleAsync(s => s.Id == student.Id))).SchoolId);
        // The requester cannot accept its own request.
        var accept = $"/api/records/hand-overs/{request.GetProperty("id").GetGuid()}/accept";
        await (await newCounsellor.PostJsonAsync(accept, new { })).AssertRejectedAsync("proposalId");

        // The holding school sees the request for its student, and accepts it.
        var incoming = await (await oldCounsellor.GetAsync($"/api/records/schools/{from.School}/hand-overs?status=pending")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(student.Id, Assert.Single(incoming.EnumerateArray()).GetProperty("studentId").GetGuid());
        var handOver = await (await oldCounsellor.PostJsonAsync(accept, new { })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NotFound, (await oldCounsellor.GetAsync(fileUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.As("school-admin", from.Bureau, from.School).GetAsync(fileUrl)).StatusCode);
        var file = await (await newCounsellor.GetAsync(fileUrl)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("单亲家庭", file.GetProperty("familySituation")[0].GetProperty("text").GetString());
        Assert.Equal(to.ClassB, file.GetProperty("basic").GetProperty("classId").GetGuid());
        Assert.Contains(file.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "student-transferred");

        // Both schools hold a receipt naming who asked and who accepted; both acts are audited.
        var handOverId = handOver.GetProperty("handOverId").GetGuid();
        var sent = await (await app.As("school-admin", from.Bureau, from.School).GetAsync($"/api/records/schools/{from.School}/hand-over-receipts")).JsonAsync(HttpStatusCode.OK);
        var received = await (await newCounsellor.GetAsync($"/api/records/schools/{to.School}/hand-over-receipts")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("sent", handOverId), (sent[0].GetProperty("direction").GetString(), sent[0].GetProperty("handOverId").GetGuid()));
        Assert.Equal(("received", handOverId), (received[0].GetProperty("direction").GetString(), received[0].GetProperty("handOverId").GetGuid()));
        Assert.NotEqual(received[0].GetProperty("handedOverBy").GetString(), received[0].GetProperty("approvedBy").GetString());
        var actions = await app.QueryAsync(db => db.Set<XinYu.ServiceDefaults.Auditing.AuditEntry>().AsNoTracking()
            .Where(a => a.StudentId == student.Id).Select(a => a.Action).ToListAsync());
        Assert.Contains("hand-over-proposed", actions);
        Assert.Equal(2, actions.Count(a => a == "hand-over"));
        var transferred = JsonDocument.Parse(Assert.Single(await app.OutboxAsync("StudentTransferred"), m => m.AggregateKey == $"student:{student.Id}").Payload).RootElement;
        Assert.Equal((from.School, to.School), (transferred.GetProperty("fromSchoolId").GetGuid(), transferred.GetProperty("schoolId").GetGuid()));
    }

    [Fact]
    public async Task A_release_of_the_holding_school_moves_the_file_when_the_receiving_school_accepts_into_its_class()
    {
        var from = await app.SchoolAsync();
        var to = await app.SchoolAsync(from.Bureau);
        var student = (await app.EnrolAsync(from, "孙悟空")).Single();
        var release = await (await app.As("school-admin", from.Bureau, from.School).PostJsonAsync($"/api/records/students/{student.Id}/hand-overs", new { toSchoolId = to.School }))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal("holding", release.GetProperty("proposedBySide").GetString());
        var accept = $"/api/records/hand-overs/{release.GetProperty("id").GetGuid()}/accept";

        // The bureau cannot stand in for the receiving school; the receiving school names its class.
        await (await app.As("bureau-admin", from.Bureau).PostJsonAsync(accept, new { toClassId = to.ClassA })).AssertRejectedAsync("proposalId");
        using var receiving = app.As("counsellor", to.Bureau, to.School);
        await (await receiving.PostJsonAsync(accept, new { })).AssertRejectedAsync("toClassId");
        await (await receiving.PostJsonAsync(accept, new { toClassId = to.ClassA })).JsonAsync(HttpStatusCode.OK);

        var stored = await app.QueryAsync(db => db.Students.AsNoTracking().SingleAsync(s => s.Id == student.Id));
        Assert.Equal((to.School, to.ClassA), (stored.SchoolId, stored.ClassId));
    }

    [Fact]
    public async Task A_declined_request_leaves_the_file_where_it_is_and_the_requester_learns_nothing()
    {
        var from = await app.SchoolAsync();
        var to = await app.SchoolAsync(from.Bureau);
        var student = (await app.EnrolAsync(from, "冯小刚")).Single();
        using var requester = app.As("counsellor", to.Bureau, to.School);
        var request = await (await requester.PostJsonAsync($"/api/records/students/{student.Id}/hand-overs", new { toSchoolId = to.School, toClassId = to.ClassA }))
            .JsonAsync(HttpStatusCode.Created);
        var id = request.GetProperty("id").GetGuid();
        // One open proposal per student.
        Assert.Equal(HttpStatusCode.Conflict,
            (await app.As("counsellor", to.Bureau, to.School).PostJsonAsync($"/api/records/students/{student.Id}/hand-overs", new { toSchoolId = to.School, toClassId = to.ClassB })).StatusCode);

        await (await app.As("school-admin", from.Bureau, from.School).PostJsonAsync($"/api/records/hand-overs/{id}/decline", new { })).JsonAsync(HttpStatusCode.OK);

        // For the requester the declined request is gone, as a request about a student that does not exist would be.
        Assert.Equal(HttpStatusCode.NotFound, (await requester.PostJsonAsync($"/api/records/hand-overs/{id}/accept", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await requester.PostJsonAsync($"/api/records/hand-overs/{id}/decline", new { })).StatusCode);
        Assert.Empty((await (await requester.GetAsync($"/api/records/schools/{to.School}/hand-overs")).JsonAsync(HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound,
            (await requester.PostJsonAsync($"/api/records/students/{Guid.NewGuid()}/hand-overs", new { toSchoolId = to.School, toClassId = to.ClassA })).StatusCode);
        var stored = await app.QueryAsync(db => db.Students.AsNoTracking().SingleAsync(s => s.Id == student.Id));
        Assert.Equal(from.School, stored.SchoolId);
        Assert.Equal(0, await app.QueryAsync(db => db.Receipts.CountAsync(r => r.StudentId == student.Id)));
    }

    [Fact]
    public async Task Callers_on_neither_side_are_told_nothing_and_bad_input_changes_nothing()
    {
        var from = await app.SchoolAsync();
        var to = await app.SchoolAsync(from.Bureau);
        var third = await app.SchoolAsync(from.Bureau);
        var student = (await app.EnrolAsync(from, "周星星")).Single();
        var url = $"/api/records/students/{student.Id}/hand-overs";

        // A third school cannot ask on behalf of another; another bureau's admin: as if the student did not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await app.As("counsellor", third.Bureau, third.School).PostJsonAsync(url, new { toSchoolId = to.School, toClassId = to.ClassA })).StatusCode);
        var elsewhere = await app.SchoolAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await app.As("bureau-admin", elsewhere.Bureau).PostJsonAsync(url, new { toSchoolId = elsewhere.School, toClassId = elsewhere.ClassA })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.As("head-teacher", to.Bureau, to.School).PostJsonAsync(url, new { toSchoolId = to.School, toClassId = to.ClassA })).StatusCode);
        // A class of another school; a release that names the receiving school's class.
        await (await app.As("school-admin", to.Bureau, to.School).PostJsonAsync(url, new { toSchoolId = to.School, toClassId = from.ClassA })).AssertRejectedAsync("toClassId");
        await (await app.As("school-admin", from.Bureau, from.School).PostJsonAsync(url, new { toSchoolId = to.School, toClassId = to.ClassA })).AssertRejectedAsync("toClassId");

        // A third school cannot see or decide a proposal between two others.
        var request = await (await app.As("counsellor", to.Bureau, to.School).PostJsonAsync(url, new { toSchoolId = to.School, toClassId = to.ClassA }))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NotFound,
            (await app.As("school-admin", third.Bureau, third.School).PostJsonAsync($"/api/records/hand-overs/{request.GetProperty("id").GetGuid()}/accept", new { })).StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.Receipts.CountAsync(r => r.StudentId == student.Id)));

        // The bureau admin may accept for the holding school.
        await (await app.As("bureau-admin", from.Bureau).PostJsonAsync($"/api/records/hand-overs/{request.GetProperty("id").GetGuid()}/accept", new { }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, await app.QueryAsync(db => db.Receipts.CountAsync(r => r.StudentId == student.Id)));
    }
}
