namespace Platform.Testing;

/// <summary>What a fixture needs of any of its hosts to clean up after them.</summary>
public interface ITestHost
{
    /// <summary>The databases the test gave the host.</summary>
    IReadOnlyList<string> OwnDatabases { get; }
}
