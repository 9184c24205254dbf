using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using NetArchTest.Rules;
using XinYu.Testing;

namespace XinYu.Platform.Tests.Architecture;

/// <summary>The boundaries architecture.md draws, checked on the compiled assemblies.</summary>
[Trait("Category", "Unit")]
public sealed class BoundaryTests
{
    // The services are built beside the tests: the same bin/<configuration>/<target framework>/ folders.
    private static readonly DirectoryInfo Output = new(AppContext.BaseDirectory.TrimEnd('/'));
    private static readonly string BuildConfiguration = Output.Parent!.Name;
    private static readonly string TargetFramework = Output.Name;

    private static readonly string[] Services = ["Records", "Screening", "Staffing", "Liaison", "Calendar", "Identity"];

    private static string AssemblyPath(string service) => Path.Combine(RepositoryPaths.Root, "services", $"XinYu.{service}", "bin",
        BuildConfiguration, TargetFramework, $"XinYu.{service}.dll");

    private static IReadOnlyList<string> References(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToList();
    }

    [Theory]
    [InlineData("Records")]
    [InlineData("Screening")]
    [InlineData("Staffing")]
    [InlineData("Liaison")]
    [InlineData("Calendar")]
    [InlineData("Identity")]
    public void No_service_references_another_service(string service)
    {
        var others = Services.Where(s => s != service).Select(s => $"XinYu.{s}");
        Assert.Empty(References(AssemblyPath(service)).Intersect(others));
    }

    [Fact]
    public void The_gateway_references_no_service()
    {
        var gateway = Path.Combine(RepositoryPaths.Root, "gateway", "XinYu.Gateway", "bin", BuildConfiguration,
            TargetFramework, "XinYu.Gateway.dll");
        Assert.Empty(References(gateway).Intersect(Services.Select(s => $"XinYu.{s}")));
    }

    [Fact]
    public void Contracts_depend_on_nothing_of_the_suite()
    {
        var contracts = typeof(XinYu.Contracts.IntegrationEvent).Assembly.Location;
        Assert.DoesNotContain(References(contracts), r => r.StartsWith("XinYu.", StringComparison.Ordinal) || r.StartsWith("MassTransit", StringComparison.Ordinal));
    }

    /// <summary>Domain rules stay free of web and storage concerns, so they can be read and unit-tested alone.</summary>
    [Fact]
    public void Domain_types_depend_on_neither_ASP_NET_nor_EF_Core()
    {
        var result = ForbiddenInfrastructure("XinYu.Staffing.Domain");
        Assert.True(result.IsSuccessful, "Domain types with forbidden dependencies: " + string.Join(", ", result.FailingTypeNames ?? []));
        Assert.NotEmpty(Types.InAssembly(typeof(XinYu.Staffing.Domain.DirectoryRules).Assembly).That().ResideInNamespace("XinYu.Staffing.Domain").GetTypes());
        // The rule can fail: the API layer does depend on ASP.NET.
        Assert.False(ForbiddenInfrastructure("XinYu.Staffing.Apis").IsSuccessful);
    }

    private static TestResult ForbiddenInfrastructure(string ns) =>
        Types.InAssembly(typeof(XinYu.Staffing.Domain.DirectoryRules).Assembly)
            .That().ResideInNamespace(ns)
            .ShouldNot().HaveDependencyOnAny("Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "MassTransit", "Npgsql")
            .GetResult();
}
