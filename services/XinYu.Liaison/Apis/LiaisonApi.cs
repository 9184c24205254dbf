namespace XinYu.Liaison.Apis;

/// <summary>The liaison service's public API, under /api/liaison (the gateway routes it there).</summary>
public static class LiaisonApi
{
    public static IEndpointRouteBuilder MapLiaisonApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/liaison").WithTags("Liaison");
        return app;
    }
}
