using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace XinYu.EndToEnd.Tests;

/// <summary>Schools from the directory (Staffing) and school accounts (Identity) that refer to them.</summary>
public static class DirectoryClient
{
    /// <summary>Registers a school as the bureau admin; Staffing announces it to the other services.</summary>
    public static async Task<Guid> CreateSchoolAsync(HttpClient admin)
    {
        var code = "E2E" + Random.Shared.Next(1_000_000, 9_999_999);
        using var response = await admin.PostAsJsonAsync("/api/staffing/schools", new
        {
            name = "实验中学 " + code, code, level = "junior", urban = true, boarding = false, studentCount = 900, legalEntity = true,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>
    /// Creates a school account, waiting for identity to learn the school (and the classes) from the directory's events
    /// (they arrive through the outbox and the broker, usually within a second).
    /// </summary>
    public static async Task<HttpResponseMessage> CreateAccountAsync(HttpClient admin, object account)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await admin.PostAsJsonAsync("/api/identity/accounts", account);
            if (response.StatusCode != HttpStatusCode.BadRequest || DateTime.UtcNow > deadline) return response;
            var body = await response.Content.ReadAsStringAsync();
            if (!body.Contains("\"schoolId\"", StringComparison.Ordinal) && !body.Contains("\"classIds", StringComparison.Ordinal)) return response;
            response.Dispose();
            await Task.Delay(200);
        }
    }
}
