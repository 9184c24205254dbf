using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using XinYu.Identity.Accounts;
using XinYu.Identity.Data;
using XinYu.ServiceDefaults.Http;

namespace XinYu.Identity.Apis;

/// <summary>
/// The staff sign-in page (登录) the authorization-code flow sends people to, and the first-sign-in password change a
/// temporary password leads to. Plain HTML, no scripts.
/// </summary>
public static class SignInPage
{
    private const string WrongCredentials = "The e-mail or password is wrong. 邮箱或密码错误。";

    public static IEndpointRouteBuilder MapSignInPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/account/login", (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
            LoginPage(http, antiforgery, returnUrl, error: null)).AllowAnonymous().ExcludeFromDescription();

        app.MapPost("/account/login", async (HttpContext http, IAntiforgery antiforgery, SignInManager<StaffAccount> signIn,
            SignInThrottle throttle, ILoggerFactory loggers, [FromForm] string email, [FromForm] string password, [FromForm] string? returnUrl) =>
        {
            var (account, refusal) = await CheckAsync(http, signIn, throttle, loggers, email, password);
            if (refusal is not null) return LoginPage(http, antiforgery, returnUrl, refusal.Value.Message, refusal.Value.Status);
            // A password someone else chose (create, reset): no session, no token, until the holder picks their own.
            if (account!.MustChangePassword) return ChangePasswordPage(http, antiforgery, returnUrl, email, error: null);
            await signIn.SignInAsync(account, isPersistent: false);
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).AllowAnonymous().ExcludeFromDescription();

        // The form re-sends the current (temporary) password, so no half-signed-in state is kept between the two steps.
        app.MapPost("/account/change-password", async (HttpContext http, IAntiforgery antiforgery, SignInManager<StaffAccount> signIn,
            SignInThrottle throttle, ILoggerFactory loggers, [FromForm] string email, [FromForm] string password,
            [FromForm] string newPassword, [FromForm] string? returnUrl) =>
        {
            var (account, refusal) = await CheckAsync(http, signIn, throttle, loggers, email, password);
            if (refusal is not null) return LoginPage(http, antiforgery, returnUrl, refusal.Value.Message, refusal.Value.Status);
            try
            {
                await PasswordChange.ApplyAsync(signIn.UserManager, account!, password, newPassword);
            }
            catch (RequestRejectedException rejected)
            {
                return ChangePasswordPage(http, antiforgery, returnUrl, email, rejected.Message);
            }
            await signIn.SignInAsync(account!, isPersistent: false);
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>Throttle, then the password (counting failures toward the lock-out). Unknown, disabled and wrong read the same.</summary>
    private static async Task<(StaffAccount? Account, (string Message, int Status)? Refusal)> CheckAsync(HttpContext http,
        SignInManager<StaffAccount> signIn, SignInThrottle throttle, ILoggerFactory loggers, string email, string password)
    {
        var address = http.Connection.RemoteIpAddress;
        var logger = loggers.CreateLogger("XinYu.Identity.SignIn");
        if (await throttle.WaitBeforeAsync(email, address) is { } wait)
        {
            SignInLog.Throttled(logger, email);
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            return (null, ($"Too many failed attempts: sign-in is paused here for {seconds} s. 尝试次数过多，请 {seconds} 秒后再试。", StatusCodes.Status429TooManyRequests));
        }
        var account = await signIn.UserManager.FindByEmailAsync(email);
        var result = account is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.CheckPasswordSignInAsync(account, password, lockoutOnFailure: true);
        if (result.Succeeded && account!.DisabledAt is null)
        {
            await throttle.SucceededAsync(email, address);
            return (account, null);
        }
        if (!result.Succeeded) await throttle.FailedAsync(email, address);
        SignInLog.Refused(logger, email, result.IsLockedOut);
        // One message for unknown account, disabled account and wrong password: the page does not reveal who has an account.
        return (null, (result.IsLockedOut
            ? "Too many failed attempts: the account is locked for a while. 尝试次数过多，账户已暂时锁定。"
            : WrongCredentials, StatusCodes.Status401Unauthorized));
    }

    /// <summary>Only paths on this site: an open redirect would hand a signed-in session to anyone's page.</summary>
    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All); // Chinese stays readable; markup is still escaped

    private static IResult LoginPage(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? error, int status = StatusCodes.Status401Unauthorized) =>
        Page(http, antiforgery, returnUrl, error, "/account/login", """
              <p><label>E-mail 邮箱<br><input name="email" type="email" autocomplete="username" required></label></p>
              <p><label>Password 密码<br><input name="password" type="password" autocomplete="current-password" required></label></p>
              <p><button type="submit">Sign in 登录</button></p>
            """, error is null ? StatusCodes.Status200OK : status);

    private static IResult ChangePasswordPage(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string email, string? error) =>
        Page(http, antiforgery, returnUrl, error, "/account/change-password", $"""
              <p>Your password was set by an administrator: choose your own before you continue. 初始密码须先修改。</p>
              <input type="hidden" name="email" value="{Html.Encode(email)}">
              <p><label>Current password 当前密码<br><input name="password" type="password" autocomplete="current-password" required></label></p>
              <p><label>New password 新密码<br><input name="newPassword" type="password" autocomplete="new-password" required></label></p>
              <p><button type="submit">Change and sign in 修改并登录</button></p>
            """, error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? error, string action, string fields, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var body = $"""
            <!doctype html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>XinYu 心育 — Sign in</title>
            <meta name="viewport" content="width=device-width, initial-scale=1"></head>
            <body style="font-family: sans-serif; max-width: 24rem; margin: 4rem auto">
            <h1>心育 XinYu</h1>
            {(error is null ? "" : $"<p role=\"alert\" style=\"color: #b00\">{Html.Encode(error)}</p>")}
            <form method="post" action="{action}">
              <input type="hidden" name="{Html.Encode(tokens.FormFieldName)}" value="{Html.Encode(tokens.RequestToken ?? "")}">
              <input type="hidden" name="returnUrl" value="{Html.Encode(returnUrl ?? "")}">
            {fields}
            </form>
            </body></html>
            """;
        return Results.Content(body, "text/html; charset=utf-8", statusCode: status);
    }
}
