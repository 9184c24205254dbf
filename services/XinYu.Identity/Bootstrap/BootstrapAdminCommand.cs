using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using XinYu.Identity.Data;
using XinYu.ServiceDefaults.Auth;

namespace XinYu.Identity.Bootstrap;

/// <summary>
/// Creates the first bureau admin, once: <c>XinYu.Identity bootstrap-admin --email … --name … --bureau &lt;id&gt;</c>,
/// with the password from XINYU_BOOTSTRAP_PASSWORD or standard input. There is never a default password, and the
/// command refuses to run once a bureau admin exists (later admins are created through the admin API).
/// </summary>
public static class BootstrapAdminCommand
{
    public const string Name = "bootstrap-admin";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (await AdminCommandInput.ReadAsync(args, Name) is not { } input) return 2;
        await AdminCommandInput.MigrateAsync(app);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        if (await db.Users.AnyAsync(a => a.Roles.Contains(XinYuRoles.BureauAdmin)))
        {
            await Console.Error.WriteLineAsync("A bureau admin exists already; create further accounts through the admin API.");
            return 1;
        }
        var (email, name, bureau, password) = input;
        var accounts = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        var result = await accounts.CreateAsync(new StaffAccount
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            DisplayName = name,
            BureauId = bureau,
            Roles = [XinYuRoles.BureauAdmin],
            CreatedAt = DateTimeOffset.UtcNow,
        }, password);
        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync(string.Join("\n", result.Errors.Select(e => e.Description)));
            return 1;
        }
        Console.WriteLine($"Bureau admin {email} created.");
        return 0;
    }
}
