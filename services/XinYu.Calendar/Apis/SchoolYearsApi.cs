using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.Calendar.Data;
using XinYu.Calendar.Domain;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;
using XinYu.ServiceDefaults.Data;

namespace XinYu.Calendar.Apis;

public sealed record TermRequest(DateOnly? StartsOn, DateOnly? EndsOn);
public sealed record ExamRequest(string? Name, DateOnly? Date);
/// <summary>A school year: <see cref="SchoolYear"/> is its first calendar year (2026 for 2026–2027).</summary>
public sealed record SchoolYearRequest(int? SchoolYear, TermRequest? Autumn, TermRequest? Spring, List<ExamRequest>? Exams);
public sealed record TermView(Guid Id, int Number, DateOnly StartsOn, DateOnly EndsOn);
public sealed record ExamView(string Name, DateOnly Date);
public sealed record SchoolYearView(int SchoolYear, List<TermView> Terms, List<ExamView> Exams);

public sealed record OfficialDayRequest(DateOnly? Date, string? Kind, string? Name);
/// <summary>The official public-holiday list of one calendar year: holidays and make-up working days (调休).</summary>
public sealed record HolidayListRequest(int? Year, List<OfficialDayRequest>? Days);
public sealed record OfficialDayView(DateOnly Date, string Kind, string? Name);
public sealed record HolidayListView(int Year, List<OfficialDayView> Days);

public sealed record DerivedItemView(string Kind, string Title, DateOnly From, DateOnly To, DateOnly? ActivityOn, int? Term, int? Grade, bool Required);

/// <summary>School years, terms, exam dates and holiday lists (the bureau admin sets them), and the calendar they derive.</summary>
public static class SchoolYearsApi
{
    public const int MinYear = 2000, MaxYear = 2100, MaxExams = 20, MaxOfficialDays = 60;

    public static RouteGroupBuilder MapSchoolYearsApi(this RouteGroupBuilder api)
    {
        api.MapPut("/school-years", PutSchoolYearAsync).RequireRoles(CalendarRoles.BureauManagers);
        api.MapGet("/school-years", ListSchoolYearsAsync).RequireRoles(CalendarRoles.Readers);
        api.MapPut("/holidays", PutHolidaysAsync).RequireRoles(CalendarRoles.BureauManagers);
        api.MapGet("/holidays", GetHolidaysAsync).RequireRoles(CalendarRoles.Readers);
        api.MapGet("/derived", DerivedAsync).RequireRoles(CalendarRoles.Readers);
        return api;
    }

    internal static int Year(int? year, string field) =>
        year is >= MinYear and <= MaxYear ? year.Value : throw new RequestRejectedException(field, $"A year from {MinYear} to {MaxYear}.");

    /// <summary>Validates a school year's dates: autumn starts July–October of the first year; spring follows it and ends by August 31.</summary>
    internal static SchoolYearLayout Validate(SchoolYearRequest request)
    {
        var y = Year(request.SchoolYear, "schoolYear");
        TermDates Term(TermRequest? term, int number, string field, DateOnly earliestStart, DateOnly latestStart, DateOnly latestEnd)
        {
            if (term is null) throw new RequestRejectedException(field, "Give the term's startsOn and endsOn.");
            var start = RequestValidation.Required(term.StartsOn, $"{field}.startsOn", "Give the term's first day.");
            var end = RequestValidation.Required(term.EndsOn, $"{field}.endsOn", "Give the term's last day.");
            if (start < earliestStart || start > latestStart)
                throw new RequestRejectedException($"{field}.startsOn", $"Between {earliestStart:yyyy-MM-dd} and {latestStart:yyyy-MM-dd}.");
            if (end < start.AddDays(27) || end > latestEnd)
                throw new RequestRejectedException($"{field}.endsOn", $"At least four weeks after the start and no later than {latestEnd:yyyy-MM-dd}.");
            return new TermDates(number, start, end);
        }
        var autumn = Term(request.Autumn, 1, "autumn", new DateOnly(y, 7, 1), new DateOnly(y, 10, 31), new DateOnly(y + 1, 3, 31));
        var spring = Term(request.Spring, 2, "spring", new DateOnly(y + 1, 1, 1), new DateOnly(y + 1, 4, 30), new DateOnly(y + 1, 8, 31));
        if (spring.StartsOn <= autumn.EndsOn) throw new RequestRejectedException("spring.startsOn", "The spring term starts after the autumn term ends.");
        var exams = request.Exams ?? [];
        if (exams.Count > MaxExams) throw new RequestRejectedException("exams", $"At most {MaxExams} exams.");
        var list = new List<ExamDate>();
        for (var i = 0; i < exams.Count; i++)
        {
            var exam = exams[i] ?? throw new RequestRejectedException($"exams[{i}]", "Give the exam's name and date.");
            var name = RequestValidation.SingleLine(exam.Name, $"exams[{i}].name", 50);
            var date = RequestValidation.Required(exam.Date, $"exams[{i}].date", "Give the exam's date.");
            if (date < autumn.StartsOn || date > spring.EndsOn)
                throw new RequestRejectedException($"exams[{i}].date", "Within the school year (from the autumn term's start to the spring term's end).");
            if (list.Any(e => e.Name == name && e.Date == date)) throw new RequestRejectedException($"exams[{i}]", "Listed twice.");
            list.Add(new ExamDate(name, date));
        }
        return new SchoolYearLayout(y, autumn, spring, list);
    }

    private static async Task<Ok<SchoolYearView>> PutSchoolYearAsync(SchoolYearRequest request, HttpContext http, CalendarDbContext db)
    {
        var bureau = CalendarApi.BureauOf(CallerScope.From(http.User));
        var layout = Validate(request);
        var terms = await db.Terms.Where(t => t.BureauId == bureau && t.SchoolYear == layout.StartYear).ToListAsync(http.RequestAborted);
        foreach (var dates in layout.Terms)
        {
            var term = terms.SingleOrDefault(t => t.Number == dates.Number);
            if (term is null)
            {
                term = new Term { Id = Guid.CreateVersion7(), BureauId = bureau, SchoolYear = layout.StartYear, Number = dates.Number };
                db.Terms.Add(term);
                terms.Add(term);
            }
            else if (term.StartsOn == dates.StartsOn && term.EndsOn == dates.EndsOn)
            {
                continue; // unchanged: nothing to tell
            }
            term.StartsOn = dates.StartsOn;
            term.EndsOn = dates.EndsOn;
            db.Publish(new TermScheduled
            {
                BureauId = bureau, TermId = term.Id, SchoolYear = term.SchoolYear, Number = term.Number, StartsOn = term.StartsOn, EndsOn = term.EndsOn,
            }, $"term:{term.Id}");
        }
        db.Exams.RemoveRange(await db.Exams.Where(e => e.BureauId == bureau && e.SchoolYear == layout.StartYear).ToListAsync(http.RequestAborted));
        db.Exams.AddRange(layout.Exams.Select(e => new Exam { Id = Guid.CreateVersion7(), BureauId = bureau, SchoolYear = layout.StartYear, Name = e.Name, Date = e.Date }));
        await SaveAsync(db, http.RequestAborted);
        return TypedResults.Ok(View(layout.StartYear, terms, layout.Exams));
    }

    private static SchoolYearView View(int year, IEnumerable<Term> terms, IEnumerable<ExamDate> exams) => new(year,
        terms.OrderBy(t => t.Number).Select(t => new TermView(t.Id, t.Number, t.StartsOn, t.EndsOn)).ToList(),
        exams.OrderBy(e => e.Date).ThenBy(e => e.Name, StringComparer.Ordinal).Select(e => new ExamView(e.Name, e.Date)).ToList());

    private static async Task<Ok<List<SchoolYearView>>> ListSchoolYearsAsync(HttpContext http, CalendarDbContext db)
    {
        var bureau = CalendarApi.BureauOf(CallerScope.From(http.User));
        var terms = await db.Terms.AsNoTracking().Where(t => t.BureauId == bureau).ToListAsync(http.RequestAborted);
        var exams = await db.Exams.AsNoTracking().Where(e => e.BureauId == bureau).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(terms.GroupBy(t => t.SchoolYear).OrderBy(g => g.Key)
            .Select(g => View(g.Key, g, exams.Where(e => e.SchoolYear == g.Key).Select(e => new ExamDate(e.Name, e.Date)))).ToList());
    }

    private static async Task<Ok<HolidayListView>> PutHolidaysAsync(HolidayListRequest request, HttpContext http, CalendarDbContext db)
    {
        var bureau = CalendarApi.BureauOf(CallerScope.From(http.User));
        var year = Year(request.Year, "year");
        var days = request.Days ?? throw new RequestRejectedException("days", "Give the year's holidays and make-up working days.");
        if (days.Count is 0 or > MaxOfficialDays) throw new RequestRejectedException("days", $"From 1 to {MaxOfficialDays} days.");
        var list = new List<OfficialHoliday>();
        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i] ?? throw new RequestRejectedException($"days[{i}]", "Give the day's date and kind.");
            var date = RequestValidation.Required(day.Date, $"days[{i}].date", "Give the date.");
            if (date.Year != year) throw new RequestRejectedException($"days[{i}].date", $"A day of {year}.");
            if (!DayKinds.TryParse(day.Kind, out var kind)) throw new RequestRejectedException($"days[{i}].kind", "holiday or workday.");
            if (kind == DayKind.Workday && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                throw new RequestRejectedException($"days[{i}].kind", "A make-up working day (调休) is a Saturday or Sunday.");
            if (list.Any(d => d.Date == date)) throw new RequestRejectedException($"days[{i}].date", "Listed twice.");
            list.Add(new OfficialHoliday { BureauId = bureau, Date = date, Year = year, Kind = kind.ToName(), Name = RequestValidation.OptionalSingleLine(day.Name, $"days[{i}].name", 20) });
        }
        db.Holidays.RemoveRange(await db.Holidays.Where(h => h.BureauId == bureau && h.Year == year).ToListAsync(http.RequestAborted));
        db.Holidays.AddRange(list);
        db.Publish(new HolidayListSet
        {
            BureauId = bureau, Year = year,
            Days = list.OrderBy(d => d.Date).Select(d => new OfficialDay(d.Date, d.Kind == "workday" ? DayKind.Workday : DayKind.Holiday, d.Name)).ToList(),
        }, $"holidays:{bureau}:{year}");
        await SaveAsync(db, http.RequestAborted);
        return TypedResults.Ok(new HolidayListView(year, list.OrderBy(d => d.Date).Select(d => new OfficialDayView(d.Date, d.Kind, d.Name)).ToList()));
    }

    private static async Task<Ok<HolidayListView>> GetHolidaysAsync(int? year, HttpContext http, CalendarDbContext db)
    {
        var bureau = CalendarApi.BureauOf(CallerScope.From(http.User));
        var y = Year(year, "year");
        var days = await db.Holidays.AsNoTracking().Where(h => h.BureauId == bureau && h.Year == y).OrderBy(h => h.Date).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(new HolidayListView(y, days.Select(d => new OfficialDayView(d.Date, d.Kind, d.Name)).ToList()));
    }

    private static async Task<Results<Ok<List<DerivedItemView>>, NotFound>> DerivedAsync(
        int? schoolYear, HttpContext http, CalendarDbContext db, IOptions<CalendarRulesOptions> rules)
    {
        var bureau = CalendarApi.BureauOf(CallerScope.From(http.User));
        var year = Year(schoolYear, "schoolYear");
        if (await db.DeriveAsync(bureau, year, rules.Value, http.RequestAborted) is not { } items) return TypedResults.NotFound();
        return TypedResults.Ok(items.Select(i => new DerivedItemView(i.Kind, i.Title, i.From, i.To, i.ActivityOn, i.Term, i.Grade, i.Required)).ToList());
    }

    /// <summary>The bureau's derived calendar for a school year, or null when the bureau has not set that year's terms.</summary>
    internal static async Task<IReadOnlyList<DerivedItem>?> DeriveAsync(this CalendarDbContext db, Guid bureau, int year, CalendarRulesOptions rules, CancellationToken ct)
    {
        var terms = await db.Terms.AsNoTracking().Where(t => t.BureauId == bureau && t.SchoolYear == year).OrderBy(t => t.Number).ToListAsync(ct);
        if (terms.Count != 2) return null;
        var exams = await db.Exams.AsNoTracking().Where(e => e.BureauId == bureau && e.SchoolYear == year).ToListAsync(ct);
        var holidays = await db.Holidays.AsNoTracking().Where(h => h.BureauId == bureau && (h.Year == year || h.Year == year + 1)).ToListAsync(ct);
        var layout = new SchoolYearLayout(year,
            new TermDates(1, terms[0].StartsOn, terms[0].EndsOn), new TermDates(2, terms[1].StartsOn, terms[1].EndsOn),
            exams.Select(e => new ExamDate(e.Name, e.Date)).ToList());
        var days = new WorkingDays(holidays.Select(h => new OfficialDay(h.Date, h.Kind == "workday" ? DayKind.Workday : DayKind.Holiday, h.Name)));
        return CalendarRules.Derive(layout, days, rules);
    }

    /// <summary>Two admins saving the same year at once: the loser is told to retry (409), never a 500.</summary>
    internal static Task SaveAsync(CalendarDbContext db, CancellationToken ct) =>
        db.SaveOrConflictAsync("request", "Changed by someone else at the same time; try again.", ct);
}
