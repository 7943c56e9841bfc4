using System.Net;
using System.Net.Sockets;

namespace Platform.Testing;

/// <summary>Ports on 127.0.0.1 for a test's own servers.</summary>
public static class LoopbackPorts
{
    /// <summary>A port the system reports free now (the caller binds it soon after).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
