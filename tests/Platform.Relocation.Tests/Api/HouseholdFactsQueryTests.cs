using Microsoft.Extensions.DependencyInjection;
using Platform.Relocation.Data;
using Platform.Relocation.Households;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.Relocation.Tests.Api;

/// <summary>
/// Every house, water and case feed batch asks for its households' facts (place, size, head). Read as one two-column
/// FirstOrDefault, the head cost a ROW_NUMBER over every head of the county per batch (158 ms a call in a first start);
/// two scalar subqueries through the household index cost 17 ms there.
/// </summary>
public sealed class HouseholdFactsQueryTests(RelocationFixture fixture) : IClassFixture<RelocationFixture>
{
    [Fact]
    public async Task A_households_facts_read_its_head_through_the_household_not_by_numbering_every_head()
    {
        var head = People.Member("户主", "欧阳守田");
        var registered = await fixture.RegisterAsync(People.Village, head, People.Member("配偶", "欧阳秀英"));
        await using var scope = fixture.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RelocationDbContext>();

        using var recorder = new EfCommandRecorder();
        var facts = await db.FactsAsync([registered.HouseholdId], new DataScope(ScopeLevel.County, null), CancellationToken.None);

        var household = Assert.Single(facts.Values);
        Assert.Equal((2, head.IdNumber, head.Name), (household.Members, household.HeadIdNumber, household.HeadName));
        var query = Assert.Single(recorder.Commands, c => c.Parameters.Any(p => p is Guid[] ids && ids.Contains(registered.HouseholdId)));
        Assert.DoesNotContain("ROW_NUMBER", query.Sql, StringComparison.OrdinalIgnoreCase);
    }
}
