using Aspire.Hosting.ApplicationModel;

namespace XinYu.AppHost;

/// <summary>
/// How many replicas a project runs in a city deployment, and how far it may autoscale. Read by the Kubernetes
/// publisher only: Aspire's own <c>WithReplicas</c> would really start that many processes on a developer's machine.
/// </summary>
public sealed record CityScaleAnnotation(int Replicas, int? MaxReplicas) : IResourceAnnotation;

public static class CityScaleExtensions
{
    /// <summary>Two at least, so a node drain or a rolling update never takes a service away.</summary>
    public static IResourceBuilder<ProjectResource> WithCityReplicas(this IResourceBuilder<ProjectResource> project, int replicas, int? maxReplicas = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        if (maxReplicas is int max) ArgumentOutOfRangeException.ThrowIfLessThan(max, replicas);
        return project.WithAnnotation(new CityScaleAnnotation(replicas, maxReplicas), ResourceAnnotationMutationBehavior.Replace);
    }

    public static CityScaleAnnotation CityScale(this IResource resource) =>
        resource.Annotations.OfType<CityScaleAnnotation>().LastOrDefault() ?? new CityScaleAnnotation(1, null);
}
