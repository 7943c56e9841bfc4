using Platform.EndToEnd.Tests.Portal;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("Platform.EndToEnd.Tests.LongestCollectionsFirst", "Platform.EndToEnd.Tests")]

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The test collections that take longest start first: xUnit runs as many collections at once as the machine has
/// cores, taking them in this order, and the run ends when its longest chain does. In CI on two cores the portal's
/// collection (about 14 min with its county) waited until the platform's had ended, and the suite with it (from the
/// collections' start and end times in the .trx files).
/// </summary>
public sealed class LongestCollectionsFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(Rank).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    private static int Rank(ITestCollection collection) => collection.DisplayName switch
    {
        PortalCollection.Name => 0,
        var name when name.EndsWith('.' + nameof(AccessMatrixTests), StringComparison.Ordinal) => 1,
        PlatformCollection.Name => 2,
        _ => 3,
    };
}
