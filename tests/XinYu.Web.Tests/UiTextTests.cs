using System.Text.RegularExpressions;
using System.Xml.Linq;
using XinYu.Testing;

namespace XinYu.Web.Tests;

/// <summary>Every word of the app exists in Chinese and in English, and every key a page asks for exists.</summary>
[Trait("Category", "Unit")]
public sealed partial class UiTextTests
{
    private static readonly string Web = Path.Combine(RepositoryPaths.Root, "web", "XinYu.Web");

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(Web, "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    [Fact]
    public void Chinese_and_English_have_the_same_keys_and_no_empty_words()
    {
        var chinese = Read("UiText.resx");
        var english = Read("UiText.en.resx");
        Assert.Empty(chinese.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(chinese.Keys));
        Assert.DoesNotContain(chinese.Concat(english), entry => string.IsNullOrWhiteSpace(entry.Value));
        // The default language is Chinese: the neutral file is not English by mistake.
        Assert.Equal("今日工作", chinese["TodayTitle"]);
    }

    [Fact]
    public void Every_key_a_page_asks_for_has_its_words()
    {
        var keys = Read("UiText.resx").Keys.ToHashSet(StringComparer.Ordinal);
        var asked = Directory.EnumerateFiles(Path.Combine(Web, "Components"), "*.razor", SearchOption.AllDirectories)
            .SelectMany(file => KeyUse().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Key: m.Groups[1].Value)))
            .ToList();
        Assert.NotEmpty(asked);
        Assert.DoesNotContain(asked, use => !keys.Contains(use.Key));
    }

    /// <summary>A literal key: <c>T["Key"]</c> or <c>T["Key", arg]</c>.</summary>
    [GeneratedRegex("""T\["([A-Za-z_][A-Za-z0-9_]*)"[\],]""")]
    private static partial Regex KeyUse();
}
