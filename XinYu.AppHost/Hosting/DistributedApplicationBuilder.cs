namespace XinYu.AppHost.Hosting;

/// <summary>Collects the resource model (Aspire: <c>DistributedApplication.CreateBuilder</c>).</summary>
public sealed class DistributedApplicationBuilder(AppHostOptions options)
{
    private readonly List<IResource> _resources = [];

    public AppHostOptions Options { get; } = options;
    public IReadOnlyList<IResource> Resources => _resources;

    public ResourceBuilder<T> AddResource<T>(T resource) where T : IResource
    {
        if (_resources.Any(r => r.Name == resource.Name))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        }
        if (!System.Text.RegularExpressions.Regex.IsMatch(resource.Name, "^[a-z][a-z0-9-]*$"))
        {
            throw new ArgumentException($"Resource name '{resource.Name}' must be kebab-case (it is a DNS name).");
        }
        _resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    public ParameterResource AddParameter(string name) => AddResource(new ParameterResource(name)).Resource;

    public DistributedApplication Build() => new(new ResourceModel(_resources.ToList()), Options);
}

/// <summary>The finished model: what runs, what publishes.</summary>
public sealed record ResourceModel(IReadOnlyList<IResource> Resources)
{
    public IEnumerable<T> OfType<T>() => Resources.OfType<T>();

    public IResource Get(string name) =>
        Resources.FirstOrDefault(r => r.Name == name) ?? throw new KeyNotFoundException($"No resource named '{name}'.");

    /// <summary>Backing servers (PostgreSQL, Redis, RabbitMQ) in model order.</summary>
    public IEnumerable<IResourceWithEndpoint> Servers =>
        Resources.OfType<IResourceWithEndpoint>().Where(r => r is not ProjectResource);
}
