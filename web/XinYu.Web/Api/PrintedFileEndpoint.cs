using System.Net;
using Microsoft.Extensions.Localization;
using Refit;
using XinYu.Client.Staff;
using XinYu.Web.Components;
using XinYu.Web.Resources;

namespace XinYu.Web.Api;

/// <summary>
/// <c>GET /students/{studentId}/print</c>: the student's file as Records prints it (an HTML document, audited there as an
/// export). The browser cannot ask Records itself: the user's token stays on the server. So this endpoint asks
/// through the gateway with the signed-in user's token (the same Refit client and <see cref="UserTokenHandler"/> the
/// pages use; here the user comes from the request) and hands the document on. The address names only the student's
/// id; the response is never stored by a cache.
/// </summary>
public static class PrintedFileEndpoint
{
    public const string Path = "/students/{studentId:guid}/print";

    public static string For(Guid studentId) => $"/students/{studentId}/print";

    public static WebApplication MapPrintedFile(this WebApplication app)
    {
        app.MapGet(Path, PrintAsync).RequireAuthorization();
        return app;
    }

    public static async Task<IResult> PrintAsync(Guid studentId, IRecordsStaffApi records, IStringLocalizer<UiText> text, HttpContext http)
    {
        // SecurityHeaders says no-store for every page already; the printed file is the whole file, so it says so itself.
        http.Response.Headers.CacheControl = "no-store";
        try
        {
            return Results.Content(await records.PrintAsync(studentId, http.RequestAborted), "text/html; charset=utf-8");
        }
        catch (ApiException e)
        {
            // A file out of reach answers as a missing one, in the words the file page uses.
            var status = e.StatusCode == HttpStatusCode.Forbidden ? HttpStatusCode.NotFound : e.StatusCode;
            return Problem(studentId, ApiProblems.Describe(e, text), text, status);
        }
        catch (HttpRequestException)
        {
            return Problem(studentId, text["TryAgain"], text, HttpStatusCode.ServiceUnavailable);
        }
    }

    /// <summary>A small page saying why there is nothing to print, with the way back to the file.</summary>
    private static IResult Problem(Guid studentId, string problem, IStringLocalizer<UiText> text, HttpStatusCode status)
    {
        static string E(string value) => WebUtility.HtmlEncode(value); // leaves the Chinese readable, unlike HtmlEncoder.Default
        var lang = System.Globalization.CultureInfo.CurrentUICulture.Name is { Length: > 0 } name ? name : "zh-CN";
        var html = $"""
            <!DOCTYPE html><html lang="{E(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(text["PrintFile"])}</title></head>
            <body><main><h1>{E(text["StudentFileTitle"])}</h1>
            <p data-testid="print-problem">{E(problem)}</p><p><a href="/students/{studentId}">{E(text["BackToFile"])}</a></p></main></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: (int)status);
    }
}
