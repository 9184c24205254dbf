using System.Text.RegularExpressions;
using XinYu.Testing;

namespace XinYu.Platform.Tests.Architecture;

/// <summary>
/// One layout in every service (README, "The layout of a service"), checked on the source tree: a reader who knows one
/// service finds the endpoints, the rules, the storage, the consumers and the periodic jobs of every other in the
/// same folders; nothing below the endpoints reaches up into them; no service's model maps another service's tables.
/// </summary>
public sealed class LayoutTests
{
    private static readonly string[] Services = ["Records", "Screening", "Staffing", "Liaison", "Calendar", "Identity"];

    /// <summary>Tables every service's model includes by design: the outbox, the inbox and the audit trail.</summary>
    private static readonly HashSet<string> SharedTables = ["outbox_messages", "inbox_messages", "audit_entries", "audit_head"];

    /// <summary>
    /// Local copies of another service's entities, kept from its events (architecture.md, "Who owns which data": others
    /// keep ids and the few fields they need). Each service owns its copy's table in its own database; the name is the
    /// same because the thing is.
    /// </summary>
    private static readonly HashSet<string> CopyTables =
        ["known_schools", "known_classes", "known_staff", "known_terms", "roster_students", "schools", "classes", "students", "consents", "terms"];

    private static string ServiceRoot(string service) => Path.Combine(RepositoryPaths.Root, "services", $"XinYu.{service}");

    private static IEnumerable<string> SourceFiles(string directory) => !Directory.Exists(directory) ? []
        : Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Segments(f).Any(s => s is "obj" or "bin" or "Migrations"));

    private static string[] Segments(string path) => path.Split(Path.DirectorySeparatorChar);

    [Theory]
    [InlineData("Records")]
    [InlineData("Screening")]
    [InlineData("Staffing")]
    [InlineData("Liaison")]
    [InlineData("Calendar")]
    [InlineData("Identity")]
    public void Every_service_has_the_same_folders(string service)
    {
        // Identity has no domain rules of its own beyond its accounts (ASP.NET Identity and OpenIddict hold the rest).
        string[] folders = service == "Identity" ? ["Apis", "Data", "Consumers"] : ["Apis", "Domain", "Data", "Consumers"];
        var missing = folders.Where(f => !Directory.Exists(Path.Combine(ServiceRoot(service), f))).ToList();
        Assert.True(missing.Count == 0, $"XinYu.{service} lacks {string.Join(", ", missing)}/");
    }

    /// <summary>
    /// A service's own folders name their concern (Records' <c>Import/</c>, Identity's <c>Accounts/</c>); a
    /// <c>Services/</c> folder names none, and issue #16 found settings and a catalogue there that belong in Domain/.
    /// </summary>
    [Fact]
    public void No_service_has_a_Services_folder()
    {
        var with = Services.Where(s => SourceFiles(Path.Combine(ServiceRoot(s), "Services")).Any()).Select(s => $"XinYu.{s}/Services/").ToList();
        Assert.True(with.Count == 0,
            $"{string.Join(", ", with)}: settings (…Options) and rules go to Domain/, storage to Data/, endpoints' helpers to Apis/.");
    }

    /// <summary>
    /// One way of binding a request (README, "Writing an endpoint"): route values, the body record and the services are
    /// the handler's own parameters; no handler bundles them with <c>[AsParameters]</c>.
    /// </summary>
    [Fact]
    public void Handlers_bind_their_parameters_one_way()
    {
        var bundled = Services.SelectMany(s => SourceFiles(ServiceRoot(s)))
            .Where(f => AsParameters.IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f)).ToList();
        Assert.True(bundled.Count == 0, "Handlers binding with [AsParameters]: " + string.Join(", ", bundled));
    }

    private static readonly Regex AsParameters = new(@"^(?!\s*//).*\[AsParameters\]", RegexOptions.Multiline);

    [Fact]
    public void The_AsParameters_rule_can_fail()
    {
        Assert.Matches(AsParameters, "private static Task SubmitAsync(SubmissionRequest request, [AsParameters] SubmitServices services)");
        Assert.DoesNotMatch(AsParameters, "// no [AsParameters] here");
    }

    /// <summary>
    /// A handler takes the settings it reads and no others: an unused <c>IOptions&lt;T&gt;</c> parameter tells the next
    /// reader the endpoint depends on a policy it does not (issue #16 found six in Screening).
    /// </summary>
    [Fact]
    public void Handlers_take_only_the_settings_they_read()
    {
        var unused = Services.SelectMany(s => SourceFiles(Path.Combine(ServiceRoot(s), "Apis")))
            .SelectMany(f => UnusedOptions(File.ReadAllText(f)).Select(h => $"{Path.GetFileName(f)}: {h}")).ToList();
        Assert.True(unused.Count == 0, "Handlers with an unused settings parameter: " + string.Join(", ", unused));
        Assert.Equal(["ProgressAsync"], UnusedOptions("""
            private static async Task<Ok<int>> ProgressAsync(Guid id, ScreeningDbContext db, IOptions<ScreeningOptions> options)
            {
                return TypedResults.Ok(await db.Campaigns.CountAsync());
            }
            private static Ok<int> LimitAsync(IOptions<ScreeningOptions> options) => TypedResults.Ok(options.Value.Plans.OverdueEscalationDays);
            """));
    }

    private static readonly Regex OptionsParameter = new(
        @"\bstatic\s[^;{}=]*?\s(?<name>\w+)\((?<parameters>[^)]*?\bIOptions(?:Monitor|Snapshot)?<\w+>\s+(?<var>\w+)[^)]*)\)\s*(?<open>=>|\{)",
        RegexOptions.Singleline);

    private static IEnumerable<string> UnusedOptions(string source)
    {
        foreach (Match m in OptionsParameter.Matches(source))
        {
            var start = m.Index + m.Length;
            var end = start;
            if (m.Groups["open"].Value == "{")
                for (var depth = 1; depth > 0 && end < source.Length; end++) depth += source[end] == '{' ? 1 : source[end] == '}' ? -1 : 0;
            else
                end = source.IndexOf(';', start) is var semicolon and >= 0 ? semicolon : source.Length;
            if (!Regex.IsMatch(source[start..end], $@"\b{m.Groups["var"].Value}\b")) yield return m.Groups["name"].Value;
        }
    }

    /// <summary>
    /// A handler validates, calls the domain and saves (README, "The layout of a service"), so it fits on a screen: one
    /// longer than this is doing the domain's work (issue #16 found Records' import at 92 lines and Screening's submit
    /// at 91); move the rule to Domain/ rather than raising the limit.
    /// </summary>
    private const int MaxHandlerLines = 70;

    [Fact]
    public void Handlers_are_short()
    {
        var longer = Services.SelectMany(s => SourceFiles(Path.Combine(ServiceRoot(s), "Apis")))
            .SelectMany(f => HandlerLengths(File.ReadAllText(f)).Where(h => h.Lines > MaxHandlerLines).Select(h => $"{Path.GetFileName(f)}: {h.Name} ({h.Lines} lines)"))
            .ToList();
        Assert.True(longer.Count == 0, $"Handlers over {MaxHandlerLines} lines: " + string.Join(", ", longer));
        var sample = "private static async Task<Ok<int>> LongAsync(Guid id, [FromQuery(Name = \"q\")] string? q, AppDb db)\n{\n"
            + string.Concat(Enumerable.Repeat("    db.Step();\n", MaxHandlerLines)) + "}\n";
        Assert.Equal([("LongAsync", MaxHandlerLines + 3)], HandlerLengths(sample));
    }

    private static readonly Regex HandlerHeader = new(@"\bstatic\s+async\s+Task<[^\n]*?\s(?<name>\w+Async)\((?:[^()]|\([^()]*\))*\)\s*\{");

    private static IEnumerable<(string Name, int Lines)> HandlerLengths(string source)
    {
        foreach (Match m in HandlerHeader.Matches(source))
        {
            var end = m.Index + m.Length;
            for (var depth = 1; depth > 0 && end < source.Length; end++) depth += source[end] == '{' ? 1 : source[end] == '}' ? -1 : 0;
            yield return (m.Groups["name"].Value, source[m.Index..end].Count(c => c == '\n') + 1);
        }
    }

    /// <summary>
    /// A unique key lost to a concurrent request becomes a 409 naming the field one way, through ServiceDefaults'
    /// <c>UniqueConflicts</c> (<c>SaveOrConflictAsync</c>); issue #16 found five services each catching PostgreSQL's
    /// 23505 and building the 409 themselves.
    /// </summary>
    [Fact]
    public void No_service_turns_a_unique_violation_into_a_409_itself()
    {
        var own = Services.SelectMany(s => SourceFiles(ServiceRoot(s)))
            .Where(f => OwnUniqueConflict.IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f)).ToList();
        Assert.True(own.Count == 0, "Own unique-violation-to-409 translations (use SaveOrConflictAsync): " + string.Join(", ", own));
        Assert.Matches(OwnUniqueConflict, """
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
            {
                var (field, message) = unique.ConstraintName switch { "ix" => ("a", "b"), _ => ("c", "d") };
                throw new RequestRejectedException(field, message, StatusCodes.Status409Conflict);
            }
            """);
    }

    private static readonly Regex OwnUniqueConflict = new(@"UniqueViolation[^\n]*\)\s*\{(?:[^{}]|\{[^{}]*\})*?Status409Conflict");

    /// <summary>
    /// A local copy's bookkeeping columns (and a school's, a class's, a placement's, a term's ids) are declared once, in
    /// XinYu.Messaging's copy bases (<c>LocalCopy</c>, <c>KnownSchoolCopy</c>, <c>KnownClassCopy</c>,
    /// <c>PlacedStudent</c>, <c>TermCopy</c>): a service's copy is one line plus what only it keeps.
    /// </summary>
    [Fact]
    public void Local_copies_derive_from_the_copy_bases()
    {
        var redeclared = Services.SelectMany(s => SourceFiles(ServiceRoot(s)))
            .Where(f => CopyColumnsDeclared.IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f)).ToList();
        Assert.True(redeclared.Count == 0, "Copies declaring the copy columns themselves (derive from XinYu.Messaging.Copies.LocalCopy): "
            + string.Join(", ", redeclared));
        Assert.Matches(CopyColumnsDeclared, "public sealed class KnownSchool : IKnownSchool\n{\n    public DateTimeOffset SourceChangedAt { get; set; }");
        Assert.Matches(CopyColumnsDeclared, "public sealed class Term : ILocalCopy\n{");
    }

    private static readonly Regex CopyColumnsDeclared = new(@"\bDateTimeOffset\s+SourceChangedAt\s*\{|:\s*(ILocalCopy|IKnownSchool|IPlacedStudent)\b");

    /// <summary>
    /// Requests come in through Apis/ and flow down (README, "How a change flows"): the domain, the jobs, the consumers
    /// and the importers never call up into an endpoint class (issue #16 found the registry and a sweep doing so).
    /// </summary>
    [Theory]
    [InlineData("Records")]
    [InlineData("Screening")]
    [InlineData("Staffing")]
    [InlineData("Liaison")]
    [InlineData("Calendar")]
    [InlineData("Identity")]
    public void Only_the_endpoints_use_Apis(string service)
    {
        var offenders = ReachingIntoApis(service).ToList();
        Assert.True(offenders.Count == 0, "Code outside Apis/ that uses the API layer: " + string.Join(", ", offenders));
    }

    /// <summary>
    /// A service's entities (the types its DbContext keeps in a DbSet) are the domain's nouns and live in Domain/, beside
    /// the rules that use them; Data/ holds how they are stored (the DbContext, its mapping, migrations). Identity aside:
    /// its entities are ASP.NET Identity's and OpenIddict's, configured in Data/.
    /// </summary>
    [Theory]
    [InlineData("Records")]
    [InlineData("Screening")]
    [InlineData("Staffing")]
    [InlineData("Liaison")]
    [InlineData("Calendar")]
    public void Entities_live_in_Domain(string service)
    {
        var root = ServiceRoot(service);
        var files = SourceFiles(root).ToList();
        var entities = SourceFiles(Path.Combine(root, "Data"))
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"\bDbSet<(\w+)>").Select(m => m.Groups[1].Value)).Distinct().ToList();
        Assert.NotEmpty(entities);
        var misplaced = entities
            .Select(e => (Entity: e, File: files.FirstOrDefault(f => Regex.IsMatch(File.ReadAllText(f), $@"\b(class|record)\s+{e}\b"))))
            .Where(x => x.File is not null && Segments(Path.GetRelativePath(root, x.File))[0] != "Domain") // null: a shared type (Messaging)
            .Select(x => $"{x.Entity} in {Path.GetRelativePath(RepositoryPaths.Root, x.File!)}").ToList();
        Assert.True(misplaced.Count == 0, "Entities outside Domain/: " + string.Join(", ", misplaced));
    }

    [Fact]
    public void The_Apis_rule_can_fail()
    {
        Assert.Matches(ApisReference, "var key = Apis.ScreeningApi.StudentKey(id);");
        Assert.Matches(ApisReference, "using XinYu.Screening.Apis;");
        Assert.DoesNotMatch(ApisReference, "// the endpoints (see Apis/) validate first");
    }

    private static readonly Regex ApisReference = new(@"^\s*using\s+XinYu\.\w+\.Apis\s*;|^(?!\s*//).*\bApis\.\w+", RegexOptions.Multiline);

    private static IEnumerable<string> ReachingIntoApis(string service)
    {
        var root = ServiceRoot(service);
        return SourceFiles(root)
            .Where(f => Segments(Path.GetRelativePath(root, f))[0] is not ("Apis" or "Program.cs"))
            .Where(f => ApisReference.IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f));
    }

    /// <summary>
    /// Periodic work lives in Jobs/, so a reader finds every sweep of the suite in one kind of place: a periodic job
    /// (<c>IPeriodicJob</c>, run replica-safely by ServiceDefaults' PeriodicJobRunner) or any hosted service that loops.
    /// </summary>
    [Fact]
    public void Every_periodic_job_lives_in_Jobs()
    {
        var outside = PeriodicWorkOutsideJobs().ToList();
        Assert.True(outside.Count == 0, "Periodic work outside Jobs/: " + string.Join(", ", outside));
    }

    private static readonly Regex PeriodicWorkClass = new(@"\bclass\s+(\w+)[^{;]*?:\s*[^{;]*\b(BackgroundService|IPeriodicJob)\b", RegexOptions.Singleline);

    [Fact]
    public void The_Jobs_rule_finds_periodic_work()
    {
        Assert.Matches(PeriodicWorkClass, "public sealed class Sweeper(IServiceScopeFactory scopes,\n    ILogger<Sweeper> logger) : BackgroundService\n{");
        Assert.Matches(PeriodicWorkClass, "public sealed class RetentionSweep(RecordsDbContext db) : IPeriodicJob\n{");
        Assert.DoesNotMatch(PeriodicWorkClass, "public sealed class Sweep(IServiceScopeFactory scopes) { }");
        // Today's tree has some (the sweeps), so the scan is not looking at nothing.
        Assert.Contains(Services.SelectMany(s => SourceFiles(ServiceRoot(s))), f => PeriodicWorkClass.IsMatch(File.ReadAllText(f)));
    }

    private static IEnumerable<string> PeriodicWorkOutsideJobs() =>
        Services.SelectMany(s => SourceFiles(ServiceRoot(s)).Select(f => (Service: s, File: f)))
            .Where(x => PeriodicWorkClass.IsMatch(File.ReadAllText(x.File)))
            .Where(x => Segments(Path.GetRelativePath(ServiceRoot(x.Service), x.File))[0] != "Jobs")
            .Select(x => Path.GetRelativePath(RepositoryPaths.Root, x.File));

    /// <summary>
    /// Each table is mapped by one service's model (read from its model snapshot, the model as EF Core compares it),
    /// except the shared tables and the declared local copies: a service that mapped another's table (say Records'
    /// <c>file_entries</c> in Screening) would fail here.
    /// </summary>
    [Fact]
    public void No_service_model_maps_another_services_tables()
    {
        var tables = Services.ToDictionary(s => s, TablesOf);
        Assert.All(tables, t => Assert.NotEmpty(t.Value));
        var overlaps = Overlaps(tables);
        Assert.True(overlaps.Count == 0, "Tables mapped by more than one service: " + string.Join("; ", overlaps));
        // The rule can fail: a foreign table mapped beside Records' own is found.
        var tampered = tables.ToDictionary(t => t.Key, t => t.Key == "Screening" ? [.. t.Value, "file_entries"] : t.Value);
        Assert.Equal(["file_entries: Records, Screening"], Overlaps(tampered));
    }

    [Fact]
    public void Each_service_model_connects_to_its_own_database_only()
    {
        var databases = Services.ToDictionary(s => s, s => $"{s.ToLowerInvariant()}db");
        foreach (var service in Services)
        {
            var source = string.Join("\n", SourceFiles(ServiceRoot(service)).Select(File.ReadAllText));
            // The database a service's start names: AddXinYuService<TContext>(new("records", "recordsdb")), or AddServiceDatabase.
            var named = Regex.Matches(source, @"(?:AddServiceDatabase<\w+>\(|AddXinYuService<\w+>\(new\(""\w+"",\s*)""(\w+)""")
                .Select(m => m.Groups[1].Value).ToList();
            Assert.Equal([databases[service]], named);
            var others = databases.Where(d => d.Key != service && Regex.IsMatch(source, $@"""{d.Value}""")).Select(d => d.Value).ToList();
            Assert.True(others.Count == 0, $"XinYu.{service} names another service's database: {string.Join(", ", others)}");
        }
    }

    private static List<string> Overlaps(Dictionary<string, List<string>> tables) =>
        tables.SelectMany(t => t.Value.Distinct().Select(table => (Table: table, Service: t.Key)))
            .GroupBy(x => x.Table)
            .Where(g => g.Count() > 1 && !SharedTables.Contains(g.Key) && !CopyTables.Contains(g.Key))
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(x => x.Service).Order())}")
            .Order().ToList();

    private static List<string> TablesOf(string service)
    {
        var snapshots = Directory.EnumerateFiles(ServiceRoot(service), "*ModelSnapshot.cs", SearchOption.AllDirectories)
            .Where(f => !Segments(f).Any(s => s is "obj" or "bin")).ToList();
        var snapshot = Assert.Single(snapshots);
        return Regex.Matches(File.ReadAllText(snapshot), @"\bToTable\(""(\w+)""").Select(m => m.Groups[1].Value).Distinct().ToList();
    }
}
