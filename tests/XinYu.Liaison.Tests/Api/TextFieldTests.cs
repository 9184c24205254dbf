using System.Net;

namespace XinYu.Liaison.Tests.Api;

/// <summary>
/// Liaison's titles and names go through the suite's one text check (RequestValidation, issue #16 point 1): they
/// took line breaks and tabs until then, which split the lists, exports and calendar lines that show them.
/// </summary>
[Collection(LiaisonCollection.Name)]
public sealed class TextFieldTests(LiaisonApp app)
{
    [Fact]
    public async Task A_title_or_a_name_is_one_line_and_minutes_keep_their_lines()
    {
        var roster = new Roster(app);
        var school = await roster.SchoolAsync();
        using var admin = app.As("school-admin", roster.Bureau, school);
        await admin.PostJsonAsync($"/api/liaison/schools/{school}/parent-activities", new
        {
            kind = "parent-meeting", title = "开学\n家长会", heldOn = app.Today.ToString("yyyy-MM-dd"), mentalHealth = false, classIds = Array.Empty<Guid>(),
        }).RejectedAsync("title");

        using var bureauAdmin = app.As("bureau-admin", roster.Bureau);
        var agency = "police-" + Guid.NewGuid().ToString("N")[..8];
        await bureauAdmin.PostJsonAsync("/api/liaison/agencies", new { id = agency, name = "市公安局\t某分局", kind = "police" }).RejectedAsync("name");
        await bureauAdmin.PostJsonAsync("/api/liaison/agencies", new { id = agency, name = "市公安局某分局", kind = "police" }).OkAsync(HttpStatusCode.Created);
    }
}
