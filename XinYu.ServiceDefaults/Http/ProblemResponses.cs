using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace XinYu.ServiceDefaults.Http;

/// <summary>
/// Declares the problem responses (RFC 9457, <c>application/problem+json</c>) an endpoint can answer, so its OpenAPI
/// operation promises more than success. Handlers refuse by throwing <see cref="RequestRejectedException"/> and the one
/// problem-details handler writes the answer; what each endpoint can answer follows from its shape, so it is declared
/// once per route group rather than by each of the hundreds of throws:
/// <list type="bullet">
/// <item>401 and 403 on every endpoint that does not allow anonymous callers (the fallback policy needs a signed-in
/// caller; roles and the caller's bureau are checked before or in the handler);</item>
/// <item>404 where the route takes an id (a missing or out-of-reach object);</item>
/// <item>400 (a validation problem naming the field) where the endpoint reads a body or a query.</item>
/// </list>
/// An endpoint adds its own extras (409, 413, 429...) with <c>ProducesProblem</c>.
/// </summary>
public static class ProblemResponses
{
    public const string ContentType = "application/problem+json";

    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        // Finally: after the endpoint's own conventions, so AllowAnonymous and the handler's inferred metadata are seen.
        builder.Finally(endpoint =>
        {
            if (endpoint is not RouteEndpointBuilder route) return;
            var metadata = endpoint.Metadata;
            var takesId = route.RoutePattern.Parameters.Count > 0;
            var readsInput = metadata.OfType<IAcceptsMetadata>().Any() || ReadsQuery(metadata, route);
            if (readsInput) Declare(metadata, StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails));
            if (!metadata.OfType<IAllowAnonymous>().Any())
            {
                Declare(metadata, StatusCodes.Status401Unauthorized, typeof(ProblemDetails));
                Declare(metadata, StatusCodes.Status403Forbidden, typeof(ProblemDetails));
            }
            if (takesId) Declare(metadata, StatusCodes.Status404NotFound, typeof(ProblemDetails));
        });
        return builder;
    }

    /// <summary>
    /// A parameter bound from the query: marked [FromQuery] (a nullable bool does not report itself as parsable), or
    /// parsed from text and neither a route value nor a header.
    /// </summary>
    private static bool ReadsQuery(IList<object> metadata, RouteEndpointBuilder route) =>
        metadata.OfType<IParameterBindingMetadata>().Any(p => p.ParameterInfo.GetCustomAttributes(true).OfType<IFromQueryMetadata>().Any()
            || p.HasTryParse
            && route.RoutePattern.GetParameter(p.Name) is null
            && !p.ParameterInfo.GetCustomAttributes(true).OfType<IFromHeaderMetadata>().Any());

    /// <summary>
    /// A typed result's bare status (<c>NotFound</c> in <c>Results&lt;Ok&lt;T&gt;, NotFound&gt;</c>) is replaced: the
    /// suite's status-code pages write problem details for it, so the problem type is the truer description.
    /// </summary>
    private static void Declare(IList<object> metadata, int status, Type problem)
    {
        for (var i = metadata.Count - 1; i >= 0; i--)
        {
            if (metadata[i] is IProducesResponseTypeMetadata declared && declared.StatusCode == status
                && (declared.Type is null || declared.Type == typeof(void)))
                metadata.RemoveAt(i);
        }
        if (metadata.OfType<IProducesResponseTypeMetadata>().Any(m => m.StatusCode == status)) return; // the endpoint said more itself
        metadata.Add(new ProducesResponseTypeMetadata(status, problem, [ContentType]));
    }
}
