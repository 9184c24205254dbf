using XinYu.AppHost.Hosting;

namespace XinYu.Testing;

public static class RepositoryPaths
{
    public static string Root => AppHostOptions.RepositoryRoot;

    /// <summary>The suite's shared folder (docs, seeds, reference schemas) beside the repository.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));
}
