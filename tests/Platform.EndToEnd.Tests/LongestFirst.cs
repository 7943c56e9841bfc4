using Xunit.Abstractions;

[assembly: TestCollectionOrderer("Platform.EndToEnd.Tests.LongestFirst", "Platform.EndToEnd.Tests")]

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Starts this assembly's longest test collections first — the portal's chain of browser tests, the access matrix, the
/// shared platform's — and the rest after them by name. xUnit runs two collections at a time here (one per core), and
/// its own order follows a hash of the assembly's path, so a clean checkout elsewhere could start the access matrix
/// (8 min in CI) late and leave it running alone at the end (CI of 2026-12-03: 540 s in, 132 s alone after the rest).
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    private static readonly string[] Longest = [Portal.PortalCollection.Name, nameof(AccessMatrixTests), PlatformCollection.Name];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => Rank(c.DisplayName)).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    /// <summary>A collection's place among <see cref="Longest"/> (by its definition's name, or its class's for a class of its own); the rest after them.</summary>
    public static int Rank(string displayName)
    {
        for (var i = 0; i < Longest.Length; i++)
        {
            if (displayName == Longest[i] || displayName.EndsWith("." + Longest[i], StringComparison.Ordinal))
            {
                return i;
            }
        }

        return Longest.Length;
    }
}
