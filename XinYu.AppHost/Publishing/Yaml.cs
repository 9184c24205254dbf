using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace XinYu.AppHost.Publishing;

/// <summary>
/// A YAML mapping that keeps its keys in the order they were added. Kubernetes objects are written in the order
/// people read them (apiVersion, kind, metadata, spec), and the order never depends on hashing, so a fresh publish is
/// byte-for-byte the committed one.
/// </summary>
public sealed class YamlMap : List<KeyValuePair<string, object>>
{
    /// <summary>Adds a key (collection-initialiser form: <c>new YamlMap { ["kind"] = "Service" }</c>).</summary>
    public object this[string key]
    {
        get => this.First(p => p.Key == key).Value;
        set
        {
            if (this.Any(p => p.Key == key)) throw new InvalidOperationException($"Duplicate YAML key '{key}'.");
            Add(new KeyValuePair<string, object>(key, value));
        }
    }
}

/// <summary>YAML's null: in a kustomize patch, it deletes the field.</summary>
public sealed class NullScalar
{
    public static readonly NullScalar Value = new();
    private NullScalar() { }
}

/// <summary>
/// Writes <see cref="YamlMap"/>s, lists, strings, integers and booleans as block YAML, the way kubectl prints it.
/// Hand-rolled rather than a library because the subset is small and the output must be exactly stable: a string is
/// written plain only when it cannot be read back as anything but that string, and double-quoted (JSON escaping, which
/// is valid YAML) otherwise.
/// </summary>
public static partial class Yaml
{
    /// <summary>One YAML document per object, separated by <c>---</c>, after a comment header.</summary>
    public static string Documents(string header, params IEnumerable<object> documents)
    {
        var text = new StringBuilder();
        foreach (var line in header.Split('\n')) text.Append("# ").Append(line).Append('\n');
        var first = true;
        foreach (var document in documents)
        {
            if (!first) text.Append("---\n");
            first = false;
            WriteBlock(text, document, 0);
        }
        return text.ToString();
    }

    private static void WriteBlock(StringBuilder text, object node, int indent)
    {
        switch (node)
        {
            case YamlMap map:
                foreach (var (key, value) in map)
                {
                    text.Append(' ', indent).Append(Scalar(key)).Append(':');
                    WriteValue(text, value, indent + 2, inList: false);
                }
                break;
            case IEnumerable<object> list:
                foreach (var item in list)
                {
                    text.Append(' ', indent).Append('-');
                    WriteValue(text, item, indent + 2, inList: true);
                }
                break;
            default:
                throw new ArgumentException($"A YAML document is a mapping or a list, not {node.GetType().Name}.");
        }
    }

    /// <summary>Writes what follows a key's colon or a list's dash.</summary>
    private static void WriteValue(StringBuilder text, object value, int indent, bool inList)
    {
        switch (value)
        {
            case YamlMap { Count: 0 }:
                text.Append(" {}\n");
                break;
            case IEnumerable<object> list when value is not string && !list.Any():
                text.Append(" []\n");
                break;
            case YamlMap map when inList:
                // "- key: value" with the mapping's other keys under the first, as kubectl writes it.
                text.Append(' ');
                var nested = new StringBuilder();
                WriteBlock(nested, map, indent);
                text.Append(nested.ToString(indent, nested.Length - indent));
                break;
            case YamlMap map:
                text.Append('\n');
                WriteBlock(text, map, indent);
                break;
            case IEnumerable<object> list when value is not string:
                // Lists under a key sit at the key's own indentation (kubectl's style).
                text.Append('\n');
                WriteBlock(text, list, inList ? indent : indent - 2);
                break;
            default:
                text.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    public static string Scalar(object value) => value switch
    {
        string s => IsPlain(s) ? s : JsonSerializer.Serialize(s, JsonOptions),
        bool b => b ? "true" : "false",
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        NullScalar => "null",
        _ => throw new ArgumentException($"No YAML scalar form for {value.GetType().Name}."),
    };

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Plain only for names, paths, images and words: letters, digits and <c>_ . / - :</c>, starting with a letter,
    /// <c>_</c> or <c>/</c>, not ending with <c>:</c> (a colon is then never followed by a space, so never a key), and none of the words YAML 1.1 reads as booleans or null (so <c>"on"</c>, <c>"no"</c> stay quoted).
    /// Numbers such as <c>"8080"</c> or <c>"1.0"</c> never match, so they stay strings.
    /// </summary>
    private static bool IsPlain(string s) => PlainScalar().IsMatch(s) && !ReservedWords.Contains(s);

    private static readonly HashSet<string> ReservedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null",
    };

    [GeneratedRegex("^[A-Za-z_/]([A-Za-z0-9_./:-]*[A-Za-z0-9_./-])?$")]
    private static partial Regex PlainScalar();
}
