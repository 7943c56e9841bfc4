using System.Net;
using System.Net.Sockets;

namespace Platform.Testing;

/// <summary>
/// A loopback TCP forwarder between one client and a server (the broker, the database), so a test
/// can cut that client's link without touching the shared server: point the client at
/// 127.0.0.1:<see cref="Port"/>, then <see cref="Cut"/> and <see cref="Restore"/>.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private string targetHost;
    private int targetPort;
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stopping = new();
    private readonly HashSet<Link> links = [];
    private readonly object gate = new();
    private readonly Task acceptLoop;
    private bool cut;
    private int bytesPerSecond;
    private TaskCompletionSource flowing = Completed();

    private TcpProxy(string targetHost, int targetPort)
    {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The port on 127.0.0.1 to connect to instead of the target.</summary>
    public int Port { get; }

    /// <summary>Starts forwarding 127.0.0.1:<see cref="Port"/> to <paramref name="targetHost"/>:<paramref name="targetPort"/>.</summary>
    public static TcpProxy Start(string targetHost, int targetPort)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetHost);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetPort);
        return new TcpProxy(targetHost, targetPort);
    }

    /// <summary>
    /// Resets every open connection (both sides see it drop) and, until <see cref="Restore"/>,
    /// closes new connections as soon as they are accepted.
    /// </summary>
    public void Cut()
    {
        Link[] open;
        lock (gate)
        {
            cut = true;
            open = [.. links];
            links.Clear();
        }

        foreach (var link in open)
        {
            link.Abort();
        }
    }

    /// <summary>
    /// Keeps every connection open but forwards nothing until <see cref="Resume"/>: the peers wait, as
    /// behind a stalled network or a server that stopped answering.
    /// </summary>
    public void Stall()
    {
        lock (gate)
        {
            if (flowing.Task.IsCompleted)
            {
                flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>
    /// Forwards at most <paramref name="limit"/> bytes a second in each direction of each connection (0 lifts the
    /// limit): the peers stay connected and make steady progress, as over a slow link or a busy server.
    /// </summary>
    public void Throttle(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        Volatile.Write(ref bytesPerSecond, limit);
    }

    /// <summary>Forwards what was held back, and everything after it.</summary>
    public void Resume()
    {
        lock (gate)
        {
            flowing.TrySetResult();
        }
    }

    /// <summary>
    /// Forwards new connections to another server from now on (e.g. a restarted issuer on a new
    /// port) and resets the open ones, so clients reconnect to it.
    /// </summary>
    public void Retarget(string host, int port)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        Link[] open;
        lock (gate)
        {
            targetHost = host;
            targetPort = port;
            open = [.. links];
            links.Clear();
        }

        foreach (var link in open)
        {
            link.Abort();
        }
    }

    /// <summary>Accepts and forwards new connections again.</summary>
    public void Restore()
    {
        lock (gate)
        {
            cut = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }

        await stopping.CancelAsync();
        Resume();
        listener.Stop();
        Cut();
        try
        {
            await acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }

        stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stopping.Token);
            }
            catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        var link = new Link(client);
        try
        {
            if (IsCut())
            {
                return;
            }

            string host;
            int port;
            lock (gate)
            {
                (host, port) = (targetHost, targetPort);
            }

            await link.Server.ConnectAsync(host, port, stopping.Token);
            lock (gate)
            {
                if (cut)
                {
                    return;
                }

                links.Add(link);
            }

            await Task.WhenAny(Pump(link.Client, link.Server), Pump(link.Server, link.Client));
        }
        catch (Exception error) when (error is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The target refused, or the link was cut or closed: nothing to forward any more.
        }
        finally
        {
            lock (gate)
            {
                links.Remove(link);
            }

            link.Abort();
        }
    }

    private bool IsCut()
    {
        lock (gate)
        {
            return cut;
        }
    }

    private async Task Pump(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                // Throttled: slices of a twentieth of the second's allowance, one every 50 ms.
                var limit = Volatile.Read(ref bytesPerSecond);
                var slice = limit > 0 ? Math.Clamp(limit / 20, 1, buffer.Length) : buffer.Length;
                var read = await from.ReceiveAsync(buffer.AsMemory(0, slice), SocketFlags.None, stopping.Token);
                if (limit > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50), stopping.Token);
                }

                if (read == 0)
                {
                    return;
                }

                Task open;
                lock (gate)
                {
                    open = flowing.Task;
                }

                await open.WaitAsync(stopping.Token);

                var sent = 0;
                while (sent < read)
                {
                    sent += await to.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None, stopping.Token);
                }
            }
        }
        catch (Exception error) when (error is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private static TaskCompletionSource Completed()
    {
        var completed = new TaskCompletionSource();
        completed.SetResult();
        return completed;
    }

    /// <summary>One client connection and its connection to the target.</summary>
    private sealed class Link(Socket client)
    {
        private int aborted;

        public Socket Client { get; } = client;

        public Socket Server { get; } = new(SocketType.Stream, ProtocolType.Tcp);

        /// <summary>Closes both sockets with a reset (no graceful FIN): the peers see a broken link.</summary>
        public void Abort()
        {
            if (Interlocked.Exchange(ref aborted, 1) == 1)
            {
                return;
            }

            foreach (var socket in new[] { Client, Server })
            {
                try
                {
                    if (socket.Connected)
                    {
                        socket.LingerState = new LingerOption(true, 0);
                    }

                    socket.Close();
                }
                catch (Exception error) when (error is SocketException or ObjectDisposedException)
                {
                }
            }
        }
    }
}
