using System.Net;
using System.Net.Http.Json;

namespace XinYu.Records.Tests.Api;

/// <summary>
/// Records' names and labels go through the suite's one text check (RequestValidation, issue #16 point 1): a class
/// name took line breaks and tabs until then, which split the roster lines and exports that show it.
/// </summary>
public sealed class TextFieldTests(RecordsApp app) : IClassFixture<RecordsApp>
{
    [Theory]
    [InlineData("七(3)\n班")]
    [InlineData("七(3)\t班")]
    public async Task A_class_name_is_one_line(string name)
    {
        var school = await app.SchoolAsync();
        using var admin = app.As("school-admin", school.Bureau, school.School);
        var url = $"/api/records/schools/{school.School}/classes/{school.ClassA}/name";
        await (await admin.PutAsJsonAsync(url, new { name })).AssertRejectedAsync("name");
        await (await admin.PutAsJsonAsync(url, new { name = "七(3)班" })).JsonAsync(HttpStatusCode.OK);
    }
}
