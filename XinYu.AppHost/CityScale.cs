using Aspire.Hosting.ApplicationModel;

namespace XinYu.AppHost;

/// <summary>
/// How many replicas a project runs in a city deployment, and how far it may autoscale. Read by the Kubernetes
/// publisher only: Aspire's own <c>WithReplicas</c> would really start that many processes on a developer's machine.
/// </summary>
public sealed record CityScaleAnnotation(int Replicas, int? MaxReplicas) : IResourceAnnotation
{
    /// <summary>Its callers stay on one replica (<see cref="CityScaleExtensions.WithStickySessionsThrough"/>).</summary>
    public bool StickySessions { get; init; }
}

/// <summary>Marks a project whose callers must stay on one replica.</summary>
public sealed record StickySessionsAnnotation : IResourceAnnotation;

public static class CityScaleExtensions
{
    /// <summary>Two at least, so a node drain or a rolling update never takes a service away.</summary>
    public static IResourceBuilder<ProjectResource> WithCityReplicas(this IResourceBuilder<ProjectResource> project, int replicas, int? maxReplicas = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        if (maxReplicas is int max) ArgumentOutOfRangeException.ThrowIfLessThan(max, replicas);
        return project.WithAnnotation(new CityScaleAnnotation(replicas, maxReplicas), ResourceAnnotationMutationBehavior.Replace);
    }

    /// <summary>
    /// A browser keeps a Blazor circuit on the replica that rendered its page, and a reconnect must find it there, so
    /// the gateway's session affinity must see the replicas. In a city a Kubernetes Service with a cluster address
    /// shows one address for all pods; this project's Service is published headless instead (its name resolves to each
    /// ready pod) and the gateway told to make each address a destination (gateway/ReplicaDestinations.cs). On a
    /// developer's machine there is one replica and nothing to do.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithStickySessionsThrough(this IResourceBuilder<ProjectResource> project, IResourceBuilder<ProjectResource> gateway)
    {
        project.WithAnnotation(new StickySessionsAnnotation());
        if (project.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            var index = project.ApplicationBuilder.Resources.Count(r => r.Annotations.OfType<StickySessionsAnnotation>().Any()) - 1;
            gateway.WithEnvironment($"Gateway__ReplicaDestinations__Services__{index}", project.Resource.Name);
        }
        return project;
    }

    public static CityScaleAnnotation CityScale(this IResource resource) =>
        (resource.Annotations.OfType<CityScaleAnnotation>().LastOrDefault() ?? new CityScaleAnnotation(1, null))
            with { StickySessions = resource.Annotations.OfType<StickySessionsAnnotation>().Any() };
}
