namespace XinYu.AppHost.Orchestration;

/// <summary>A server the machine lacks: one clear line saying what to install.</summary>
public sealed class MissingServerException(string message) : Exception(message);

/// <summary>Finds the Debian servers' binaries and the users they run as.</summary>
internal static class ServerInstall
{
    public static string PostgresBinDirectory()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin"))
            : [];
        var onPath = FindOnPath("postgres") is { } p ? [Path.GetDirectoryName(p)!] : Array.Empty<string>();
        return candidates.Concat(onPath).FirstOrDefault(d => File.Exists(Path.Combine(d, "postgres")) && File.Exists(Path.Combine(d, "initdb")))
            ?? throw Missing("PostgreSQL", "postgresql");
    }

    public static string RedisServer() =>
        new[] { "/usr/bin/redis-server" }.Concat(FindOnPath("redis-server") is { } p ? [p] : Array.Empty<string>())
            .FirstOrDefault(File.Exists) ?? throw Missing("Redis", "redis-server");

    /// <summary>The script under /usr/lib, not /usr/sbin's wrapper, which would switch user and detach by itself.</summary>
    public static string RabbitMqServer() =>
        new[] { "/usr/lib/rabbitmq/bin/rabbitmq-server" }.FirstOrDefault(File.Exists) ?? throw Missing("RabbitMQ", "rabbitmq-server");

    public static string Epmd() =>
        new[] { "/usr/bin/epmd" }.Concat(FindOnPath("epmd") is { } p ? [p] : Array.Empty<string>())
            .FirstOrDefault(File.Exists) ?? throw Missing("Erlang's epmd (RabbitMQ)", "rabbitmq-server");

    /// <summary>As root, servers run as their own Debian user; as anyone else, as that user.</summary>
    public static string? RunAsUser(string debianUser, string package)
    {
        if (!Native.IsRoot)
        {
            return null;
        }
        var exists = File.ReadLines("/etc/passwd").Any(l => l.StartsWith(debianUser + ":", StringComparison.Ordinal));
        return exists ? debianUser : throw Missing($"the '{debianUser}' user", package);
    }

    /// <summary>Gives a folder (created if missing) or a file to the user a server runs as (root only).</summary>
    public static async Task HandOverAsync(string path, string? user, string logFile, CancellationToken ct)
    {
        if (!File.Exists(path)) Directory.CreateDirectory(path);
        if (user is null)
        {
            return;
        }
        // The server's user must be able to walk down to its folder; a private parent (mktemp -d, a home folder)
        // would otherwise surface as an obscure initdb or beam failure.
        for (var dir = Path.GetDirectoryName(Path.GetFullPath(path)); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if ((File.GetUnixFileMode(dir) & UnixFileMode.OtherExecute) == 0)
            {
                throw new MissingServerException(
                    $"The '{user}' user cannot reach {path}: {dir} is closed to other users. Run `chmod o+x {dir}` or choose another --data-dir.");
            }
        }
        await ProcessSupervisor.RunToCompletionAsync(
            new ProcessSpec("chown", "chown", ["-R", $"{user}:{user}", path]) { LogFile = logFile }, ct);
    }

    private static MissingServerException Missing(string what, string package) =>
        new($"{what} is not installed on this machine: install it with `sudo apt-get install -y {package}` (or run ./xinyu.sh setup).");

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
