namespace XinYu.Testing;

/// <summary>
/// The servers' data folders of test runs that did not clean up after themselves. A test host normally deletes its
/// folder when it exits, but one stopped before that (dotnet test's hang timeout, Ctrl+C, a killed terminal) leaves it
/// behind: up to half a gigabyte of PostgreSQL, Redis and RabbitMQ data each. A developer machine once filled its disk
/// with 370 of them, and every service then answered 503. So a run first removes the folders of earlier runs: those
/// untouched for longer than any run lasts (a concurrent run's folder is recent, and kept).
/// </summary>
public static class StaleTestFolders
{
    private static readonly TimeSpan OlderThanAnyRun = TimeSpan.FromHours(12);

    /// <summary>Removes the entries of <paramref name="parent"/> matching <paramref name="pattern"/> that are stale.</summary>
    public static void Sweep(string parent, string pattern = "*")
    {
        if (!Directory.Exists(parent)) return;
        foreach (var folder in Directory.EnumerateDirectories(parent, pattern))
        {
            if (DateTime.UtcNow - Directory.GetLastWriteTimeUtc(folder) < OlderThanAnyRun) continue;
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
