namespace XinYu.Staffing.Apis;

/// <summary>The staffing service's public API, under /api/staffing (the gateway routes it there).</summary>
public static class StaffingApi
{
    public static IEndpointRouteBuilder MapStaffingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/staffing").WithTags("Staffing");
        return app;
    }
}
