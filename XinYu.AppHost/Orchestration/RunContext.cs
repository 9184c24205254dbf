using XinYu.AppHost.Hosting;

namespace XinYu.AppHost.Orchestration;

/// <summary>What every runner of one run shares.</summary>
public sealed class RunContext(ResourceModel model, AppHostOptions options, ProcessSupervisor supervisor, SecretStore secrets)
{
    public ResourceModel Model { get; } = model;
    public AppHostOptions Options { get; } = options;
    public ProcessSupervisor Supervisor { get; } = supervisor;
    public SecretStore Secrets { get; } = secrets;

    public string DataDirectoryFor(IResource resource) => Path.Combine(Options.DataDirectory, "data", resource.Name);
    public string LogFileFor(IResource resource) => Path.Combine(Options.DataDirectory, "logs", resource.Name + ".log");

    public string Resolve(string expression) => ResourceExpressions.Resolve(expression, Model, Secrets.ValueOf);

    public string ConnectionStringOf(IResourceWithConnectionString resource) => Resolve(resource.ConnectionStringExpression);
}

/// <summary>Starts one resource and reports it healthy; stops it again.</summary>
public interface IResourceRunner
{
    IResource Resource { get; }
    /// <summary>Where a person reaches it, for the console.</summary>
    string Endpoint { get; }
    /// <summary>Returns once the resource really answers (not merely once its process exists).</summary>
    Task StartAsync(CancellationToken ct);
    Task StopAsync();
}

/// <summary>Polls until a probe succeeds, failing early if the process died.</summary>
internal static class Readiness
{
    public static async Task WaitAsync(string what, SupervisedProcess process, Func<CancellationToken, Task<bool>> probe, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{what} exited with code {process.ExitCode} while starting. Last lines of {process.Spec.LogFile}:\n{process.LogTail()}");
            }
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
                attempt.CancelAfter(TimeSpan.FromSeconds(5));
                if (await probe(attempt.Token))
                {
                    return;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // Not up yet.
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not become healthy within {timeout.TotalSeconds:0} s. Last lines of {process.Spec.LogFile}:\n{process.LogTail()}");
            }
            await Task.Delay(150, ct);
        }
    }
}
