using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace XinYu.Web.Hosting;

/// <summary>Chinese (zh-CN) for everyone by default; English for whoever switches (a cookie, nothing stored about them).</summary>
public static class Languages
{
    public static readonly string[] Supported = ["zh-CN", "en"];

    public static IHostApplicationBuilder AddLanguages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture(Supported[0]).AddSupportedCultures(Supported).AddSupportedUICultures(Supported);
            // Only the app's own cookie decides: a browser's Accept-Language would turn a shared computer-room
            // machine set to English into an English app for a class that reads Chinese.
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        return builder;
    }

    /// <summary><c>GET /culture?name=en&amp;returnUrl=/today</c>: sets the language cookie and goes back (only to a local page).</summary>
    public static WebApplication MapLanguageSwitch(this WebApplication app)
    {
        app.UseRequestLocalization();
        app.MapGet("/culture", (string? name, string? returnUrl, HttpContext http) =>
        {
            var culture = Supported.Contains(name) ? name! : Supported[0];
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureInfo.GetCultureInfo(culture))),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, MaxAge = TimeSpan.FromDays(365) });
            return Results.LocalRedirect(returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\") ? returnUrl : "/");
        }).AllowAnonymous();
        return app;
    }
}
