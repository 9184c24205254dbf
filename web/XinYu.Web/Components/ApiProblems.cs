using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using Refit;
using XinYu.Web.Resources;

namespace XinYu.Web.Components;

/// <summary>What a page says when the API refused or could not answer: readable words, never a stack trace.</summary>
public static class ApiProblems
{
    public static string Describe(ApiException e, IStringLocalizer<UiText> text) => e.StatusCode switch
    {
        HttpStatusCode.Unauthorized => text["SignInAgain"],
        HttpStatusCode.Forbidden or HttpStatusCode.NotFound => text["NotYours"],
        HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout or HttpStatusCode.BadGateway or HttpStatusCode.TooManyRequests => text["TryAgain"],
        _ => Title(e) ?? text["TryAgain"],
    };

    /// <summary>The problem details' own title (RFC 9457), which the services write for people.</summary>
    private static string? Title(ApiException e)
    {
        try
        {
            using var body = JsonDocument.Parse(e.Content ?? "");
            return body.RootElement.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 } d ? d
                : body.RootElement.TryGetProperty("title", out var title) ? title.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
