using System.Net;
using System.Net.Sockets;

namespace XinYu.Testing;

public static class TestPorts
{
    /// <summary>A loopback port free at the time of asking (the OS picks it), for a process the test starts.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
