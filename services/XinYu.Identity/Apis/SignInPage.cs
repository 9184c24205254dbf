using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using XinYu.Identity.Data;

namespace XinYu.Identity.Apis;

/// <summary>The staff sign-in page (登录) the authorization-code flow sends people to. Plain HTML, no scripts.</summary>
public static class SignInPage
{
    public static IEndpointRouteBuilder MapSignInPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/account/login", (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
            Page(http, antiforgery, returnUrl, error: null)).AllowAnonymous().ExcludeFromDescription();

        app.MapPost("/account/login", async (HttpContext http, IAntiforgery antiforgery, SignInManager<StaffAccount> signIn,
            ILoggerFactory loggers, [FromForm] string email, [FromForm] string password, [FromForm] string? returnUrl) =>
        {
            var account = await signIn.UserManager.FindByEmailAsync(email);
            var result = account is null
                ? Microsoft.AspNetCore.Identity.SignInResult.Failed
                : await signIn.PasswordSignInAsync(account, password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
            }
            SignInLog.Refused(loggers.CreateLogger("XinYu.Identity.SignIn"), email, result.IsLockedOut);
            // One message for unknown account and wrong password, so the page does not reveal who has an account.
            var error = result.IsLockedOut
                ? "Too many failed attempts: the account is locked for a while. 尝试次数过多，账户已暂时锁定。"
                : "The e-mail or password is wrong. 邮箱或密码错误。";
            return Page(http, antiforgery, returnUrl, error);
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>Only paths on this site: an open redirect would hand a signed-in session to anyone's page.</summary>
    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? error)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = HtmlEncoder.Create(UnicodeRanges.All); // Chinese stays readable; markup is still escaped
        var body = $"""
            <!doctype html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>XinYu 心育 — Sign in</title>
            <meta name="viewport" content="width=device-width, initial-scale=1"></head>
            <body style="font-family: sans-serif; max-width: 24rem; margin: 4rem auto">
            <h1>心育 XinYu</h1>
            {(error is null ? "" : $"<p role=\"alert\" style=\"color: #b00\">{html.Encode(error)}</p>")}
            <form method="post" action="/account/login">
              <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken ?? "")}">
              <input type="hidden" name="returnUrl" value="{html.Encode(returnUrl ?? "")}">
              <p><label>E-mail 邮箱<br><input name="email" type="email" autocomplete="username" required></label></p>
              <p><label>Password 密码<br><input name="password" type="password" autocomplete="current-password" required></label></p>
              <p><button type="submit">Sign in 登录</button></p>
            </form>
            </body></html>
            """;
        return Results.Content(body, "text/html; charset=utf-8", statusCode: error is null ? 200 : 401);
    }
}
