using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using XinYu.Identity.Data;
using XinYu.ServiceDefaults.Auth;

namespace XinYu.Identity.Bootstrap;

/// <summary>
/// The demo's bureau admin, for <c>./xinyu.sh demo</c>: <c>XinYu.Identity demo-admin --email … --bureau &lt;id&gt;</c>,
/// the password as bootstrap-admin takes it. Unlike bootstrap-admin it runs again and again (a newcomer re-runs the
/// demo): the account is created, or its password set back to the demo's and its lock lifted. That is a back door,
/// so it exists only in Development: in any other environment the command refuses before it touches the database.
/// </summary>
public static class DemoAdminCommand
{
    public const string Name = "demo-admin";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (!app.Environment.IsDevelopment())
        {
            await Console.Error.WriteLineAsync($"demo-admin runs only in Development; this identity service runs in {app.Environment.EnvironmentName}.");
            return 3;
        }
        if (await AdminCommandInput.ReadAsync(args, Name) is not { } input) return 2;
        await AdminCommandInput.MigrateAsync(app);
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        var account = await accounts.Users.SingleOrDefaultAsync(a => a.NormalizedEmail == accounts.NormalizeEmail(input.Email));
        IdentityResult result;
        if (account is null)
        {
            result = await accounts.CreateAsync(new StaffAccount
            {
                Id = Guid.CreateVersion7(),
                UserName = input.Email,
                Email = input.Email,
                DisplayName = input.Name,
                BureauId = input.Bureau,
                Roles = [XinYuRoles.BureauAdmin],
                CreatedAt = DateTimeOffset.UtcNow,
            }, input.Password);
        }
        else if (account.BureauId != input.Bureau || !account.Roles.Contains(XinYuRoles.BureauAdmin))
        {
            await Console.Error.WriteLineAsync($"{input.Email} is an account of another bureau or role; the demo does not take it over.");
            return 1;
        }
        else
        {
            account.DisabledAt = null;
            account.MustChangePassword = false;
            await accounts.SetLockoutEndDateAsync(account, null);
            await accounts.ResetAccessFailedCountAsync(account);
            await accounts.RemovePasswordAsync(account);
            result = await accounts.AddPasswordAsync(account, input.Password);
        }
        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync(string.Join("\n", result.Errors.Select(e => e.Description)));
            return 1;
        }
        Console.WriteLine($"Demo bureau admin {input.Email} {(account is null ? "created" : "ready")}.");
        return 0;
    }
}
