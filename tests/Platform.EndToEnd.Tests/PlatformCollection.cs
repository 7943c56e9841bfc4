namespace Platform.EndToEnd.Tests;

/// <summary>
/// The test classes that share one platform (<see cref="PlatformFixture"/>): starting six services and a gateway
/// with fresh databases costs far more than most of these tests, so they take turns on one. Each test makes the
/// records it looks at (its own households, people, villages or gateway) and counts only those, or what changed while
/// it ran, never a total of the whole platform. Apart: <see cref="AccessMatrixTests"/> (it counts every row of every
/// database around each refused call and takes minutes, so it runs beside this collection on a platform of its own)
/// and the classes whose figures must be exactly those of a fresh county (the demo county scenarios, monitoring).
/// </summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
