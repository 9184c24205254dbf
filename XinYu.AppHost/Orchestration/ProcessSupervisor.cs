using System.Diagnostics;

namespace XinYu.AppHost.Orchestration;

/// <summary>What to run, as whom, and how to stop it.</summary>
public sealed record ProcessSpec(string Name, string FileName, IReadOnlyList<string> Arguments)
{
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    public string? WorkingDirectory { get; init; }
    /// <summary>Run as this user (root only; servers refuse to run as root). Null: as the current user.</summary>
    public string? RunAsUser { get; init; }
    /// <summary>The signal that asks for a clean shutdown (PostgreSQL: SIGINT is its "fast" shutdown).</summary>
    public int StopSignal { get; init; } = Native.SIGTERM;
    /// <summary>Send the stop signal to the whole process group (RabbitMQ runs beam under a shell script).</summary>
    public bool SignalGroup { get; init; }
    /// <summary>Where stdout and stderr go; the console only shows states.</summary>
    public required string LogFile { get; init; }
}

/// <summary>A child process the supervisor started; its pid is the server's own (the launch chain execs).</summary>
public sealed class SupervisedProcess(ProcessSpec spec, Process process, ProcessSupervisor owner)
{
    public ProcessSpec Spec { get; } = spec;
    public int Pid { get; } = process.Id;
    public bool HasExited => process.HasExited;
    public int? ExitCode => process.HasExited ? process.ExitCode : null;
    public Task WaitForExitAsync(CancellationToken ct = default) => process.WaitForExitAsync(ct);

    /// <summary>Asks it to stop, waits up to <paramref name="grace"/>, then kills its whole process group.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (!process.HasExited)
        {
            Native.Kill(Spec.SignalGroup ? -Pid : Pid, Spec.StopSignal);
            using var timeout = new CancellationTokenSource(grace);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // It did not stop in time: fall through to SIGKILL.
            }
        }
        Native.Kill(-Pid, Native.SIGKILL); // stragglers in its group (backends, erl_child_setup)
        Native.Kill(Pid, Native.SIGKILL);
        await process.WaitForExitAsync();
        owner.Forget(this);
    }

    public string LogTail(int lines = 20)
    {
        try
        {
            using var stream = new FileStream(Spec.LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }
}

/// <summary>
/// Starts every server and service of a run, and guarantees they stop with it. Each child runs in its own session
/// (setsid), so a terminal's Ctrl+C reaches only the AppHost, which then stops them in order. If the AppHost is
/// killed outright, a small reaper process (which outlives it) stops everything listed in the run's pid file.
/// </summary>
public sealed class ProcessSupervisor : IAsyncDisposable
{
    private readonly string _pidFile;
    private readonly List<SupervisedProcess> _running = [];
    private readonly Lock _gate = new();

    public ProcessSupervisor(string runDirectory)
    {
        Directory.CreateDirectory(runDirectory);
        _pidFile = Path.Combine(runDirectory, "pids");
        File.WriteAllText(_pidFile, "");
        StartReaper(runDirectory);
    }

    /// <summary>The pid file the reaper reads: one "pid signal" line per running child.</summary>
    public string PidFile => _pidFile;

    public IReadOnlyList<SupervisedProcess> Running
    {
        get { lock (_gate) { return _running.ToList(); } }
    }

    public SupervisedProcess Start(ProcessSpec spec)
    {
        var process = Launch(spec);
        var supervised = new SupervisedProcess(spec, process, this);
        lock (_gate)
        {
            _running.Add(supervised);
            WritePidFile();
        }
        return supervised;
    }

    /// <summary>Runs a short command (initdb, chown) to the end; throws with its output if it fails.</summary>
    public static async Task RunToCompletionAsync(ProcessSpec spec, CancellationToken ct)
    {
        using var process = Launch(spec);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{spec.Name}: '{spec.FileName}' exited with {process.ExitCode}. See {spec.LogFile}.");
        }
    }

    internal void Forget(SupervisedProcess process)
    {
        lock (_gate)
        {
            _running.Remove(process);
            WritePidFile();
        }
    }

    /// <summary>Stops whatever is still running, newest first.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var process in Running.AsEnumerable().Reverse())
        {
            await process.StopAsync(TimeSpan.FromSeconds(10));
        }
    }

    private static Process Launch(ProcessSpec spec)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(spec.LogFile)!);
        // setsid execs setpriv (when switching user), which execs the program: one pid all the way down, in a
        // session of its own. No shell in between: a shell would drop Aspire's variables whose names hold a dash
        // (services__records-api__http__0).
        var info = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory ?? Environment.CurrentDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (spec.RunAsUser is { } user)
        {
            foreach (var arg in new[] { "setpriv", $"--reuid={user}", $"--regid={user}", "--init-groups" })
            {
                info.ArgumentList.Add(arg);
            }
        }
        info.ArgumentList.Add(spec.FileName);
        foreach (var arg in spec.Arguments)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in spec.Environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {spec.FileName}.");
        process.StandardInput.Close();
        var log = new StreamWriter(new FileStream(spec.LogFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        var open = 2;
        void Write(object? _, DataReceivedEventArgs line)
        {
            lock (log)
            {
                if (line.Data is not null) log.WriteLine(line.Data);
                else if (--open == 0) log.Dispose(); // both streams ended
            }
        }
        process.OutputDataReceived += Write;
        process.ErrorDataReceived += Write;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void WritePidFile()
    {
        var lines = _running.Select(p => $"{p.Pid} {(p.Spec.StopSignal == Native.SIGINT ? "INT" : "TERM")}");
        var temp = _pidFile + ".tmp";
        File.WriteAllLines(temp, lines);
        File.Move(temp, _pidFile, overwrite: true);
    }

    private void StartReaper(string runDirectory)
    {
        var script = Path.Combine(runDirectory, "reaper.sh");
        File.WriteAllText(script, """
            #!/bin/sh
            # Started by the XinYu AppHost. If the AppHost dies without stopping its children, stop them.
            parent=$1; pids=$2
            while kill -0 "$parent" 2>/dev/null; do sleep 0.5; done
            [ -s "$pids" ] || exit 0
            while read -r pid sig; do kill -s "$sig" "$pid" 2>/dev/null; done < "$pids"
            i=0
            while [ $i -lt 20 ]; do
              alive=0
              while read -r pid sig; do kill -0 "$pid" 2>/dev/null && alive=1; done < "$pids"
              [ $alive -eq 0 ] && break
              sleep 0.5; i=$((i+1))
            done
            while read -r pid sig; do kill -KILL -- "-$pid" 2>/dev/null; kill -KILL "$pid" 2>/dev/null; done < "$pids"
            : > "$pids"
            """.Replace("\r", ""));
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var arg in new[] { "/bin/sh", script, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), _pidFile })
        {
            info.ArgumentList.Add(arg);
        }
        info.RedirectStandardOutput = false;
        using var _ = Process.Start(info);
    }
}
