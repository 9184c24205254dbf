namespace XinYu.Testing;

/// <summary>
/// The processes Aspire's DCP runs for one AppHost: DCP itself (it detaches, so it is found by the AppHost process it
/// monitors), the dashboard, every server and service, and everything below them (PostgreSQL's backends, Erlang).
/// </summary>
public static class DcpProcesses
{
    /// <param name="appHostPid">The AppHost's process: its own, or the test or benchmark process hosting it.</param>
    public static Dictionary<int, string> Of(int appHostPid)
    {
        var parents = new Dictionary<int, int>();
        var commands = new Dictionary<int, string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                commands[pid] = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        var found = commands.Where(c => c.Value.Contains($"--monitor {appHostPid} ", StringComparison.Ordinal) || c.Value.EndsWith($"--monitor {appHostPid}", StringComparison.Ordinal))
            .Select(c => c.Key).ToHashSet();
        for (var grew = true; grew;)
        {
            var next = parents.Where(p => found.Contains(p.Value) && !found.Contains(p.Key)).Select(p => p.Key).ToList();
            grew = next.Count > 0;
            found.UnionWith(next);
        }
        return found.Where(commands.ContainsKey).ToDictionary(p => p, p => commands[p]);
    }

    public static bool IsRunning(int pid) =>
        File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2].Equals("Z", StringComparison.Ordinal);
}
