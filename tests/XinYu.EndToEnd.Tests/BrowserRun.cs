using System.Text.Json;
using XinYu.Testing;
using XinYu.Testing.Suite;

namespace XinYu.EndToEnd.Tests;

/// <summary>
/// Runs one of the browser scripts in tests/browser-web (playwright-core in Debian's headless Chromium) against the
/// running suite, with a member of staff's sign-in and the folder for its screenshots; returns the JSON it printed.
/// </summary>
public static class BrowserRun
{
    private static readonly string Driver = Path.Combine(RepositoryPaths.Root, "tests", "browser-web");

    /// <summary>Where the pages' screenshots go (docs/web/ holds the ones shown in docs/web.md, copied from here).</summary>
    public static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<JsonElement> RunAsync(SuiteFixture suite, string script, string email, string password, params string[] args)
    {
        Assert.True(File.Exists("/usr/bin/chromium"), "Chromium is not installed: `./xinyu.sh test` installs Debian's chromium package.");
        await ExternalTools.EnsureNpmPackagesAsync(Driver);
        Directory.CreateDirectory(Screenshots);
        var (code, stdout, stderr) = await ExternalTools.RunAsync("node",
            [Path.Combine(Driver, script), suite.Issuer, email, password, Screenshots, .. args], stdin: null, TimeSpan.FromSeconds(300));
        Assert.True(code == 0, $"the browser run failed ({code}):\n{stderr}\n{stdout}");
        return JsonDocument.Parse(stdout).RootElement;
    }
}
