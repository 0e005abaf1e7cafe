using System.Net;
using System.Net.Sockets;

namespace RolloutController.TestUtilities.Prometheus;

/// <summary>Free TCP ports on 127.0.0.1 for programs that need the port on their command line.</summary>
public static class FreePort
{
    /// <summary>A port nothing listens on right now (the OS picks it; a racing process could still take it).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
