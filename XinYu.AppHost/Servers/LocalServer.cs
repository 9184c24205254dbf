using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Aspire.Hosting.ApplicationModel;

namespace XinYu.AppHost.Servers;

/// <summary>A server the machine lacks: one clear line saying what to install.</summary>
public sealed class MissingServerException(string message) : Exception(message);

/// <summary>
/// What the three local servers share: their data folder, the password kept beside it, the Debian user they run as,
/// and a port of their own. Local runs only; a published deployment uses Aspire's container resources instead.
/// </summary>
internal static class LocalServer
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /// <summary>
    /// The server's password, generated on first use and kept in its data folder (mode 600). Kept beside the data, not
    /// in user secrets: Aspire's test host can rewrite those, and the data would then no longer open.
    /// </summary>
    public static string PasswordFor(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        var file = Path.Combine(dataFolder, ".password");
        if (File.Exists(file)) return File.ReadAllText(file).Trim();
        // Letters and digits only: the value goes into connection strings and URIs.
        var password = RandomNumberGenerator.GetString(Alphabet, 24);
        File.WriteAllText(file, "");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(file, password);
        return password;
    }

    /// <summary>
    /// A free loopback port for a server that is not behind DCP's proxy (a database round trip should not cross a
    /// userspace proxy, and Erlang's distribution cannot). Proxy-less endpoints must name their port up front.
    /// </summary>
    public static int FreePort()
    {
        // The listener closes before the server binds, and the system may give the same port to the next bind at
        // once (Redis and RabbitMQ were once handed one port, and the broker did not start): never hand one out twice.
        lock (GivenPorts)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (GivenPorts.Add(port)) return port;
            }
        }
    }

    private static readonly HashSet<int> GivenPorts = [];

    /// <summary>The server's one endpoint: loopback, on <paramref name="port"/>, not behind DCP's proxy.</summary>
    public static IResourceBuilder<T> WithLocalTcpEndpoint<T>(this IResourceBuilder<T> server, int port) where T : IResourceWithEndpoints =>
        server.WithEndpoint("tcp", e =>
        {
            e.UriScheme = "tcp";
            e.Port = port;
            e.TargetPort = port;
            e.IsProxied = false;
            e.TargetHost = "127.0.0.1";
        });

    public static bool IsRoot => geteuid() == 0;

    /// <summary>
    /// As root, a server runs as its own Debian user (PostgreSQL refuses root outright): the command becomes setpriv,
    /// which replaces itself with the server, so DCP's signals reach the server directly.
    /// </summary>
    public static (string Command, string[] Prefix) AsServerUser(string binary, string user, string package)
    {
        if (!IsRoot) return (binary, []);
        if (!File.ReadLines("/etc/passwd").Any(l => l.StartsWith(user + ":", StringComparison.Ordinal)))
        {
            throw Missing($"the '{user}' user", package);
        }
        return ("/usr/bin/setpriv", [$"--reuid={user}", $"--regid={user}", "--init-groups", "--", binary]);
    }

    /// <summary>Gives a folder (created if missing) to the user the server runs as (root only).</summary>
    public static async Task HandOverAsync(string path, string user, CancellationToken ct)
    {
        Directory.CreateDirectory(path);
        if (!IsRoot) return;
        // The server's user must be able to walk down to its folder; a private parent (a home folder, mktemp -d)
        // would otherwise surface as an obscure initdb or beam failure.
        for (var dir = Path.GetDirectoryName(Path.GetFullPath(path)); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if ((File.GetUnixFileMode(dir) & UnixFileMode.OtherExecute) == 0)
            {
                throw new MissingServerException(
                    $"The '{user}' user cannot reach {path}: {dir} is closed to other users. Run `chmod o+x {dir}` or choose another --data-dir.");
            }
        }
        await RunAsync("chown", ["-R", $"{user}:{user}", path], ct);
    }

    /// <summary>Runs a one-off command (chown, initdb) to completion; its output is the error message if it fails.</summary>
    public static async Task RunAsync(string file, IEnumerable<string> args, CancellationToken ct)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {await error}{await output}");
        }
    }

    public static string FindBinary(string what, string package, params string[] candidates) =>
        candidates.FirstOrDefault(File.Exists) ?? throw Missing(what, package);

    public static MissingServerException Missing(string what, string package) =>
        new($"{what} is not installed on this machine: install it with `sudo apt-get install -y {package}` (or run ./xinyu.sh setup).");

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern uint geteuid();
}
