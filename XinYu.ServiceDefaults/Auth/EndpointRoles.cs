using Microsoft.AspNetCore.Builder;

namespace XinYu.ServiceDefaults.Auth;

public static class EndpointRoles
{
    /// <summary>
    /// Roles are checked by the endpoint's policy, before the handler runs: a caller without one of them gets 403
    /// whatever the path or body, and nothing is looked up. Scope (which bureau, school, class) is the handler's check,
    /// answered 404 where existence is sensitive.
    /// </summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder endpoint, params string[] roles) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(policy => policy.RequireClaim(XinYuClaims.Role, roles));
}
