using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using XinYu.Contracts;
using XinYu.Liaison.Data;
using XinYu.Liaison.Jobs;
using XinYu.Messaging.Directory;
using XinYu.Messaging.Outbox;
using XinYu.Testing;
using XinYu.Testing.Services;
using XinYu.ServiceDefaults.Time;
using Microsoft.Extensions.Options;

namespace XinYu.Liaison.Tests;

/// <summary>
/// The real liaison service on a fresh <c>liaisondb</c> of the test servers (see <see cref="ServiceApp{TEntryPoint, TContext}"/>),
/// with a controllable clock (<see cref="Clock"/>, starting at the real time) and the background sweep effectively
/// off: tests run <see cref="SweepAsync"/> themselves.
/// </summary>
public sealed class LiaisonApp() : ServiceApp<Program, LiaisonDbContext>("liaisondb")
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(DateTime.UtcNow.Date.AddHours(DateTime.UtcNow.Hour), TimeSpan.Zero));

    /// <summary>Today's school date at <see cref="Clock"/>, as the service reckons it (Bureau:TimeZone's default).</summary>
    public DateOnly Today => new SchoolClock(Clock, Options.Create(new BureauOptions())).Today();

    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Liaison:SweepInterval", "1.00:00:00")];

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    /// <summary>Publishes another service's event on the real bus, with its own id as the transport id (as the outbox does).</summary>
    public Task PublishAsync<T>(T evt) where T : IntegrationEvent =>
        Services.GetRequiredService<IBus>().Publish(evt, context => context.MessageId = evt.MessageId);

    public Task WaitForAsync(Func<LiaisonDbContext, Task<bool>> condition, string what) =>
        Eventually.AssertAsync(() => QueryAsync(condition), TimeSpan.FromSeconds(30), what);

    /// <summary>Makes a staff member known, as Staffing's StaffRegistered would (no school: the bureau's research staff).</summary>
    public Task<Guid> KnownStaffAsync(Guid bureau, Guid? school, params string[] roles) => QueryAsync(async db =>
    {
        var id = Guid.NewGuid();
        db.KnownStaff.Add(new KnownStaffMember { StaffId = id, BureauId = bureau, SchoolId = school, Roles = roles.Length > 0 ? [.. roles] : ["head-teacher"], LearnedAt = Clock.GetUtcNow() });
        await db.SaveChangesAsync();
        return id;
    });

    public async Task<int> SweepAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OverdueSweep>().RunAsync(CancellationToken.None);
    }

    public Task<List<OutboxMessage>> OutboxAsync(string type, Guid studentId) => QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking()
        .Where(m => m.AggregateKey == $"student:{studentId}" && m.MessageType.StartsWith($"XinYu.Contracts.{type},"))
        .OrderBy(m => m.Sequence).ToListAsync());
}

/// <summary>A bureau with its schools, classes and students, fed to liaison as the directory and records would.</summary>
public sealed class Roster(LiaisonApp app)
{
    private readonly Dictionary<Guid, Guid> visitors = [];

    public Guid Bureau { get; } = Guid.NewGuid();

    /// <summary>A school of the bureau, with one staff member liaison knows (<see cref="Visitor"/>) to name on visits.</summary>
    public async Task<Guid> SchoolAsync()
    {
        var school = Guid.NewGuid();
        await app.PublishAsync(new SchoolRegistered { BureauId = Bureau, SchoolId = school, Level = "junior", Urban = true, Boarding = false, StudentCount = 100, LegalEntity = true });
        visitors[school] = await app.KnownStaffAsync(Bureau, school);
        // The school arrives through the bus; the staff member is written directly. Wait for the school.
        await app.WaitForAsync(db => db.Schools.AnyAsync(s => s.SchoolId == school), "the school");
        return school;
    }

    /// <summary>A staff member of <paramref name="school"/> (as learned from the directory), who may go on its home visits.</summary>
    public Guid Visitor(Guid school) => visitors[school];

    public async Task<Guid> ClassAsync(Guid school, int grade = 7)
    {
        var @class = Guid.NewGuid();
        await app.PublishAsync(new ClassOpened { BureauId = Bureau, SchoolId = school, ClassId = @class, Grade = grade, EntryYear = 2026 });
        return @class;
    }

    public async Task<List<Guid>> EnrolAsync(Guid school, Guid @class, int count)
    {
        var students = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        foreach (var s in students)
            await app.PublishAsync(new StudentEnrolled { BureauId = Bureau, SchoolId = school, StudentId = s, ClassId = @class, Grade = 7 });
        return students;
    }

    /// <summary>Waits until liaison has learned <paramref name="count"/> students of the bureau (left ones included).</summary>
    public Task LearnedAsync(int count) => app.WaitForAsync(async db => await db.Students.CountAsync(s => s.BureauId == Bureau) == count,
        $"{count} students on the bureau's roll");

    public async Task TermsAsync(params (int Year, int Number, DateOnly Starts, DateOnly Ends)[] terms)
    {
        foreach (var t in terms)
            await app.PublishAsync(new TermScheduled { BureauId = Bureau, TermId = Guid.NewGuid(), SchoolYear = t.Year, Number = t.Number, StartsOn = t.Starts, EndsOn = t.Ends });
        await app.WaitForAsync(async db => await db.Terms.CountAsync(x => x.BureauId == Bureau) == terms.Length, "the terms");
    }
}

internal static class Http
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static async Task<JsonElement> OkAsync(this Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public static async Task RejectedAsync(this Task<HttpResponseMessage> call, string field, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {body}");
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), body);
    }

    public static async Task StatusAsync(this Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        using var response = await call;
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <param name="visitor">A staff member of the student's school (<see cref="Roster.Visitor"/>).</param>
    public static object Visit(Guid visitor, DateOnly on, string notes = "家长配合", params string[] followUps) => new
    {
        visitedOn = on.ToString("yyyy-MM-dd"), visitorStaffIds = new[] { visitor }, met = new[] { "mother", "student" },
        topics = new[] { "mental-health", "study" }, followUps, notes,
    };

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body);
}

/// <summary>
/// One liaison service for every API test class: the service's queues are named by the service, so two instances on
/// the test broker would compete for each other's events.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LiaisonCollection : ICollectionFixture<LiaisonApp>
{
    public const string Name = "liaison";
}
