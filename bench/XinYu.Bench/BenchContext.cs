using XinYu.Bench.Generator;

namespace XinYu.Bench;

/// <summary>What every scenario gets: the running suite, the results table, the run's settings and the loaded bureau.</summary>
public sealed class BenchContext(BenchSuite suite, Results results, BenchOptions options)
{
    public BenchSuite Suite { get; } = suite;
    public Results Results { get; } = results;
    public BenchOptions Options { get; } = options;
    public Deliveries Deliveries { get; } = new(suite.App);
    /// <summary>Set once the generated bureau is loaded.</summary>
    public LoadedBureau? Bureau { get; set; }
}

/// <summary>The command line: which scenarios, how big a bureau, how long each load runs.</summary>
public sealed record BenchOptions
{
    public int Seed { get; init; } = 20261001;
    public int Schools { get; init; } = 20;
    public int StudentsPerSchool { get; init; } = 300;
    public int Concurrency { get; init; } = 64;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);
    public TimeSpan Outage { get; init; } = TimeSpan.FromSeconds(30);
    public int BadInputVariants { get; init; } = 200;
    public IReadOnlySet<string> Scenarios { get; init; } = new HashSet<string>();
    public string Output { get; init; } = Path.Combine("bench", "results", $"{DateTime.UtcNow:yyyyMMdd-HHmm}.md");

    public const string Usage = """
        usage: ./xinyu.sh bench [scenario ...] [--schools N] [--students-per-school N] [--seed N] [--concurrency N]
                                [--duration SECONDS] [--outage SECONDS] [--bad-input-variants N] [--output FILE]
        scenarios (default: all): startup gateway roster screening timeline faults bad-input
                                  (screening measures its ceiling, the same durable work straight on PostgreSQL, first)
        A city: --schools 200 --students-per-school 1500 (300,000 students, about 20,000 staff).
        """;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        var scenarios = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Int() => int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--schools" => options with { Schools = Int() },
                "--students-per-school" => options with { StudentsPerSchool = Int() },
                "--seed" => options with { Seed = Int() },
                "--concurrency" => options with { Concurrency = Int() },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Int()) },
                "--outage" => options with { Outage = TimeSpan.FromSeconds(Int()) },
                "--bad-input-variants" => options with { BadInputVariants = Int() },
                "--output" => options with { Output = Next() },
                "-h" or "--help" => throw new HelpRequested(),
                var name when All.Contains(name) => AddScenario(options, scenarios, name),
                var other => throw new ArgumentException($"Unknown argument {other}.\n{Usage}"),
            };
        }
        return options with { Scenarios = scenarios.Count == 0 ? All.ToHashSet() : scenarios };
    }

    private static BenchOptions AddScenario(BenchOptions options, HashSet<string> scenarios, string name)
    {
        scenarios.Add(name);
        return options;
    }

    public static readonly string[] All = ["startup", "gateway", "roster", "screening", "timeline", "faults", "bad-input"];

    public bool Runs(string scenario) => Scenarios.Contains(scenario);

    public override string ToString() =>
        $"seed {Seed}, {Schools} schools × ~{StudentsPerSchool} students, concurrency {Concurrency}, {Duration.TotalSeconds:F0} s per load, outage {Outage.TotalSeconds:F0} s";
}

public sealed class HelpRequested : Exception;
