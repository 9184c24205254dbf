using XinYu.Testing;

namespace XinYu.Platform.Tests.Testing;

/// <summary>Test runs clean up what earlier, interrupted runs left behind, and never a running one's servers.</summary>
[Trait("Category", "Unit")]
public sealed class StaleTestFoldersTests : IDisposable
{
    private readonly string _parent = Path.Combine(Path.GetTempPath(), "stale-folders-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void Folders_untouched_for_longer_than_any_run_go_and_recent_ones_stay()
    {
        var stale = Directory.CreateDirectory(Path.Combine(_parent, "xinyu-suite-old")).FullName;
        File.WriteAllText(Path.Combine(stale, "pgdata"), "x");
        Directory.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddDays(-2));
        var running = Directory.CreateDirectory(Path.Combine(_parent, "xinyu-suite-now")).FullName;
        var other = Directory.CreateDirectory(Path.Combine(_parent, "someone-elses")).FullName;
        Directory.SetLastWriteTimeUtc(other, DateTime.UtcNow.AddDays(-2));

        StaleTestFolders.Sweep(_parent, "xinyu-suite-*");

        Assert.False(Directory.Exists(stale));
        Assert.True(Directory.Exists(running));
        Assert.True(Directory.Exists(other)); // not ours: the pattern decides
    }

    public void Dispose() => Directory.Delete(_parent, recursive: true);
}
