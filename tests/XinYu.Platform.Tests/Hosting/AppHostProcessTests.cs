using System.Diagnostics;
using XinYu.AppHost.Hosting;
using XinYu.Testing;

namespace XinYu.Platform.Tests.Hosting;

/// <summary>The AppHost as a person runs it: a process that must leave nothing behind, however it ends.</summary>
public sealed class AppHostProcessTests
{
    [Fact]
    public async Task A_killed_AppHost_leaves_no_server_running()
    {
        await using var run = await AppHostRun.StartAsync();
        var children = run.ChildPids();
        Assert.True(children.Count >= 4, $"expected PostgreSQL, Redis, epmd and RabbitMQ, saw {children.Count} processes");

        run.Process.Kill(); // SIGKILL: no chance to clean up itself

        await Eventually.AssertAsync(() => children.All(pid => !IsRunning(pid)), TimeSpan.FromSeconds(30),
            "every server of the killed AppHost to stop");
    }

    [Fact]
    public async Task Ctrl_C_stops_everything_and_exits_cleanly()
    {
        await using var run = await AppHostRun.StartAsync();
        var children = run.ChildPids();

        Assert.Equal(0, Kill(run.Process.Id, 2)); // SIGINT, as Ctrl+C sends it
        await run.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, run.Process.ExitCode);
        Assert.All(children, pid => Assert.False(IsRunning(pid), $"process {pid} outlived the AppHost"));
        Assert.Contains("nothing is left running", run.Output);
    }

    private static bool IsRunning(int pid) =>
        File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2].Equals("Z", StringComparison.Ordinal);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    private sealed class AppHostRun : IAsyncDisposable
    {
        private readonly System.Text.StringBuilder _output = new();

        private AppHostRun(Process process, string dataDirectory)
        {
            Process = process;
            DataDirectory = dataDirectory;
        }

        public Process Process { get; }
        public string DataDirectory { get; }
        public string Output { get { lock (_output) return _output.ToString(); } }

        public static async Task<AppHostRun> StartAsync()
        {
            var dataDirectory = Path.Combine(Path.GetTempPath(), "xinyu-apphost-" + Guid.NewGuid().ToString("N")[..8]);
            var assembly = Path.Combine(RepositoryPaths.Root, "XinYu.AppHost", "bin", AppHostOptions.BuildConfiguration,
                AppHostOptions.TargetFramework, "XinYu.AppHost.dll");
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { assembly, "--infrastructure-only", "--data-dir", dataDirectory }) info.ArgumentList.Add(arg);
            var process = Process.Start(info)!;
            var run = new AppHostRun(process, dataDirectory);
            process.OutputDataReceived += (_, e) => { lock (run._output) run._output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (run._output) run._output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await Eventually.AssertAsync(() => run.Output.Contains("XinYu is running", StringComparison.Ordinal) || process.HasExited,
                TimeSpan.FromSeconds(90), "the AppHost to report its servers healthy");
            Assert.False(process.HasExited, run.Output);
            return run;
        }

        public List<int> ChildPids() =>
            File.ReadAllLines(Path.Combine(DataDirectory, "run", "pids"))
                .Select(line => int.Parse(line.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))
                .ToList();

        public async ValueTask DisposeAsync()
        {
            if (!Process.HasExited)
            {
                Kill(Process.Id, 2);
                await Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            }
            Process.Dispose();
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
