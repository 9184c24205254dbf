using XinYu.AppHost.Servers;

namespace XinYu.Platform.Tests.Hosting;

/// <summary>
/// The local servers' ports are chosen before the servers start (they are not behind DCP's proxy). The system may
/// give a port it just gave to the next request for one, so a run once handed Redis and RabbitMQ the same port.
/// </summary>
[Trait("Category", "Unit")]
public sealed class FreePortTests
{
    [Fact]
    public void No_port_is_handed_out_twice_in_one_run()
    {
        // Without the bookkeeping, 500 requests on this machine repeat a port a few times on average.
        var ports = Enumerable.Range(0, 500).Select(_ => LocalServer.FreePort()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
    }
}
