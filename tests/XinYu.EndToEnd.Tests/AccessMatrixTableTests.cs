using System.Runtime.CompilerServices;

namespace XinYu.EndToEnd.Tests;

/// <summary>
/// The access matrix's table itself, without the suite: every id an endpoint takes has a seeded object, so the scope
/// test can call it with real objects of its own and of another school.
/// </summary>
public sealed class AccessMatrixTableTests
{
    private static readonly string[] BureauRoles = ["bureau-admin", "bureau-officer"];

    [Fact]
    public void Every_route_parameter_of_the_matrix_has_a_seeded_object()
    {
        var missing = AccessMatrix.Endpoints
            .SelectMany(e => e.Parameters.Where(p => !ScopeSeed.ParameterNames.Contains(p)).Select(p => $"{e}: {{{p}}}"))
            .ToList();
        Assert.True(missing.Count == 0,
            "Route parameters without a seeded object (add the object to ScopeSeed and SchoolSeed.Route): " + string.Join(", ", missing));
    }

    [Fact]
    public void The_seed_fills_every_parameter_name_it_promises()
    {
        var school = (SchoolSeed)RuntimeHelpers.GetUninitializedObject(typeof(SchoolSeed));
        var seed = new ScopeSeed(school, school, Guid.Empty, new Dictionary<string, string?>(), new Dictionary<string, Guid>(), "", Guid.Empty, "");
        Assert.Equal(ScopeSeed.ParameterNames.Order(), school.Route.Keys.Concat(seed.Shared.Keys).Order());
    }

    [Fact]
    public void A_change_that_someone_makes_with_another_schools_object_has_a_valid_body_for_it()
    {
        var missing = AccessMatrix.Endpoints
            .Where(e => e.Method != "GET" && e.Body is not null && e.ValidBody is null)
            .Where(e => e.BodyScoped || e.Reach == Reach.Owner
                || (e.Reach == Reach.School && e.Parameters.Count > 0 && e.Allowed.Any(r => !BureauRoles.Contains(r))))
            .Select(e => e.ToString()).ToList();
        Assert.True(missing.Count == 0, "Rows the scope test calls with another school's object but without a valid body: " + string.Join(", ", missing));
    }
}
