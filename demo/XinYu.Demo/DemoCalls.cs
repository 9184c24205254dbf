using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using XinYu.Testing.Suite;

namespace XinYu.Demo;

/// <summary>The demo's calls through the gateway, as one signed-in member of staff; a refusal stops the demo with its words.</summary>
public sealed class DemoCalls(HttpClient http) : IDisposable
{
    /// <summary>How long the demo waits for a service to learn what another announced (outbox, broker, inbox).</summary>
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(60);

    /// <summary>Signs in at the identity service as a person does (its sign-in page, authorization code with PKCE).</summary>
    public static async Task<DemoCalls> SignInAsync(Uri gateway, string email, string password, string? newPassword = null)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = gateway };
        var tokens = await OAuthClient.SignInAsync(browser, email, password, newPassword);
        var http = new HttpClient { BaseAddress = gateway };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        http.DefaultRequestHeaders.Add("X-Purpose", "demo data set-up");
        return new DemoCalls(http);
    }

    public async Task<JsonElement> GetAsync(string path) => await ReadAsync(await http.GetAsync(path));

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body) =>
        await ReadAsync(await http.SendAsync(Request(method, path, body)));

    public Task<JsonElement> PostAsync(string path, object? body) => SendAsync(HttpMethod.Post, path, body);

    public async Task<JsonElement> PostCsvAsync(string path, string csv) =>
        await ReadAsync(await http.PostAsync(path, new StringContent(csv, System.Text.Encoding.UTF8, "text/csv")));

    /// <summary>
    /// A call that names something another service announced a moment ago (a new school, class or staff member): until
    /// the announcement arrives it is refused with a 400 or 404 that stores nothing, so trying again is safe.
    /// </summary>
    public async Task<JsonElement> OnceKnownAsync(HttpMethod method, string path, object? body)
    {
        var deadline = DateTime.UtcNow + Delivery;
        while (true)
        {
            var response = await http.SendAsync(Request(method, path, body));
            if (response.IsSuccessStatusCode || DateTime.UtcNow > deadline
                || response.StatusCode is not (HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Conflict))
            {
                return await ReadAsync(response);
            }
            response.Dispose();
            await Task.Delay(500);
        }
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, object? body) =>
        new(method, path) { Content = body is null ? null : JsonContent.Create(body) };

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
                throw new DemoFailedException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}: {text}");
            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    public void Dispose() => http.Dispose();
}

public sealed class DemoFailedException(string message) : Exception(message);
