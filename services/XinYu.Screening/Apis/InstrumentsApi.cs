using XinYu.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using XinYu.Screening.Data;
using XinYu.Screening.Domain;
using XinYu.ServiceDefaults.Http;
using XinYu.ServiceDefaults.Data;

namespace XinYu.Screening.Apis;

public sealed record ScaleLabelRequest(int? Value, string? LabelZh, string? LabelEn);
public sealed record ScaleRequest(int? Min, int? Max, List<ScaleLabelRequest>? Labels);
public sealed record ItemRequest(string? Code, string? TextZh, string? TextEn, bool? Reverse, string? Subscale);
public sealed record BandRequest(string? Code, int? Min, int? Max, string? Level);
public sealed record CriticalItemRequest(string? ItemCode, int? Threshold);

/// <summary>A bureau's own instrument. Every list and number is required; the definition is validated as a whole.</summary>
public sealed record InstrumentRequest(string? Code, int? Version, string? NameZh, string? NameEn, ScaleRequest? Scale,
    List<ItemRequest>? Items, List<BandRequest>? Bands, List<CriticalItemRequest>? CriticalItems)
{
    public InstrumentDefinition ToDefinition()
    {
        static T Need<T>(T? v, string field) where T : struct => v ?? throw new RequestRejectedException(field, "Required.");
        if (Scale is null) throw new RequestRejectedException("scale", "Give the answer scale.");
        if (Items is null || Items.Count == 0) throw new RequestRejectedException("items", "Give at least one item.");
        if (Items.Count > InstrumentRules.MaxItems) throw new RequestRejectedException("items", $"At most {InstrumentRules.MaxItems} items.");
        if (Bands is null || Bands.Count == 0) throw new RequestRejectedException("bands", "Give the severity bands.");
        if (Bands.Count > InstrumentRules.MaxBands) throw new RequestRejectedException("bands", $"At most {InstrumentRules.MaxBands} bands.");
        if ((Scale.Labels?.Count ?? 0) > InstrumentRules.MaxScaleValue + 1) throw new RequestRejectedException("scale.labels", "Too many labels.");
        if ((CriticalItems?.Count ?? 0) > Items.Count) throw new RequestRejectedException("criticalItems", "At most one critical entry per item.");
        return new InstrumentDefinition(
            Code ?? "", Need(Version, "version"), NameZh ?? "", NameEn ?? "",
            new AnswerScale(Need(Scale.Min, "scale.min"), Need(Scale.Max, "scale.max"),
                (Scale.Labels ?? []).Select((l, i) => l is null ? null! : new ScaleLabel(Need(l.Value, $"scale.labels[{i}].value"), l.LabelZh ?? "", l.LabelEn ?? "")).ToList()),
            Items.Select((item, i) => item is null ? null! : new InstrumentItem(item.Code ?? "", item.TextZh ?? "", item.TextEn ?? "", item.Reverse ?? false, item.Subscale)).ToList(),
            Bands.Select((b, i) => b is null ? null! : new SeverityBand(b.Code ?? "", Need(b.Min, $"bands[{i}].min"), Need(b.Max, $"bands[{i}].max"), b.Level ?? "")).ToList(),
            (CriticalItems ?? []).Select((c, i) => c is null ? null! : new CriticalItem(c.ItemCode ?? "", Need(c.Threshold, $"criticalItems[{i}].threshold"))).ToList());
    }
}

public sealed record InstrumentSummary(string Code, int Version, string NameZh, string NameEn, int ItemCount, bool BuiltIn);

/// <summary>Instruments (量表): the built-ins for everyone, and each bureau's own.</summary>
public static class InstrumentsApi
{
    public static RouteGroupBuilder MapInstrumentsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/instruments", ListAsync).RequireRoles(ScreeningRoles.InstrumentReaders);
        api.MapGet("/instruments/{code}/versions/{version}", GetAsync).RequireRoles(ScreeningRoles.InstrumentReaders);
        api.MapPost("/instruments", AddAsync).RequireRoles(ScreeningRoles.BureauManagers);
        return api;
    }

    private static async Task<Ok<List<InstrumentSummary>>> ListAsync(HttpContext http, ScreeningDbContext db)
    {
        var bureau = ScreeningApi.BureauOf(http);
        var own = await db.Instruments.AsNoTracking().Where(i => i.BureauId == bureau).OrderBy(i => i.Code).ThenBy(i => i.Version)
            .Select(i => i.Definition).ToListAsync(http.RequestAborted);
        var all = BuiltInInstruments.All.Select(d => Summary(d, true))
            .Concat(own.Select(InstrumentCatalog.Deserialize).Select(d => Summary(d, false))).ToList();
        return TypedResults.Ok(all);
    }

    /// <remarks>No route constraint on the version: a role that may not read instruments gets 403 whatever the path.</remarks>
    private static async Task<Results<Ok<InstrumentDefinition>, NotFound>> GetAsync(string code, string version, HttpContext http,
        ScreeningDbContext db, InstrumentCatalog catalog)
    {
        if (!InstrumentRules.IsCode(code) || !int.TryParse(version, out var number)) return TypedResults.NotFound();
        var found = await catalog.FindAsync(db, ScreeningApi.BureauOf(http), code, number, http.RequestAborted);
        return found is null ? TypedResults.NotFound() : TypedResults.Ok(found);
    }

    private static async Task<Created<InstrumentDefinition>> AddAsync(InstrumentRequest request, HttpContext http, ScreeningDbContext db,
        IOptions<ScreeningOptions> options, TimeProvider time)
    {
        var bureau = ScreeningApi.BureauOf(http);
        var definition = request.ToDefinition();
        InstrumentRules.Validate(definition, options.Value.Levels().Names);
        if (BuiltInInstruments.All.Any(b => b.Code == definition.Code))
            throw new RequestRejectedException("code", "This code is a built-in instrument's; choose another.", StatusCodes.Status409Conflict);
        if (await db.Instruments.AnyAsync(i => i.BureauId == bureau && i.Code == definition.Code && i.Version == definition.Version, http.RequestAborted))
            throw new RequestRejectedException("version", "This version exists; instruments never change, add a new version.", StatusCodes.Status409Conflict);
        db.Instruments.Add(new InstrumentRecord
        {
            Id = Guid.CreateVersion7(), BureauId = bureau, Code = definition.Code, Version = definition.Version,
            Definition = InstrumentCatalog.Serialize(definition), CreatedAt = time.GetUtcNow(), CreatedBy = ScreeningApi.Actor(http),
        });
        await db.SaveOrConflictAsync("version", "This version exists; instruments never change, add a new version.", http.RequestAborted);
        return TypedResults.Created($"/api/screening/instruments/{definition.Code}/versions/{definition.Version}", definition);
    }

    private static InstrumentSummary Summary(InstrumentDefinition d, bool builtIn) => new(d.Code, d.Version, d.NameZh, d.NameEn, d.Items.Count, builtIn);
}
