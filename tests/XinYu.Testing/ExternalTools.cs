using System.Diagnostics;
using System.Security.Cryptography;

namespace XinYu.Testing;

/// <summary>Runs the command-line tools some tests need (kubectl, node), and installs a test's npm packages.</summary>
public static class ExternalTools
{
    private static readonly Dictionary<string, Lazy<Task>> Installs = [];

    /// <summary>
    /// `npm ci` in a folder of tests/ (its node_modules is git-ignored), once per test run and again only when the
    /// folder's lock file changes.
    /// </summary>
    public static Task EnsureNpmPackagesAsync(string directory)
    {
        lock (Installs)
        {
            if (!Installs.TryGetValue(directory, out var install))
            {
                install = new Lazy<Task>(() => NpmCiAsync(directory));
                Installs[directory] = install;
            }
            return install.Value;
        }
    }

    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string fileName, IEnumerable<string> args, string? stdin,
        TimeSpan timeout, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryPaths.Root,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish in {timeout}.");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    private static async Task NpmCiAsync(string directory)
    {
        var lockHash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(directory, "package-lock.json"))));
        var marker = Path.Combine(directory, "node_modules", ".xinyu-installed");
        if (File.Exists(marker) && await File.ReadAllTextAsync(marker) == lockHash) return;
        var (code, stdout, stderr) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], null, TimeSpan.FromMinutes(5), directory);
        if (code != 0)
        {
            throw new InvalidOperationException($"npm ci in {directory} failed ({code}):\n{stdout}\n{stderr}");
        }
        await File.WriteAllTextAsync(marker, lockHash);
    }
}
