using XinYu.Identity.Data;
using XinYu.ServiceDefaults.Data;

namespace XinYu.Identity.Bootstrap;

/// <summary>What the one-off admin commands (bootstrap-admin, demo-admin) read: the account's e-mail, name and bureau
/// from the command line, its password from XINYU_BOOTSTRAP_PASSWORD or standard input (never an argument: it would
/// show in the process list).</summary>
public sealed record AdminCommandInput(string Email, string Name, Guid Bureau, string Password)
{
    /// <summary>The input, or null after saying what is missing.</summary>
    public static async Task<AdminCommandInput?> ReadAsync(string[] args, string command)
    {
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var email = Option("--email");
        var name = Option("--name") ?? "Bureau administrator";
        if (email is null || !Guid.TryParse(Option("--bureau"), out var bureau))
        {
            await Console.Error.WriteLineAsync($"usage: {command} --email <e-mail> --bureau <bureau id> [--name <display name>]");
            return null;
        }
        var password = Environment.GetEnvironmentVariable("XINYU_BOOTSTRAP_PASSWORD") ?? Console.ReadLine();
        if (string.IsNullOrEmpty(password))
        {
            await Console.Error.WriteLineAsync("Give the password in XINYU_BOOTSTRAP_PASSWORD or on standard input.");
            return null;
        }
        return new AdminCommandInput(email, name, bureau, password);
    }

    /// <summary>
    /// The service's own migration step (with the owner login where one is given, then the service role's grants):
    /// the command may run before identity-api ever started, and the service's own role may not create tables.
    /// </summary>
    public static Task MigrateAsync(WebApplication app) =>
        app.Services.GetServices<IHostedService>().OfType<DatabaseMigrator<AccountsDbContext>>().Single().StartAsync(CancellationToken.None);
}
