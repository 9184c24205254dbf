namespace XinYu.Screening.Apis;

/// <summary>The screening service's public API, under /api/screening (the gateway routes it there).</summary>
public static class ScreeningApi
{
    public static IEndpointRouteBuilder MapScreeningApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/screening").WithTags("Screening");
        return app;
    }
}
