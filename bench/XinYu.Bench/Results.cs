using System.Globalization;
using System.Text;

namespace XinYu.Bench;

/// <summary>One line of the results table: a figure, its target where the issue sets one, and whether it was met.</summary>
public sealed record Figure(string Scenario, string Measure, string Value, string Target = "", bool? Met = null, string Note = "");

/// <summary>Collects figures, prints them as they come, and writes the table with the machine's cores and memory.</summary>
public sealed class Results
{
    private readonly List<Figure> _figures = [];

    public void Add(Figure figure)
    {
        _figures.Add(figure);
        var verdict = figure.Met switch { true => "PASS", false => "FAIL", null => "" };
        Console.WriteLine($"  {figure.Scenario,-22} {figure.Measure,-44} {figure.Value,-18} {figure.Target,-16} {verdict} {figure.Note}");
    }

    public void Add(string scenario, string measure, double value, string unit, string target = "", bool? met = null, string note = "") =>
        Add(new Figure(scenario, measure, value.ToString(value >= 100 ? "F0" : unit == "×" ? "F2" : "F1", CultureInfo.InvariantCulture) + " " + unit, target, met, note));

    public IReadOnlyList<Figure> Figures => _figures;

    public static string Machine()
    {
        var memory = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal", StringComparison.Ordinal));
        var kb = long.Parse(memory.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown CPU";
        return $"{Environment.ProcessorCount} cores ({cpu}), {kb / 1024 / 1024.0:F1} GiB memory, .NET {Environment.Version}";
    }

    public async Task WriteAsync(string path, string parameters)
    {
        var text = new StringBuilder()
            .AppendLine($"# XinYu benchmark, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC")
            .AppendLine()
            .AppendLine($"Machine: {Machine()}. Load generator, AppHost and suite share this machine.")
            .AppendLine($"Parameters: {parameters}")
            .AppendLine()
            .AppendLine("| scenario | measure | value | target | met | note |")
            .AppendLine("|---|---|---|---|---|---|");
        foreach (var f in _figures)
        {
            var met = f.Met switch { true => "pass", false => "**fail**", null => "" };
            text.AppendLine($"| {f.Scenario} | {f.Measure} | {f.Value} | {f.Target} | {met} | {f.Note.Replace("|", "/")} |");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, text.ToString());
        Console.WriteLine($"\nResults written to {path}");
    }
}
