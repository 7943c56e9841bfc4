using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.People;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.Industry.Tests.Api;

/// <summary>Who reads and writes what: roles, and the data scope on every read and write (outside it, "not found").</summary>
public sealed class ScopeTests(IndustryFixture fixture) : IClassFixture<IndustryFixture>
{
    [Theory]
    [InlineData(PlatformRoles.Auditor, HttpStatusCode.OK, HttpStatusCode.Forbidden)]
    [InlineData(PlatformRoles.DepartmentOfficer, HttpStatusCode.OK, HttpStatusCode.BadRequest)]
    [InlineData("visitor", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    public async Task Reading_needs_a_platform_role_and_writing_a_writing_one_of_this_pillar(string role, HttpStatusCode read, HttpStatusCode write)
    {
        using var client = fixture.Host.CreateHttpClient(TestTokens.ForRole(role, pillar: role == PlatformRoles.DepartmentOfficer ? "industry" : null));
        Assert.Equal(read, (await client.GetAsync(new Uri("/api/industry/links", UriKind.Relative))).StatusCode);
        // An empty link: a writer gets past authorization to validation (400); others stop at 403.
        Assert.Equal(write, (await client.PostAsJsonAsync("/api/industry/links", new { })).StatusCode);
    }

    [Fact]
    public async Task Another_pillar_s_department_neither_reads_nor_writes_this_pillar()
    {
        using var education = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.DepartmentOfficer, pillar: "education"));
        Assert.Equal(HttpStatusCode.Forbidden, (await education.PostAsJsonAsync("/api/industry/links", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await education.GetAsync(new Uri("/api/industry/figures", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_village_cadre_sees_only_its_village_s_households_records_and_the_others_do_not_exist()
    {
        var ours = Registry.Member("之子", 30, "郑小川");
        var theirs = Registry.Member("之子", 31, "冯小河");
        var own = await fixture.RegisterAsync(others: [ours]);
        var other = await fixture.RegisterAsync(Registry.OtherVillage, others: [theirs]);
        var entity = await fixture.EntityAsync();
        var ourLink = await fixture.LinkAsync(entity, ours);
        var theirLink = await fixture.LinkAsync(entity, theirs);
        using var cadre = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: Registry.VillageCode));
        using var township = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.TownshipOfficer, township: "420325002"));

        Assert.Equal(HttpStatusCode.OK, (await cadre.GetAsync(new Uri($"/api/industry/households/{own.HouseholdId}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.GetAsync(new Uri($"/api/industry/households/{other.HouseholdId}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.GetAsync(new Uri($"/api/industry/links/{theirLink}/payments", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cadre.GetAsync(new Uri($"/api/industry/links/{ourLink}/payments", UriKind.Relative))).StatusCode);
        var links = (await IndustryFixture.GetJsonAsync(cadre, $"/api/industry/links?entity={entity}")).GetProperty("items").EnumerateArray().Select(l => l.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([ourLink], links);
        Assert.Equal(0, (await IndustryFixture.GetJsonAsync(township, $"/api/industry/links?entity={entity}")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync(new Uri($"/api/industry/entities/{entity}", UriKind.Relative))).StatusCode);

        // Writes on the other village's records are "not found" and change nothing.
        var before = await fixture.RecordCountAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.PostAsJsonAsync($"/api/industry/links/{theirLink}/payments", new { paidOn = "2020-12-20", amount = 500m })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.PostAsJsonAsync($"/api/industry/links/{theirLink}/end", new { reason = "test" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.PostAsJsonAsync("/api/industry/projects", new
        {
            memberId = theirs.MemberId, industry = "tea", description = "茶园", scale = 2m, year = 2020, policy = "planting",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.PostAsJsonAsync("/api/industry/sales", new
        {
            product = "香菇", channel = "fair", buyer = "展销会", soldOn = "2020-10-01", amount = 100m, shares = new[] { new { householdId = other.HouseholdId, amount = 50m } },
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await cadre.PostAsJsonAsync("/api/industry/entities", new
        {
            code = "X" + Guid.NewGuid().ToString("N")[..10], kind = "family-farm", name = "他村家庭农场", villageCode = Registry.OtherVillage, industry = "tea",
        })).StatusCode);
        Assert.Equal(before, await fixture.RecordCountAsync());
        Assert.Equal(HttpStatusCode.Created, (await cadre.PostAsJsonAsync($"/api/industry/links/{ourLink}/payments", new { paidOn = "2020-12-20", amount = 500m })).StatusCode);
    }

    [Fact]
    public async Task A_list_narrowed_to_a_household_outside_the_scope_is_not_found_not_empty()
    {
        var ours = Registry.Member("之子", 30, "卫小山");
        var theirs = Registry.Member("之子", 31, "蒋小水");
        var own = await fixture.RegisterAsync(others: [ours]);
        var other = await fixture.RegisterAsync(Registry.OtherVillage, others: [theirs]);
        var entity = await fixture.EntityAsync();
        await fixture.LinkAsync(entity, ours);
        await fixture.LinkAsync(entity, theirs);
        using var cadre = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: Registry.VillageCode));
        using var county = fixture.County();

        foreach (var list in new[] { "links", "income", "projects", "employment" })
        {
            Assert.Equal(HttpStatusCode.OK, (await cadre.GetAsync(new Uri($"/api/industry/{list}?household={own.HouseholdId}", UriKind.Relative))).StatusCode);
            using var outside = await cadre.GetAsync(new Uri($"/api/industry/{list}?household={other.HouseholdId}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
            Assert.Equal("application/problem+json", outside.Content.Headers.ContentType?.MediaType);
            // The same answer as for a household nobody registered: nothing tells the two apart.
            using var unknown = await county.GetAsync(new Uri($"/api/industry/{list}?household={Guid.NewGuid()}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Equal(await ProblemOf(unknown), await ProblemOf(outside));
            Assert.Equal(HttpStatusCode.OK, (await county.GetAsync(new Uri($"/api/industry/{list}?household={other.HouseholdId}", UriKind.Relative))).StatusCode);
        }
    }

    private static async Task<(string? Title, string? Detail)> ProblemOf(HttpResponseMessage response)
    {
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Answers_mask_id_numbers_and_give_the_birth_year_not_the_date()
    {
        var holder = Registry.Member("之子", 27, "钱小江");
        var household = await fixture.RegisterAsync(others: [holder]);
        await fixture.LinkAsync(await fixture.EntityAsync(), holder);
        using var county = fixture.County();
        var text = await county.GetStringAsync(new Uri($"/api/industry/households/{household.HouseholdId}", UriKind.Relative));
        Assert.DoesNotContain(holder.IdNumber, text, StringComparison.Ordinal);
        Assert.DoesNotContain(holder.BirthDate.ToString("yyyy-MM-dd"), text, StringComparison.Ordinal);
        var member = JsonDocument.Parse(text).RootElement.GetProperty("links")[0].GetProperty("member");
        Assert.Equal(ResidentIdNumber.Mask(holder.IdNumber), member.GetProperty("idNumber").GetString());
        Assert.Equal(holder.BirthDate.Year, member.GetProperty("birthYear").GetInt32());
    }
}
