namespace Platform.Testing;

/// <summary>
/// A test's own vhost and its hosts' databases, deleted and dropped at the end of the test: declared with
/// <c>await using</c> before the hosts (which are declared with <c>await using</c> too), it is disposed after them, once
/// nothing is connected any more. A test that starts hosts of its own would otherwise leave them behind for the rest of
/// the run (see <see cref="TestInfrastructure.DeleteVirtualHostAsync(Uri)"/> for what idle ones cost the servers).
/// </summary>
public sealed class ReleasedAtEnd(TestInfrastructure infrastructure, Uri virtualHost) : IAsyncDisposable
{
    private readonly List<ITestHost> hosts = [];

    /// <summary>The vhost it deletes at the end.</summary>
    public Uri VirtualHost { get; } = virtualHost;

    /// <summary><paramref name="host"/>, whose databases are dropped at the end.</summary>
    public T Host<T>(T host)
        where T : ITestHost
    {
        hosts.Add(host);
        return host;
    }

    public async ValueTask DisposeAsync() => await infrastructure.ReleaseAsync(VirtualHost, [.. hosts]);
}
