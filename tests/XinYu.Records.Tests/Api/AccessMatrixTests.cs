using System.Net;
using System.Net.Http.Json;
using XinYu.Testing.Services;

namespace XinYu.Records.Tests.Api;

/// <summary>
/// The records rows of the access matrix (tests/XinYu.EndToEnd.Tests/AccessMatrix.Records.cs), checked here against the
/// service alone: every role and a partner client, random ids; allowed callers are never 401/403, others exactly 403.
/// </summary>
public sealed class AccessMatrixTests(RecordsApp app) : IClassFixture<RecordsApp>
{
    private static readonly (string Method, string Template, string[] Allowed, bool Body)[] Rows =
    [
        new("POST", "/api/records/schools/{schoolId}/roster", ["bureau-admin", "school-admin"], true),
        new("GET", "/api/records/schools/{schoolId}/students", ["school-admin", "counsellor", "head-teacher"], false),
        new("GET", "/api/records/schools/{schoolId}/classes", ["school-admin", "counsellor"], false),
        new("PUT", "/api/records/schools/{schoolId}/classes/{classId}/name", ["school-admin"], true),
        new("POST", "/api/records/students/{studentId}/guardians", ["school-admin", "counsellor"], true),
        new("POST", "/api/records/students/{studentId}/leave", ["bureau-admin", "school-admin"], true),
        new("POST", "/api/records/students/{studentId}/consents", ["school-admin", "counsellor"], true),
        new("GET", "/api/records/students/{studentId}/consents", ["school-admin", "counsellor"], false),
        new("GET", "/api/records/students/{studentId}/file", ["bureau-admin", "bureau-officer", "school-admin", "counsellor", "head-teacher"], false),
        new("GET", "/api/records/students/{studentId}/print", ["bureau-admin", "bureau-officer", "school-admin", "counsellor", "head-teacher"], false),
        new("POST", "/api/records/students/{studentId}/entries", ["counsellor"], true),
        new("GET", "/api/records/students/{studentId}/counselling-notes", ["counsellor"], false),
        new("POST", "/api/records/students/{studentId}/hand-overs", ["bureau-admin", "school-admin", "counsellor"], true),
        new("GET", "/api/records/schools/{schoolId}/hand-overs", ["bureau-admin", "school-admin", "counsellor"], false),
        new("POST", "/api/records/hand-overs/{proposalId}/accept", ["bureau-admin", "school-admin", "counsellor"], true),
        new("POST", "/api/records/hand-overs/{proposalId}/decline", ["bureau-admin", "school-admin", "counsellor"], false),
        new("GET", "/api/records/schools/{schoolId}/hand-over-receipts", ["bureau-admin", "school-admin", "counsellor"], false),
        new("POST", "/api/records/schools/{schoolId}/duty-slots", ["school-admin", "counsellor"], true),
        new("GET", "/api/records/schools/{schoolId}/duty-slots", ["school-admin", "counsellor", "head-teacher"], false),
        new("POST", "/api/records/schools/{schoolId}/appointments", ["counsellor", "head-teacher"], true),
        new("GET", "/api/records/schools/{schoolId}/appointments", ["counsellor"], false),
        new("POST", "/api/records/schools/{schoolId}/appointments/{appointmentId}/confirm", ["counsellor"], false),
        new("POST", "/api/records/schools/{schoolId}/appointments/{appointmentId}/cancel", ["counsellor"], false),
        new("POST", "/api/records/schools/{schoolId}/appointments/{appointmentId}/no-show", ["counsellor"], false),
        new("POST", "/api/records/schools/{schoolId}/sessions", ["counsellor"], true),
        new("GET", "/api/records/schools/{schoolId}/sessions", ["counsellor"], false),
        new("GET", "/api/records/exchange/keys", ["bureau-admin"], false),
        new("PUT", "/api/records/exchange/partners/{partnerBureauId}", ["bureau-admin"], true),
        new("POST", "/api/records/exchange/partners/{partnerBureauId}/approve", ["bureau-admin"], false),
        new("POST", "/api/records/students/{studentId}/export-package", ["bureau-admin"], true),
        new("POST", "/api/records/exchange/imports", ["bureau-admin"], true),
        new("GET", "/api/records/bureau/overview", ["bureau-admin", "bureau-officer"], false),
    ];

    private static readonly string[] Roles = ["bureau-admin", "bureau-officer", "school-admin", "counsellor", "head-teacher", "mentor", "auditor"];

    public static IEnumerable<object[]> Endpoints => Rows.Select((_, i) => new object[] { i });

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Each_caller_is_allowed_or_refused_as_the_matrix_says(int row)
    {
        var (method, template, allowed, body) = Rows[row];
        var path = System.Text.RegularExpressions.Regex.Replace(template, @"\{[^}]+\}", _ => Guid.NewGuid().ToString());
        var bureau = Guid.NewGuid();
        var callers = Roles.Select(r => (r, new TestCaller(r, bureau, Guid.NewGuid(), [Guid.NewGuid()])))
            .Append(("partner", TestCaller.Partner(bureau, "agency-" + Guid.NewGuid().ToString("N")[..6], "xinyu.referrals", "xinyu.crisis-export", "xinyu.joint-cases")));
        foreach (var (name, caller) in callers)
        {
            using var client = app.As(caller);
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body ? JsonContent.Create(new { }) : null };
            using var response = await client.SendAsync(request);
            if (allowed.Contains(name))
                Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)response.StatusCode < 500,
                    $"{name} {method} {template}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            else
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{name} {method} {template}: {(int)response.StatusCode}");
        }
        using var anonymous = app.CreateClient();
        using var anonymousResponse = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = body ? JsonContent.Create(new { }) : null });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousResponse.StatusCode);
    }
}
