namespace Platform.EndToEnd.Tests;

public sealed class LongestFirstTests
{
    [Fact]
    public void The_portal_the_access_matrix_and_the_shared_platform_start_before_every_other_collection()
    {
        // The names xUnit gives these collections: a definition's own name, "Test collection for <class>" for a class of its own.
        var portal = LongestFirst.Rank(Portal.PortalCollection.Name);
        var matrix = LongestFirst.Rank("Test collection for " + typeof(AccessMatrixTests).FullName);
        var platform = LongestFirst.Rank(PlatformCollection.Name);
        var other = LongestFirst.Rank("Test collection for " + typeof(CatchUpScenario).FullName);

        Assert.Equal([0, 1, 2], [portal, matrix, platform]);
        Assert.True(other > platform, "a short collection ranks after the three longest");
    }
}
