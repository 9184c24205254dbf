using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using XinYu.Screening.Data;

namespace XinYu.Screening.Domain;

/// <summary>
/// Finds an instrument by code and version for a bureau: the built-ins, then the bureau's own. Definitions never change
/// once stored, so a found one is kept in memory and the submission hot path does not read it again.
/// </summary>
public sealed class InstrumentCatalog
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<(Guid Bureau, string Key), InstrumentDefinition> _cache = new();

    public static InstrumentDefinition? BuiltIn(string code, int version) =>
        BuiltInInstruments.All.FirstOrDefault(i => i.Code == code && i.Version == version);

    public async Task<InstrumentDefinition?> FindAsync(ScreeningDbContext db, Guid bureauId, string code, int version, CancellationToken ct)
    {
        if (BuiltIn(code, version) is { } builtIn) return builtIn;
        var key = (bureauId, InstrumentDefinition.InstrumentKey(code, version));
        if (_cache.TryGetValue(key, out var cached)) return cached;
        var json = await db.Instruments.AsNoTracking()
            .Where(i => i.BureauId == bureauId && i.Code == code && i.Version == version)
            .Select(i => i.Definition).FirstOrDefaultAsync(ct);
        if (json is null) return null;
        var definition = Deserialize(json);
        _cache.TryAdd(key, definition);
        return definition;
    }

    public static string Serialize(InstrumentDefinition d) => JsonSerializer.Serialize(d, Json);
    public static InstrumentDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize<InstrumentDefinition>(json, Json) ?? throw new InvalidOperationException("Empty instrument definition.");
}
