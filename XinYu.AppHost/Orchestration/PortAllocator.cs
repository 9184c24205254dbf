using System.Net;
using System.Net.Sockets;

namespace XinYu.AppHost.Orchestration;

/// <summary>Hands out free loopback ports, never the same one twice in a run.</summary>
public static class PortAllocator
{
    private static readonly HashSet<int> Handed = [];

    public static int FreePort()
    {
        lock (Handed)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (Handed.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
