using XinYu.Bench;
using XinYu.Bench.Generator;
using XinYu.Bench.Scenarios;

// The benchmark: starts the whole suite as the AppHost does, loads a generated bureau through the public API, runs the
// chosen scenarios and prints a results table (also written to a file, with the machine's cores and memory).
// Targets are reported, never asserted: see issue #10 and docs/benchmarks.md.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (HelpRequested)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

Console.WriteLine($"XinYu benchmark: {options}");
Console.WriteLine($"Machine: {Results.Machine()}");
var results = new Results();
var suite = new BenchSuite();
try
{
    await suite.StartMeasuredAsync();
    var context = new BenchContext(suite, results, options);
    results.Add("startup", "launch to every resource healthy", suite.StartupSeconds, "s", "≤ 20 s", suite.StartupSeconds <= 20,
        "servers and services started by the AppHost's orchestrator, already built");
    if (options.Runs("startup"))
    {
        await Task.Delay(TimeSpan.FromSeconds(15));
        var idle = SuiteMemory.MegabytesOf(suite.App);
        results.Add("startup", "idle memory of the whole suite", idle, "MB", "< 1,536 MB", idle < 1536, "proportional set size, after 15 s idle; DCP and the benchmark process apart");
        results.Add("startup", "idle memory of DCP", SuiteMemory.DcpMegabytes(suite.App), "MB", note: "the local orchestrator (no dashboard runs under the benchmark)");
    }

    await using var peak = new PeakMemory(suite.App);
    var loadBacklog = new BacklogMonitor(context.Deliveries);
    var plan = BureauGenerator.Generate(options.Seed, options.Schools, options.StudentsPerSchool);
    Console.WriteLine($"Loading a bureau: {plan.Schools.Count} schools, {plan.Classes} classes, {plan.Students} students, {plan.StaffCount} staff");
    context.Bureau = await BureauLoader.LoadDirectoryAsync(suite, plan);
    results.Add("load", "directory loaded through the API", context.Bureau.DirectorySeconds, "s",
        note: $"{plan.Schools.Count} schools, {plan.Classes} classes, {plan.StaffCount} staff, 2 accounts per school, 4 schools at a time");
    results.Add("load", "time inside the directory-load requests", context.Bureau.DirectoryRequestSeconds, "s",
        note: "summed over schools: one request per school with its classes and staff");
    results.Add("load", "time creating and signing in the accounts", suite.AccountTimes.CreationSeconds + suite.AccountTimes.FirstSignInSeconds, "s",
        note: $"summed over schools: {suite.AccountTimes.CreationSeconds:F0} s until created (Identity must know the school first), {suite.AccountTimes.FirstSignInSeconds:F0} s in the first sign-ins (with a password change)");

    // First, while nothing else runs: the gateway's cost is a comparison and needs a quiet suite.
    if (options.Runs("gateway")) await GatewayCostScenario.RunAsync(context);
    if (options.Runs("roster") || options.Runs("screening") || options.Runs("timeline"))
    {
        await RosterLoader.LoadAsync(suite, context.Bureau!);
        var b = context.Bureau!;
        results.Add("roster", "roster import through Records' API", b.RosterRows / b.RosterImportSeconds, "rows/s",
            note: $"{b.RosterRows} rows in CSV, one request per school (rows ÷ time inside the import requests, summed over 4 at a time)");
        results.Add("roster", "roster load, wall clock", b.RosterSeconds, "s",
            note: $"{b.RosterRows / b.RosterSeconds:F0} rows/s: classes named, rosters imported and read back, 4 schools at a time");
    }
    // The load's events are consumed before the peak starts: the directory's and the roster's, in every service.
    await loadBacklog.WaitDrainedAsync(TimeSpan.FromMinutes(90)); // a city's 300,000 enrolments take most of an hour here
    results.Add("load", "load's events consumed, after its last request", loadBacklog.DrainTime?.TotalSeconds ?? double.NaN, "s",
        note: $"every outbox sent and every consumer's inbox caught up; largest backlog {loadBacklog.LargestBacklog} ({loadBacklog.LargestConsumer}), largest unsent {loadBacklog.LargestUnsent}"
            + (loadBacklog.DrainTime is null ? "; NOT drained within 90 min" : ""));
    await loadBacklog.DisposeAsync();
    if (options.Runs("screening")) await ScreeningPeakScenario.RunAsync(context);
    if (options.Runs("timeline")) await TimelineScenario.RunAsync(context);
    if (options.Runs("faults")) await FaultScenarios.RunAsync(context);
    if (options.Runs("bad-input")) await BadInputScenario.RunAsync(context);

    results.Add("memory", "peak memory of the whole suite during the run", peak.PeakMb, "MB");
}
catch (Exception e)
{
    Console.Error.WriteLine($"The benchmark stopped: {e}");
    await results.WriteAsync(options.Output, options + " (incomplete: " + e.Message + ")");
    await suite.StopAsync();
    return 1;
}
await results.WriteAsync(options.Output, options.ToString());
await suite.StopAsync();
return 0;
