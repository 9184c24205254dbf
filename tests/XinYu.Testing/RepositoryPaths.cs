namespace XinYu.Testing;

public static class RepositoryPaths
{
    /// <summary>The repository the tests were built from. Tests read nothing outside it.</summary>
    public static string Root => AppHost.LocalRunOptions.RepositoryRoot;
}
