namespace XinYu.Identity.Apis;

/// <summary>The identity service's public API, under /api/identity (the gateway routes it there).</summary>
public static class IdentityApi
{
    public static IEndpointRouteBuilder MapIdentityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/identity").WithTags("Identity");
        return app;
    }
}
