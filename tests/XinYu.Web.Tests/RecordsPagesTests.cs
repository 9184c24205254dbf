using System.Net;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Extensions;
using MudBlazor.Services;
using XinYu.Client.Staff;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Time;
using XinYu.Web.Api;
using XinYu.Web.Components.Pages.Records;

namespace XinYu.Web.Tests;

/// <summary>The counsellor's Records-side pages as components (bunit): finding a student, the purpose before the notes, a clash at its field.</summary>
[Trait("Category", "Unit")]
public sealed class RecordsPagesTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private readonly FakeRecordsApi _api = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 10, 12, 2, 0, 0, TimeSpan.Zero)); // 10:00 in Beijing
    private readonly Guid _school = Guid.NewGuid();
    private readonly Guid _me = Guid.NewGuid();
    private readonly Guid _class7_3 = Guid.NewGuid();
    private readonly Guid _class8_1 = Guid.NewGuid();

    public RecordsPagesTests()
    {
        var auth = StaffPageContext.Register(_context, new FakeScreeningStaffApi(), _api, _clock);
        auth.SetAuthorized("王老师");
        auth.SetClaims(new Claim(XinYuClaims.School, _school.ToString()), new Claim(XinYuClaims.Subject, _me.ToString()));

        _api.Classes.Add(new SchoolClass(_class7_3, _school, 7, 2026, "七(3)班", false));
        _api.Classes.Add(new SchoolClass(_class8_1, _school, 8, 2025, null, false));
        _api.Students.Add(Student("张小明", "G110101201301010011", _class7_3));
        _api.Students.Add(Student("李华", "G110101201302020022", _class7_3));
        _api.Students.Add(Student("张伟", "G110101201203030033", _class8_1));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private static StudentListing Student(string name, string number, Guid classId) =>
        new(Guid.NewGuid(), name, number, "male", new DateOnly(2013, 1, 1), classId, 7, "active");

    private static IReadOnlyList<string> Names(IRenderedComponent<FindStudent> page) =>
        page.FindAll("[data-testid=students] tbody tr a").Select(a => a.TextContent).ToList();

    [Fact]
    public void The_search_box_finds_students_by_name_class_or_student_number_and_links_to_the_file_by_id()
    {
        var page = _context.Render<FindStudent>();
        Assert.NotNull(page.Find("[data-testid=search-empty]"));
        var box = page.Find("input");

        box.Input("张");
        Assert.Equal(["张小明", "张伟"], Names(page));

        box.Input("七(3)");
        Assert.Equal(["张小明", "李华"], Names(page));

        // A class without a label of its own is found by its grade's words.
        box.Input("8 年级");
        Assert.Equal(["张伟"], Names(page));

        box.Input("0022");
        Assert.Equal(["李华"], Names(page));

        // Every word must match: a name within a class.
        box.Input("张 七(3)");
        Assert.Equal(["张小明"], Names(page));
        Assert.Equal($"/students/{_api.Students[0].Id}", page.Find("[data-testid=students] tbody tr a").GetAttribute("href"));

        box.Input("王");
        Assert.NotNull(page.Find("[data-testid=no-match]"));
    }

    [Fact]
    public void The_counselling_notes_are_asked_for_only_with_a_stated_purpose_which_the_request_carries()
    {
        var student = _api.Students[0];
        _api.File = new StudentFile(["basic", "psychological-status"], new StudentBasicFacts(student.Id, student.Name, student.NationalStudentNumber, "male",
            student.BirthDate, _school, _class7_3, 7, "active", DateTimeOffset.UtcNow, null), null, null, [], []);
        _api.Notes.Add(new CounsellingNote(Guid.NewGuid(), new DateOnly(2026, 10, 9), "individual", 45, _me, "谈到与同学的矛盾，情绪稳定。", null, null));

        var page = _context.Render<StudentFilePage>(p => p.Add(c => c.StudentId, student.Id));
        Assert.Contains("张小明", page.Find("[data-testid=file-heading]").TextContent);

        page.Find("[data-testid=show-notes]").Click();
        Assert.Empty(_api.NotesReadFor);
        Assert.DoesNotContain("谈到与同学的矛盾", page.Markup);

        // Asking without a purpose: told to choose one, and nothing is asked of Records.
        page.Find("[data-testid=read-notes]").Click();
        Assert.Empty(_api.NotesReadFor);
        Assert.Contains("请先选择查看目的", page.Markup);

        var purpose = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "查看目的");
        page.InvokeAsync(() => purpose.Instance.ValueChanged.InvokeAsync("crisis-response"));
        page.Find("[data-testid=read-notes]").Click();

        Assert.Equal(["crisis-response"], _api.NotesReadFor);
        page.WaitForAssertion(() => Assert.Contains("谈到与同学的矛盾", page.Find("[data-testid=notes]").TextContent));
    }

    [Fact]
    public void A_clashing_booking_shows_the_apis_words_at_the_time_field_and_keeps_the_form()
    {
        var slot = new DutySlot(Guid.NewGuid(), _school, _me, new DateOnly(2026, 10, 13), new TimeOnly(14, 0), new TimeOnly(14, 45), false);
        _api.Slots.Add(slot);
        _api.RefuseBooking = (HttpStatusCode.Conflict,
            """{"title":"One or more validation errors occurred.","status":409,"errors":{"dutySlotId":["This slot is already booked; choose another slot."]}}""");

        var page = _context.Render<Room>();
        // Every button says what it does to a screen reader (the student field's open-the-list button too: axe's button-name).
        Assert.All(page.FindAll("button"), b => Assert.False(string.IsNullOrWhiteSpace(b.GetAttribute("aria-label") ?? b.TextContent), b.OuterHtml));
        var student = page.FindComponent<MudAutocomplete<StudentListing>>();
        var time = page.FindComponent<MudSelect<Guid?>>();
        page.InvokeAsync(() => student.Instance.ValueChanged.InvokeAsync(_api.Students[1]));
        page.InvokeAsync(() => time.Instance.ValueChanged.InvokeAsync(slot.Id));

        page.Find("[data-testid=book]").Click();

        page.WaitForAssertion(() => Assert.True(time.Instance.GetState(x => x.Error)));
        Assert.Equal("This slot is already booked; choose another slot.", time.Instance.GetState(x => x.ErrorText));
        Assert.Contains("This slot is already booked", time.Markup);
        Assert.Empty(page.FindAll("[data-testid=book-problem]"));
        // Nothing lost: the student and the time are still chosen.
        Assert.Equal(_api.Students[1], student.Instance.GetState(x => x.Value));
        Assert.Equal(slot.Id, time.Instance.GetState(x => x.Value));
    }

    [Fact]
    public async Task Moving_an_appointment_books_the_new_slot_before_cancelling_the_old_and_a_clash_leaves_the_old_one_standing()
    {
        var from = new DutySlot(Guid.NewGuid(), _school, _me, new DateOnly(2026, 10, 13), new TimeOnly(9, 0), new TimeOnly(9, 45), true);
        var to = new DutySlot(Guid.NewGuid(), _school, _me, new DateOnly(2026, 10, 14), new TimeOnly(9, 0), new TimeOnly(9, 45), false);
        _api.Slots.AddRange([from, to]);
        var old = new Appointment(Guid.NewGuid(), from.Id, _me, _api.Students[0].Id, "student", "confirmed", DateTimeOffset.UtcNow, null);
        _api.Appointments.Add(old);

        _api.RefuseBooking = (HttpStatusCode.Conflict, """{"status":409,"errors":{"dutySlotId":["This slot is already booked; choose another slot."]}}""");
        await Assert.ThrowsAnyAsync<Refit.ApiException>(() => AppointmentMove.MoveAsync(_api, _school, old, to.Id));
        Assert.Empty(_api.Cancelled);

        _api.RefuseBooking = null;
        var moved = await AppointmentMove.MoveAsync(_api, _school, old, to.Id);
        Assert.Equal(to.Id, moved.DutySlotId);
        Assert.Equal("confirmed", moved.Status);
        Assert.Equal([old.Id], _api.Cancelled);
    }
}
