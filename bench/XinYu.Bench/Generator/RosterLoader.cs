using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace XinYu.Bench.Generator;

/// <summary>
/// Enrols the generated students through Records' roster import (CSV, as school systems export it), after each
/// school names its classes; then reads the students' ids back through the API.
/// </summary>
public static class RosterLoader
{
    private const string Header = "姓名,学籍号,性别,出生日期,班级,监护人,监护人关系,监护人电话";

    public static async Task LoadAsync(BenchSuite suite, LoadedBureau bureau, int parallel = 4)
    {
        var clock = Stopwatch.StartNew();
        var rows = 0;
        long importTicks = 0;
        await Parallel.ForEachAsync(bureau.Schools, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (school, ct) =>
        {
            using var admin = BenchSuite.LoadClient(new Uri(suite.Issuer), school.SchoolAdminToken);
            foreach (var (plan, classId) in school.Classes)
            {
                // Records learns the class from the directory's ClassOpened; wait for it, then give it the school's label.
                for (var attempt = 0; ; attempt++)
                {
                    using var named = await admin.PutAsJsonAsync($"/api/records/schools/{school.Id}/classes/{classId}/name", new { name = plan.Name }, ct);
                    if (named.IsSuccessStatusCode) break;
                    if (attempt > 300) throw new InvalidOperationException($"Records never learnt class {classId}: {(int)named.StatusCode}");
                    await Task.Delay(100, ct);
                }
            }
            var csv = new StringBuilder(Header).Append("\r\n");
            foreach (var (plan, _) in school.Classes)
            {
                foreach (var s in plan.Students)
                {
                    csv.Append($"{s.Name},{s.StudentNumber},{s.Gender},{s.BirthDate:yyyy-MM-dd},{plan.Name},{s.GuardianName},{s.GuardianRelation},{s.GuardianPhone}\r\n");
                }
            }
            var started = Stopwatch.GetTimestamp();
            using var imported = await admin.PostAsync($"/api/records/schools/{school.Id}/roster", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"), ct);
            if (!imported.IsSuccessStatusCode) throw new InvalidOperationException($"Roster of {school.Plan.Code}: {(int)imported.StatusCode} {await imported.Content.ReadAsStringAsync(ct)}");
            Interlocked.Add(ref rows, school.Plan.StudentCount);
            Interlocked.Add(ref importTicks, Stopwatch.GetTimestamp() - started);

            using var counsellor = BenchSuite.LoadClient(new Uri(suite.Issuer), school.CounsellorToken);
            var list = JsonDocument.Parse(await counsellor.GetStringAsync($"/api/records/schools/{school.Id}/students", ct)).RootElement;
            foreach (var s in list.EnumerateArray())
            {
                school.Students.Add((s.GetProperty("id").GetGuid(), s.GetProperty("classId").GetGuid(), s.GetProperty("grade").GetInt32()));
            }
        });
        bureau.RosterSeconds = clock.Elapsed.TotalSeconds;
        bureau.RosterRows = rows;
        bureau.RosterImportSeconds = importTicks / (double)Stopwatch.Frequency;
    }
}
