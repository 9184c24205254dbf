using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace XinYu.Records.Tests.Api;

/// <summary>Records with its clock stopped at 00:30 on 2 March 2027 in Beijing, which is 16:30 UTC on 1 March.</summary>
public sealed class BeijingHalfPastMidnightApp : RecordsApp
{
    public static readonly DateTimeOffset Now = new(2027, 3, 1, 16, 30, 0, TimeSpan.Zero);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
}

/// <summary>
/// The counselling room's "today" is the school date in the bureau's time zone (SchoolClock, issue #16 point 3): until
/// then it was the UTC date, so between 00:00 and 08:00 Beijing time a slot dated yesterday was still bookable.
/// </summary>
public sealed class SchoolDateTests(BeijingHalfPastMidnightApp app) : IClassFixture<BeijingHalfPastMidnightApp>
{
    [Fact]
    public async Task A_slot_dated_yesterday_in_Beijing_is_in_the_past_at_half_past_midnight()
    {
        var school = await app.SchoolAsync();
        var student = (await app.EnrolAsync(school, "甲"))[0];
        using var counsellor = app.As("counsellor", school.Bureau, school.School);
        var staff = await app.StaffAsync(school);
        async Task<Guid> SlotOnAsync(string date) => (await (await counsellor.PostJsonAsync($"/api/records/schools/{school.School}/duty-slots",
            new { counsellorStaffId = staff, date, startsAt = "10:00:00", endsAt = "10:45:00" })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var yesterday = await SlotOnAsync("2027-03-01");
        var today = await SlotOnAsync("2027-03-02");
        var url = $"/api/records/schools/{school.School}/appointments";

        await (await counsellor.PostJsonAsync(url, new { dutySlotId = yesterday, studentId = student.Id, requestedFor = "student" }))
            .AssertRejectedAsync("dutySlotId");
        await (await counsellor.PostJsonAsync(url, new { dutySlotId = today, studentId = student.Id, requestedFor = "student" }))
            .JsonAsync(HttpStatusCode.Created);

        // A session held "today" is 2 March in Beijing: not in the future.
        await (await counsellor.PostJsonAsync($"/api/records/schools/{school.School}/sessions", new
        {
            counsellorStaffId = staff, studentIds = new[] { student.Id }, kind = "individual", heldOn = "2027-03-02", durationMinutes = 45, notes = "谈话记录",
        })).JsonAsync(HttpStatusCode.Created);
    }
}
