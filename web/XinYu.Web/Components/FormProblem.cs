using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using Refit;
using XinYu.Web.Resources;

namespace XinYu.Web.Components;

/// <summary>
/// What a form shows when the API refused what was sent or could not be reached: the API's words next to each field
/// its problem details (RFC 9457, ASP.NET's <c>errors</c> extension) names, and one line for the rest. A form keeps
/// what was typed: a 503 or a dropped connection says "try again", never clears the form.
/// </summary>
/// <remarks>
/// The services name fields as the JSON body names them (camelCase, RequestRejectedException's field); a form asks
/// <see cref="For"/> with the same name, case-insensitively. The one mechanism for every staff form.
/// </remarks>
public sealed class FormProblem
{
    private readonly Dictionary<string, string> _fields;

    private FormProblem(string? summary, Dictionary<string, string> fields)
    {
        Summary = summary;
        _fields = fields;
    }

    /// <summary>No problem: what a form holds before it is sent and after it went through.</summary>
    public static FormProblem None { get; } = new(null, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));

    /// <summary>The line above the form, or null when every problem sits next to its field (or there is none).</summary>
    public string? Summary { get; }

    public bool Any => Summary is not null || _fields.Count > 0;

    /// <summary>The API's message for this field, or null.</summary>
    public string? For(string field) => _fields.GetValueOrDefault(field);

    public bool Has(string field) => _fields.ContainsKey(field);

    /// <summary>
    /// The problem for a failed call. The fields the form has are shown beside them; a field the form does not show
    /// (a route id, a server-side check) goes to the summary, so nothing the API said is lost.
    /// </summary>
    public static FormProblem From(Exception error, IStringLocalizer<UiText> text, params string[] formFields)
    {
        if (error is not ApiException api)
            return new FormProblem(text["TryAgain"], new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var elsewhere = new List<string>();
        // A conflict naming a field (a slot already booked) belongs next to that field too, like a validation error.
        if (api.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict)
        {
            foreach (var (field, message) in Errors(api))
            {
                if (formFields.Contains(field, StringComparer.OrdinalIgnoreCase)) fields[field] = message;
                else elsewhere.Add(message);
            }
        }
        var summary = elsewhere.Count > 0 ? string.Join(" ", elsewhere)
            : fields.Count > 0 ? null
            : ApiProblems.Describe(api, text);
        return new FormProblem(summary, fields);
    }

    /// <summary>Whether a failure is one the user can simply retry (the form is kept as it is).</summary>
    public static bool IsTransient(Exception error) => error is HttpRequestException or TaskCanceledException
        || error is ApiException { StatusCode: HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout or HttpStatusCode.TooManyRequests };

    private static IEnumerable<(string Field, string Message)> Errors(ApiException e)
    {
        JsonDocument body;
        try
        {
            body = JsonDocument.Parse(e.Content ?? "");
        }
        catch (JsonException)
        {
            yield break;
        }
        using (body)
        {
            if (!body.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object) yield break;
            foreach (var field in errors.EnumerateObject())
            {
                var messages = field.Value.ValueKind == JsonValueKind.Array
                    ? field.Value.EnumerateArray().Select(m => m.GetString()).OfType<string>()
                    : [field.Value.GetString() ?? ""];
                yield return (field.Name, string.Join(" ", messages));
            }
        }
    }
}
