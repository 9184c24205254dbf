using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace XinYu.Bench.Generator;

/// <summary>One loaded school: its directory ids and the signed-in staff the scenarios act as.</summary>
public sealed class LoadedSchool(PlannedSchool plan, Guid id)
{
    public PlannedSchool Plan { get; } = plan;
    public Guid Id { get; } = id;
    public List<(PlannedClass Plan, Guid Id)> Classes { get; } = [];
    public List<Guid> Staff { get; } = [];
    /// <summary>Students as Records knows them: (student id, class id, grade).</summary>
    public List<(Guid Id, Guid ClassId, int Grade)> Students { get; } = [];
    public string SchoolAdminToken { get; set; } = "";
    public string CounsellorToken { get; set; } = "";
    public Guid CounsellorStaffId { get; set; }
}

public sealed class LoadedBureau(BureauPlan plan)
{
    public BureauPlan Plan { get; } = plan;
    public ConcurrentBag<LoadedSchool> Schools { get; } = [];
    public double DirectorySeconds { get; set; }
    /// <summary>Summed over schools: inside the directory-load requests (the accounts' time: <see cref="BenchSuite.AccountTimes"/>).</summary>
    public double DirectoryRequestSeconds { get; set; }
    public double RosterSeconds { get; set; }
    public int RosterRows { get; set; }
    /// <summary>Time spent inside the import requests alone (summed over schools).</summary>
    public double RosterImportSeconds { get; set; }
}

/// <summary>
/// Loads a generated bureau through the public API, as a bureau would: the bureau admin registers schools; each
/// school's admin (an account the bureau admin creates) loads its classes and staff in one request; rosters are imported into
/// Records. Schools load a few at a time.
/// </summary>
public static class BureauLoader
{
    public static async Task<LoadedBureau> LoadDirectoryAsync(BenchSuite suite, BureauPlan plan, int parallel = 4)
    {
        var loaded = new LoadedBureau(plan);
        using var admin = suite.AdminClient();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(plan.Schools, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (school, ct) =>
        {
            var id = await CreatedIdAsync(await admin.PostAsJsonAsync("/api/staffing/schools", new
            {
                name = school.Name, code = school.Code, level = school.Level, urban = school.Urban, boarding = school.Boarding,
                studentCount = school.StudentCount, legalEntity = school.LegalEntity,
            }, ct));
            var entry = new LoadedSchool(school, id) { SchoolAdminToken = await suite.StaffTokenAsync(admin, id, "school-admin") };
            using var schoolAdmin = BenchSuite.LoadClient(new Uri(suite.Issuer), entry.SchoolAdminToken);
            var request = Stopwatch.StartNew();
            // One request per school (Staffing's directory load): one transaction, the same events as one by one.
            var created = await CreatedAsync(await schoolAdmin.PostAsJsonAsync($"/api/staffing/schools/{id}/directory", new
            {
                classes = school.Classes.Select(c => new { grade = c.Grade, name = c.Name, entryYear = c.EntryYear }),
                staff = school.Staff.Select(m => new { displayName = m.DisplayName, roles = m.Roles, hireDate = "2020-09-01" }),
            }, ct));
            lock (loaded) loaded.DirectoryRequestSeconds += request.Elapsed.TotalSeconds;
            entry.Classes.AddRange(school.Classes.Zip(created.GetProperty("classes").EnumerateArray().Select(c => c.GetProperty("id").GetGuid())));
            entry.Staff.AddRange(created.GetProperty("staff").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()));
            entry.CounsellorStaffId = entry.Staff[0]; // the generator lists the psych teacher first
            entry.CounsellorToken = await suite.StaffTokenAsync(admin, id, "counsellor");
            loaded.Schools.Add(entry);
        });
        loaded.DirectorySeconds = clock.Elapsed.TotalSeconds;
        return loaded;
    }

    public static async Task<Guid> CreatedIdAsync(HttpResponseMessage response) => (await CreatedAsync(response)).GetProperty("id").GetGuid();

    /// <summary>The body of a 201; anything else stops the load, naming the request and its answer.</summary>
    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Created)
                throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {(int)response.StatusCode} {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }
}
