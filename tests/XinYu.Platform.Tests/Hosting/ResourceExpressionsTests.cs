using XinYu.AppHost.Hosting;

namespace XinYu.Platform.Tests.Hosting;

public sealed class ResourceExpressionsTests
{
    [Fact]
    public void A_database_connection_string_resolves_through_its_server_and_the_secret()
    {
        var builder = DistributedApplication.CreateBuilder(new AppHostOptions());
        var postgres = builder.AddPostgres("postgres");
        postgres.AddDatabase("recordsdb");
        var model = builder.Build().Model;
        postgres.Resource.Port = 5999;

        var resolved = ResourceExpressions.Resolve("{recordsdb.connectionString}", model, p => $"pw-of-{p.Name}");

        Assert.Equal("Host=127.0.0.1;Port=5999;Username=postgres;Password=pw-of-postgres-password;Database=recordsdb", resolved);
    }

    [Fact]
    public void A_broker_password_is_uri_encoded_in_its_amqp_url()
    {
        var builder = DistributedApplication.CreateBuilder(new AppHostOptions());
        var rabbit = builder.AddRabbitMQ("messaging");
        var model = builder.Build().Model;
        rabbit.Resource.Port = 5672;

        var resolved = ResourceExpressions.Resolve("{messaging.connectionString}", model, _ => "a/b@c");

        Assert.Equal("amqp://guest:a%2Fb%40c@127.0.0.1:5672", resolved);
    }

    [Fact]
    public void A_project_gets_Aspire_variables_for_what_it_references()
    {
        var builder = DistributedApplication.CreateBuilder(new AppHostOptions());
        var cache = builder.AddRedis("cache");
        var api = builder.AddProject("records-api", "x.csproj");
        var gateway = builder.AddProject("gateway", "g.csproj").WithReference(api).WithReference(cache);

        var env = ResourceExpressions.ProjectEnvironment(gateway.Resource);

        Assert.Equal("{records-api.bindings.http.url}", env["services__records-api__http__0"]);
        Assert.Equal("{cache.connectionString}", env["ConnectionStrings__cache"]);
        Assert.Equal("{gateway.bindings.http.targetPort}", env["HTTP_PORTS"]);
    }

    [Theory]
    [InlineData("Records")]
    [InlineData("records_api")]
    [InlineData("1records")]
    public void Resource_names_must_be_kebab_case(string name)
    {
        var builder = DistributedApplication.CreateBuilder(new AppHostOptions());
        Assert.Throws<ArgumentException>(() => builder.AddRedis(name));
    }

    [Fact]
    public void Options_parse_the_documented_flags()
    {
        var options = AppHostOptions.Parse(["--gateway-port", "0", "--fresh", "--publisher", "manifest", "--output-path", "m.json"]);
        Assert.Equal(0, options.GatewayPort);
        Assert.True(options.Fresh);
        Assert.Equal("manifest", options.Publisher);
        Assert.Equal("m.json", options.OutputPath);
        Assert.Throws<ArgumentException>(() => AppHostOptions.Parse(["--nonsense"]));
    }
}
