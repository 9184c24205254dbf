using System.Diagnostics;
using XinYu.Testing;

namespace XinYu.Platform.Tests.Hosting;

/// <summary>
/// The AppHost as a person runs it: a process whose servers (run by Aspire's DCP, which watches the AppHost) must not
/// outlive it, however it ends.
/// </summary>
public sealed class AppHostProcessTests
{
    [Fact]
    public async Task A_killed_AppHost_leaves_no_server_running()
    {
        await using var run = await AppHostRun.StartAsync();
        var children = run.Descendants();

        run.Process.Kill(); // SIGKILL: no chance to clean up itself; DCP notices its AppHost is gone

        await Eventually.AssertAsync(() => children.All(pid => !IsRunning(pid)), TimeSpan.FromSeconds(60),
            "every process of the killed AppHost (DCP, the dashboard, the servers) to stop");
    }

    [Fact]
    public async Task Ctrl_C_stops_everything_and_exits_cleanly()
    {
        await using var run = await AppHostRun.StartAsync();
        var children = run.Descendants();

        Assert.Equal(0, Kill(run.Process.Id, 2)); // SIGINT, as Ctrl+C sends it
        await run.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, run.Process.ExitCode);
        await Eventually.AssertAsync(() => children.All(pid => !IsRunning(pid)), TimeSpan.FromSeconds(30),
            "every process of the AppHost to stop with it");
    }

    private static bool IsRunning(int pid) => DcpProcesses.IsRunning(pid);

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

        /// <summary>`dotnet XinYu.AppHost.dll --infrastructure-only` with the dashboard on free ports (what launchSettings gives a developer).</summary>
        public static async Task<AppHostRun> StartAsync()
        {
            var dataDirectory = Path.Combine(Path.GetTempPath(), "xinyu-apphost-" + Guid.NewGuid().ToString("N")[..8]);
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
            var assembly = Path.Combine(RepositoryPaths.Root, "XinYu.AppHost", "bin", output.Parent!.Name, output.Name, "XinYu.AppHost.dll");
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { assembly, "--infrastructure-only", "--data-dir", dataDirectory, "--ephemeral" }) info.ArgumentList.Add(arg);
            info.Environment["ASPNETCORE_URLS"] = $"http://localhost:{TestPorts.Free()}";
            info.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{TestPorts.Free()}";
            info.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
            var process = Process.Start(info)!;
            var run = new AppHostRun(process, dataDirectory);
            process.OutputDataReceived += (_, e) => { lock (run._output) run._output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (run._output) run._output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await Eventually.AssertAsync(() => process.HasExited || run.Commands().Count(c =>
                    c.Contains("postgres -D", StringComparison.Ordinal) || c.Contains("redis-server", StringComparison.Ordinal)
                    || c.Contains("beam.smp", StringComparison.Ordinal) || c.Contains("epmd", StringComparison.Ordinal)) >= 4,
                TimeSpan.FromSeconds(90), "the AppHost to start PostgreSQL, Redis, epmd and RabbitMQ");
            Assert.False(process.HasExited, run.Output);
            return run;
        }

        public List<int> Descendants() => [.. DcpProcesses.Of(Process.Id).Keys];

        public IEnumerable<string> Commands() => DcpProcesses.Of(Process.Id).Values;


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
