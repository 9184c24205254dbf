using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Refit;
using XinYu.Web.Components;
using XinYu.Web.Resources;

namespace XinYu.Web.Tests;

/// <summary>A refused call becomes words next to the fields a form shows, the rest above it; nothing the API said is lost.</summary>
[Trait("Category", "Unit")]
public sealed class FormProblemTests
{
    private static readonly IStringLocalizer<UiText> Text = new ServiceCollection().AddLogging().AddLocalization()
        .BuildServiceProvider().GetRequiredService<IStringLocalizer<UiText>>();

    private static async Task<ApiException> Refused(HttpStatusCode status, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "http://gateway/api/records/schools/x/appointments");
        var response = new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent(body, Encoding.UTF8, "application/problem+json") };
        return await ApiException.Create(request, HttpMethod.Post, response, new RefitSettings());
    }

    [Fact]
    public async Task A_validation_problem_puts_each_message_next_to_its_field_and_the_unknown_ones_above()
    {
        var error = await Refused(HttpStatusCode.BadRequest,
            """{"title":"One or more validation errors occurred.","status":400,"errors":{"startsAt":["The slot is taken."],"studentId":["No such student."]}}""");

        var problem = FormProblem.From(error, Text, "StartsAt", "room");

        Assert.Equal("The slot is taken.", problem.For("startsAt"));
        Assert.Null(problem.For("room"));
        // The form shows no student field: its message is not dropped but shown above the form.
        Assert.Equal("No such student.", problem.Summary);
    }

    [Fact]
    public async Task A_conflict_naming_a_field_sits_next_to_that_field()
    {
        var error = await Refused(HttpStatusCode.Conflict,
            """{"title":"One or more validation errors occurred.","status":409,"errors":{"dutySlotId":["This slot is already booked; choose another slot."]}}""");

        var problem = FormProblem.From(error, Text, "studentId", "dutySlotId");

        Assert.Equal("This slot is already booked; choose another slot.", problem.For("dutySlotId"));
        Assert.Null(problem.Summary);
    }

    [Fact]
    public async Task A_problem_about_no_field_is_the_summary_in_the_apis_words()
    {
        var error = await Refused(HttpStatusCode.Conflict, """{"title":"Conflict","status":409,"detail":"The counselling room is booked then."}""");

        var problem = FormProblem.From(error, Text, "startsAt");

        Assert.Equal("The counselling room is booked then.", problem.Summary);
        Assert.False(problem.Has("startsAt"));
    }

    [Fact]
    public async Task An_unavailable_service_or_a_dropped_connection_says_try_again()
    {
        using var _ = new CultureScope("zh-CN");
        Assert.True(FormProblem.IsTransient(await Refused(HttpStatusCode.ServiceUnavailable, "")));
        Assert.True(FormProblem.IsTransient(new HttpRequestException("reset")));
        Assert.False(FormProblem.IsTransient(await Refused(HttpStatusCode.BadRequest, "{}")));

        Assert.Equal(Text["TryAgain"].Value, FormProblem.From(new HttpRequestException("reset"), Text).Summary);
        Assert.Equal(Text["TryAgain"].Value, FormProblem.From(await Refused(HttpStatusCode.ServiceUnavailable, ""), Text).Summary);
        Assert.False(Text["TryAgain"].ResourceNotFound);
    }

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _before = CultureInfo.CurrentUICulture;
        public CultureScope(string name) => CultureInfo.CurrentUICulture = new CultureInfo(name);
        public void Dispose() => CultureInfo.CurrentUICulture = _before;
    }
}
