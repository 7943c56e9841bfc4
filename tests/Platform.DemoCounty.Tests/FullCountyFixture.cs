namespace Platform.DemoCounty.Tests;

/// <summary>The full county at the default seed, generated once for the tests that read it.</summary>
public sealed class FullCountyFixture
{
    public FullCountyFixture()
    {
        Generator = new DemoCountyGenerator();
        Households = Generator.Households().ToList();
    }

    public DemoCountyGenerator Generator { get; }

    public IReadOnlyList<DemoHousehold> Households { get; }

    public IEnumerable<DemoMember> Members => Households.SelectMany(h => h.Members);
}
