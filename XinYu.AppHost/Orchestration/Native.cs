using System.Runtime.InteropServices;

namespace XinYu.AppHost.Orchestration;

/// <summary>The few POSIX calls the supervisor needs that .NET does not expose.</summary>
internal static partial class Native
{
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    public const int SIGINT = 2;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int KillNative(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    /// <summary>Sends a signal; a negative pid signals the whole process group. False if nothing was there.</summary>
    public static bool Kill(int pid, int signal) => KillNative(pid, signal) == 0;

    public static bool IsAlive(int pid) => KillNative(pid, 0) == 0;

    public static bool IsRoot => GetEffectiveUserId() == 0;
}
