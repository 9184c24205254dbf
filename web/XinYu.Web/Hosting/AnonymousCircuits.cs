namespace XinYu.Web.Hosting;

public static class AnonymousCircuits
{
    /// <summary>
    /// Anyone may open a Blazor circuit (the <c>/_blazor</c> hub): students answering with a code have no account. Each
    /// page still decides who may see it: a staff page's <c>[Authorize]</c> holds on the server-rendered request and in
    /// the circuit (AuthorizeRouteView), and the fallback policy (signed in) still covers every other endpoint.
    /// </summary>
    public static RazorComponentsEndpointConventionBuilder AllowAnonymousCircuits(this RazorComponentsEndpointConventionBuilder components)
    {
        components.Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder route && route.RoutePattern.RawText?.TrimStart('/').StartsWith("_blazor", StringComparison.Ordinal) == true)
            {
                endpoint.Metadata.Add(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute());
            }
        });
        return components;
    }
}
