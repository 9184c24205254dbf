using System.Security.Cryptography;
using System.Text;
using IcalEvent = Ical.Net.CalendarComponents.CalendarEvent;
using VTimeZone = Ical.Net.CalendarComponents.VTimeZone;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.Calendar.Data;
using XinYu.Calendar.Domain;
using XinYu.Messaging.Directory;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;
using XinYu.ServiceDefaults.Time;

namespace XinYu.Calendar.Apis;

/// <summary>A feed to subscribe to: bureau (bureau staff), school (schoolId), or teacher (staffId: the events they present or registered for).</summary>
public sealed record FeedRequest(string? Kind, Guid? SchoolId, Guid? StaffId);
public sealed record FeedView(Guid Id, string Kind, Guid? SchoolId, Guid? StaffId, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
/// <summary>The feed's address, shown once: it holds the token, and only the token's hash is kept.</summary>
public sealed record FeedCreatedView(Guid Id, string Kind, Guid? SchoolId, Guid? StaffId, string Url);

/// <summary>Settings of the feeds (configuration section <c>CalendarFeeds</c>).</summary>
public sealed class CalendarFeedOptions
{
    public const string Section = "CalendarFeeds";
    /// <summary>The public address feed URLs start with (the gateway's); empty: the address the request came to.</summary>
    public string PublicBaseUrl { get; set; } = "";
    /// <summary>How many live subscriptions one user may hold.</summary>
    public int MaxPerUser { get; set; } = 20;
}

/// <summary>
/// iCalendar (RFC 5545) feeds per bureau, school and teacher, subscribable by a URL with a revocable per-user token.
/// The feed itself is anonymous (calendar apps send no bearer token): the token in the path is the credential.
/// </summary>
public static class FeedsApi
{
    public const string Bureau = "bureau", School = "school", Teacher = "teacher";
    public const string FeedPath = "/api/calendar/ics/{token}";
    private static readonly string[] Kinds = [Bureau, School, Teacher];

    public static RouteGroupBuilder MapFeedsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/feeds", CreateAsync).RequireRoles(CalendarRoles.Readers);
        api.MapGet("/feeds", ListAsync).RequireRoles(CalendarRoles.Readers);
        api.MapDelete("/feeds/{feedId:guid}", RevokeAsync).RequireRoles(CalendarRoles.Readers);
        api.MapGet("/ics/{token}", FeedAsync).AllowAnonymous().WithName("CalendarFeed");
        return api;
    }

    internal static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static async Task<Created<FeedCreatedView>> CreateAsync(
        FeedRequest request, HttpContext http, CalendarDbContext db, TimeProvider clock, IOptions<CalendarFeedOptions> options)
    {
        var caller = CallerScope.From(http.User);
        var bureau = CalendarApi.BureauOf(caller);
        var kind = request.Kind is { } k && Kinds.Contains(k) ? k : throw new RequestRejectedException("kind", "bureau, school or teacher.");
        Guid? school = null, staff = null;
        switch (kind)
        {
            case Bureau when !caller.IsBureauStaff:
                throw new RequestRejectedException("kind", "A bureau feed is for bureau staff; subscribe to your school's.");
            case School:
                school = CalendarApi.Id(request.SchoolId, "schoolId");
                if (!caller.CanReachSchool(bureau, school.Value) || !await db.KnownSchools.AnyAsync(s => s.SchoolId == school && s.BureauId == bureau, http.RequestAborted))
                    throw new RequestRejectedException("schoolId", "No such school in your reach.");
                break;
            case Teacher:
                staff = CalendarApi.Id(request.StaffId, "staffId");
                await db.RequireStaffAsync(staff.Value, "staffId", s => caller.CanReachStaff(s.BureauId, s.SchoolId), http.RequestAborted);
                break;
        }
        if (await db.Feeds.CountAsync(f => f.OwnerSubject == caller.Subject && f.RevokedAt == null, http.RequestAborted) >= options.Value.MaxPerUser)
            throw new RequestRejectedException("kind", $"At most {options.Value.MaxPerUser} live feeds per user; revoke one.", StatusCodes.Status409Conflict);
        var token = Base64UrlToken();
        var feed = new FeedSubscription
        {
            Id = Guid.CreateVersion7(), OwnerSubject = caller.Subject, BureauId = bureau, OwnerSchoolId = caller.IsBureauStaff ? null : caller.SchoolId,
            Kind = kind, SchoolId = school, StaffId = staff, TokenHash = Hash(token), CreatedAt = clock.GetUtcNow(),
        };
        db.Feeds.Add(feed);
        await db.SaveChangesAsync(http.RequestAborted);
        var baseUrl = options.Value.PublicBaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{http.Request.Scheme}://{http.Request.Host}";
        return TypedResults.Created($"/api/calendar/feeds/{feed.Id}",
            new FeedCreatedView(feed.Id, kind, school, staff, baseUrl + FeedPath.Replace("{token}", token, StringComparison.Ordinal)));
    }

    private static string Base64UrlToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static async Task<Ok<List<FeedView>>> ListAsync(HttpContext http, CalendarDbContext db)
    {
        var caller = CallerScope.From(http.User);
        var feeds = await db.Feeds.AsNoTracking().Where(f => f.OwnerSubject == caller.Subject && f.BureauId == caller.BureauId)
            .OrderBy(f => f.CreatedAt).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(feeds.Select(f => new FeedView(f.Id, f.Kind, f.SchoolId, f.StaffId, f.CreatedAt, f.RevokedAt)).ToList());
    }

    private static async Task<Results<NoContent, NotFound>> RevokeAsync(Guid feedId, HttpContext http, CalendarDbContext db, TimeProvider clock)
    {
        var caller = CallerScope.From(http.User);
        var feed = await db.Feeds.SingleOrDefaultAsync(f => f.Id == feedId && f.OwnerSubject == caller.Subject && f.BureauId == caller.BureauId, http.RequestAborted);
        if (feed is null) return TypedResults.NotFound();
        feed.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>The feed: 404 for an unknown or revoked token (the same answer, so a token cannot be probed).</summary>
    private static async Task<IResult> FeedAsync(string token, HttpContext http, CalendarDbContext db, IOptions<CalendarRulesOptions> rules,
        SchoolClock clock)
    {
        if (token.Length is < 20 or > 100) return TypedResults.NotFound();
        var hash = Hash(token);
        var feed = await db.Feeds.AsNoTracking().SingleOrDefaultAsync(f => f.TokenHash == hash && f.RevokedAt == null, http.RequestAborted);
        if (feed is null) return TypedResults.NotFound();
        var query = db.Events.AsNoTracking().Where(e => e.BureauId == feed.BureauId);
        // A school subscriber's feeds never show more than their school and the bureau's own events.
        if (feed.OwnerSchoolId is { } own) query = query.Where(e => e.SchoolId == null || e.SchoolId == own);
        query = feed.Kind switch
        {
            School => query.Where(e => e.SchoolId == null || e.SchoolId == feed.SchoolId),
            Teacher => query.Where(e => e.PresenterStaffIds.Contains(feed.StaffId!.Value) || e.RegisteredStaffIds.Contains(feed.StaffId!.Value)),
            _ => query,
        };
        var events = await query.OrderBy(e => e.StartsAt).Take(5000).ToListAsync(http.RequestAborted);
        // Bureau and school feeds also show what the school years bring (MH week, fixed days, lecture months...).
        var derived = new List<(int, DerivedItem)>();
        if (feed.Kind is Bureau or School)
        {
            var years = await db.Terms.AsNoTracking().Where(t => t.BureauId == feed.BureauId).Select(t => t.SchoolYear).Distinct().ToListAsync(http.RequestAborted);
            foreach (var year in years.Order())
            {
                derived.AddRange((await db.DeriveAsync(feed.BureauId, year, rules.Value, http.RequestAborted) ?? []).Select(i => (year, i)));
            }
        }
        http.Response.Headers.CacheControl = "private, max-age=300";
        return TypedResults.Text(ICalendar(events, $"XinYu {feed.Kind}", clock.Zone, feed.BureauId, derived), "text/calendar; charset=utf-8");
    }

    /// <summary>
    /// The iCalendar document: UID "&lt;eventId&gt;@xinyu" (stable: an edited event replaces the old one), SEQUENCE
    /// raised by each change, LAST-MODIFIED, times in the bureau's time zone (<paramref name="zone"/>, Bureau:TimeZone) with its VTIMEZONE.
    /// </summary>
    public static string ICalendar(IEnumerable<CalendarEvent> events, string name, TimeZoneInfo zone, Guid bureauId = default, IEnumerable<(int SchoolYear, DerivedItem Item)>? derived = null)
    {
        var zoneId = zone.Id; // an IANA id on Linux, which iCalendar's TZID and NodaTime's VTIMEZONE want
        var calendar = new Ical.Net.Calendar { ProductId = "-//XinYu//Calendar//ZH" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-WR-TIMEZONE", zoneId);
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zoneId));
        foreach (var e in events)
        {
            var start = TimeZoneInfo.ConvertTime(e.StartsAt, zone).DateTime;
            calendar.Events.Add(new IcalEvent
            {
                Uid = Uid(e.Id),
                Summary = e.Title,
                Description = e.Kind,
                Location = e.Place,
                DtStart = new CalDateTime(DateTime.SpecifyKind(start, DateTimeKind.Unspecified), zoneId),
                DtEnd = new CalDateTime(DateTime.SpecifyKind(start.AddMinutes(e.DurationMinutes), DateTimeKind.Unspecified), zoneId),
                Sequence = e.Sequence,
                LastModified = new CalDateTime(e.UpdatedAt.UtcDateTime, "UTC"),
                DtStamp = new CalDateTime(e.UpdatedAt.UtcDateTime, "UTC"),
                Status = e.CancelledAt is null ? "CONFIRMED" : "CANCELLED",
            });
        }
        // Derived items are all-day events; their UID is the bureau, school year, kind and ordinal of the item of that
        // kind (and grade), so changed term dates move them rather than duplicate them.
        foreach (var group in (derived ?? []).GroupBy(d => (d.SchoolYear, d.Item.Kind, d.Item.Grade)))
        {
            var n = 0;
            foreach (var (year, item) in group)
            {
                n++;
                calendar.Events.Add(new IcalEvent
                {
                    Uid = $"derived-{bureauId:N}-{year}-{item.Kind}{(item.Grade is { } g ? $"-g{g}" : "")}-{n}@xinyu",
                    Summary = item.Title,
                    Description = item.ActivityOn is { } on && on != item.From
                        ? $"{item.Kind}; activities on {on:yyyy-MM-dd}" : item.Kind,
                    DtStart = new CalDateTime(item.From),
                    DtEnd = new CalDateTime(item.To.AddDays(1)),
                    Transparency = "TRANSPARENT",
                });
            }
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    public static string Uid(Guid eventId) => $"{eventId}@xinyu";
}
