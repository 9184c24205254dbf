namespace XinYu.Records.Apis;

/// <summary>The records service's public API, under /api/records (the gateway routes it there).</summary>
public static class RecordsApi
{
    public static IEndpointRouteBuilder MapRecordsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/records").WithTags("Records");
        return app;
    }
}
