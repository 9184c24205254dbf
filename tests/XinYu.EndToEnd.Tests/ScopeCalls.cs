using System.Text.RegularExpressions;

namespace XinYu.EndToEnd.Tests;

/// <summary>One call of the scope test: a row of the matrix, as one caller, with one school's objects.</summary>
/// <param name="Reaches">The caller reaches the object (its own school's, or any of its bureau's for bureau staff).</param>
/// <param name="Unrunnable">Why the row cannot be run as it stands (the table lacks a seed or a valid body): a failure.</param>
/// <param name="Refused">Any refusal about the request will do (400 naming the field, or 404), not one status.</param>
public sealed record ScopeCall(string Path, object? Body, string Description, bool Reaches, bool IsRead, int ForeignStatus, string? Unrunnable = null,
    bool Refused = false)
{
    public string Expected => Unrunnable ?? (Reaches ? IsRead ? "2xx" : "2xx or a 4xx about the request (not 401/403/404)"
        : Refused ? "400 or 404" : ForeignStatus.ToString());

    /// <summary>
    /// A reached object is answered 2xx; a change may instead be told what is wrong with it (400, 409 for a state it
    /// is in, 415, 422), never 401/403/404. An object out of reach is answered exactly as documented (404).
    /// </summary>
    public bool Accepts(int status) => Unrunnable is null && (Reaches
        ? status is >= 200 and < 300 || (!IsRead && status is 400 or 409 or 415 or 422)
        : Refused ? status is 400 or 404 : status == ForeignStatus);
}

public static class ScopeCalls
{
    /// <summary>
    /// The row's valid body for school A with school B's student, class, guardian and duty slot in it, where the body
    /// names any of them: a reached path must not take another school's objects in its body (400 naming the
    /// field, or 404). Staff ids in bodies are not swapped here (issue 15, point 13, checks them separately).
    /// </summary>
    private static object? BodyIdsOfB(EndpointAccess endpoint, ScopeSeed seed)
    {
        if (endpoint.BodyScoped || endpoint.ValidBody is null || endpoint.Method == "GET") return null;
        if (endpoint.ValidBody(seed, seed.A) is HttpContent content) { content.Dispose(); return null; }
        var mixed = endpoint.ValidBody(seed, seed.A with
        {
            StudentId = seed.B.StudentId, ClassId = seed.B.ClassId, GuardianId = seed.B.GuardianId, DutySlotId = seed.B.DutySlotId,
        });
        // Bodies with the time or a fresh id differ anyway: the call is made only when B's ids are in it.
        var text = System.Text.Json.JsonSerializer.Serialize(mixed);
        Guid[] ofB = [seed.B.StudentId, seed.B.ClassId, seed.B.GuardianId, seed.B.DutySlotId];
        return ofB.Any(id => text.Contains(id.ToString(), StringComparison.Ordinal)) ? mixed : null;
    }

    private static readonly string[] BureauRoles = ["bureau-admin", "bureau-officer"];

    /// <summary>The calls one caller makes of one row: its own school's object, and the other school's where there is one.</summary>
    public static IEnumerable<ScopeCall> For(EndpointAccess endpoint, string caller, ScopeSeed seed)
    {
        var reachesOwn = !endpoint.NotReaching.Contains(caller);
        switch (endpoint.Reach)
        {
            case Reach.Anyone:
                yield return Call(endpoint, seed, seed.A, reachesOwn, null, "the shared object");
                break;
            case Reach.Owner:
                yield return Call(endpoint, seed, seed.A, reachesOwn, seed.OwnFeeds.GetValueOrDefault(caller), "its own feed");
                yield return Call(endpoint, seed, seed.B, false, seed.B.AdminFeedId, "another user's feed");
                break;
            default:
                yield return Call(endpoint, seed, seed.A, reachesOwn, null, "school A's object");
                yield return Call(endpoint, seed, seed.B, reachesOwn && BureauRoles.Contains(caller), null, "school B's object");
                // A reached parent does not open another school's child: school A's {schoolId} (or plan) with school
                // B's {classId}, {staffId}, {appointmentId} or follow-up is missing for everyone, bureau staff too.
                if (endpoint.Parameters.Count(p => !seed.Shared.ContainsKey(p)) >= 2)
                    yield return Call(endpoint, seed, seed.A, false, null, "school A's parent and school B's child", children: seed.B);
                if (BodyIdsOfB(endpoint, seed) is { } body)
                    yield return new ScopeCall(Call(endpoint, seed, seed.A, false, null, "").Path, body, "school A's path and school B's student, class, guardian or slot in the body",
                        false, false, 404, Refused: true);
                break;
        }
    }

    /// <param name="children">Whose objects fill the route parameters after the first (by default the same school's).</param>
    private static ScopeCall Call(EndpointAccess endpoint, ScopeSeed seed, SchoolSeed school, bool reaches, Guid? feed, string description,
        SchoolSeed? children = null)
    {
        string? unrunnable = null;
        var position = 0;
        var path = Regex.Replace(endpoint.Template, @"\{([^}:]+)\}", m =>
        {
            var name = m.Groups[1].Value;
            if (name == "feedId" && feed is { } own) return own.ToString();
            if (seed.Shared.TryGetValue(name, out var shared)) return shared;
            var owner = position++ == 0 ? school : children ?? school;
            if (owner.Route.TryGetValue(name, out var id)) return id.ToString();
            unrunnable = $"a seeded object for {{{name}}} (ScopeSeed)";
            return Guid.NewGuid().ToString();
        });
        if (endpoint.Query is { } query) path += "?" + query;

        var isRead = endpoint.Method == "GET";
        object? body = null;
        if (!isRead)
        {
            // A reached object that the call would use up gets the invalid body: the call is answered, nothing changes.
            body = reaches && endpoint.Consumes ? endpoint.Body : endpoint.ValidBody?.Invoke(seed, school) ?? (reaches ? endpoint.Body : null);
            if (!reaches && endpoint.Body is not null && endpoint.ValidBody is null)
                unrunnable ??= "a valid body for the other school's object (ValidBody in the table)";
        }
        return new ScopeCall(path, body, children is null ? $"{description} ({school})" : description, reaches, isRead,
            endpoint.BodyScoped ? endpoint.ForeignStatus : 404, unrunnable);
    }
}
