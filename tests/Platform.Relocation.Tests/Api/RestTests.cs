using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Grpc.Relocation.V1;
using Platform.Contracts.Registry;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.Relocation.Tests.Api;

/// <summary>The portal's REST: each step with who and when, problem details for bad input, the caller's scope on every read and write.</summary>
public sealed class RestTests(RelocationFixture fixture) : IClassFixture<RelocationFixture>
{
    [Fact]
    public async Task A_case_goes_through_its_steps_in_the_portal_each_dated_with_who_and_bad_input_changes_nothing()
    {
        var registered = await fixture.RegisterAsync(People.Village, People.Member("户主", "陈有田"), People.Member("配偶", "林秀英"));
        using var county = fixture.County();
        var site = await SiteAsync(county, People.Village);
        using var village = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: People.Village));

        using var plan = await village.PostAsJsonAsync("/api/relocation/cases", new { householdId = registered.HouseholdId, mode = "town-or-county", siteId = site, plannedOn = "2017-04-01", plannedBy = "村支书刘明" });
        Assert.Equal(HttpStatusCode.Created, plan.StatusCode);
        var id = (await plan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var tooBig = await village.PostAsJsonAsync($"/api/relocation/cases/{id}/steps/allocation", new { on = "2018-03-01", floorArea = 51 });
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
        var problem = await tooBig.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("application/problem+json", tooBig.Content.Headers.ContentType?.MediaType);
        Assert.Contains("人均住房面积不超过25平方米", problem.GetProperty("errors").GetProperty("floorArea")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await fixture.QueryAsync(db => db.Sites.Where(s => s.Id == site).Select(s => s.AllocatedHouseholds).SingleAsync()));

        using var early = await village.PostAsJsonAsync($"/api/relocation/cases/{id}/steps/move-in", new { on = "2018-09-01" });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await village.PostAsJsonAsync($"/api/relocation/cases/{id}/steps/allocation", new { on = "2018-03-01", floorArea = 50, housingUnit = "1栋101" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await village.PostAsJsonAsync($"/api/relocation/cases/{id}/steps/move-in", new { on = "2018-09-01", by = "驻村第一书记" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await village.PostAsJsonAsync($"/api/relocation/cases/{id}/steps/move-in", new { on = "2018-09-01" })).StatusCode);
        await fixture.AssessedAsync(registered.HouseholdId, Guarantee.SafeHousing, met: true);

        var detail = await RelocationFixture.JsonAsync(village, $"/api/relocation/cases/{id}");
        Assert.Equal("moved-in", detail.GetProperty("step").GetString());
        Assert.Equal("村支书刘明", detail.GetProperty("planned").GetProperty("by").GetString());
        Assert.Equal("驻村第一书记", detail.GetProperty("movedIn").GetProperty("by").GetString());
        Assert.Equal("village-cadre-420325001001", detail.GetProperty("housingAllocated").GetProperty("by").GetString());
        Assert.Equal(2, detail.GetProperty("people").GetInt32());
    }

    [Fact]
    public async Task Outside_the_caller_s_scope_a_case_a_household_and_a_site_do_not_exist()
    {
        var registered = await fixture.RegisterAsync(People.Village, People.Member("户主", "黄守业"));
        using var county = fixture.County();
        var site = await SiteAsync(county, People.Village);
        using var created = await county.PostAsJsonAsync("/api/relocation/cases", new { householdId = registered.HouseholdId, mode = "town-or-county", siteId = site, plannedOn = "2017-04-01" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var other = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: People.OtherVillage));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(new Uri($"/api/relocation/cases/{id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/relocation/cases/{id}/steps/allocation", new { on = "2018-03-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(new Uri($"/api/relocation/households/{registered.HouseholdId}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(new Uri($"/api/relocation/sites/{site}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync("/api/relocation/cases", new { householdId = registered.HouseholdId, mode = "scattered", plannedOn = "2017-04-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync("/api/relocation/housing/appraisals", new { householdId = registered.HouseholdId, grade = "a", appraisedOn = "2019-01-01", agency = "鉴定站", reportNumber = People.Code("JD") })).StatusCode);
        Assert.Equal(0, (await RelocationFixture.JsonAsync(other, "/api/relocation/cases?pageSize=200")).GetProperty("total").GetInt64());

        using var township = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.TownshipOfficer, township: People.Township));
        Assert.Equal(HttpStatusCode.OK, (await township.GetAsync(new Uri($"/api/relocation/cases/{id}", UriKind.Relative))).StatusCode);
        Assert.Equal(registered.HouseholdNumber, (await RelocationFixture.JsonAsync(township, $"/api/relocation/households/{registered.HouseholdId}")).GetProperty("householdNumber").GetString());

        using var auditor = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.Auditor));
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync(new Uri($"/api/relocation/cases/{id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsJsonAsync($"/api/relocation/cases/{id}/steps/allocation", new { on = "2018-03-01" })).StatusCode);
    }

    [Fact]
    public async Task A_house_of_the_caller_s_own_household_cannot_be_filed_in_a_village_outside_its_scope()
    {
        var registered = await fixture.RegisterAsync(People.Village, People.Member("户主", "邓守土"));
        using var village = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: People.Village));
        var writes = new (string Path, object Body)[]
        {
            ("/api/relocation/housing/appraisals", new { householdId = registered.HouseholdId, villageCode = People.OtherVillage, grade = "d", appraisedOn = "2019-01-01", agency = "鉴定站", reportNumber = People.Code("JD") }),
            ("/api/relocation/housing/renovations", new { householdId = registered.HouseholdId, villageCode = People.OtherTownshipVillage, projectNumber = People.Code("WG"), programme = "dilapidated-house", method = "rebuild", startedOn = "2019-03-01" }),
            ("/api/relocation/housing/toilets", new { householdId = registered.HouseholdId, villageCode = People.OtherVillage, type = "three-compartment", completedOn = "2019-05-01" }),
        };
        foreach (var (path, body) in writes)
        {
            using var refused = await village.PostAsJsonAsync(path, body);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(0, await fixture.QueryAsync(db => db.Appraisals.CountAsync(a => a.HouseholdId == registered.HouseholdId)));
        Assert.Equal(0, await fixture.QueryAsync(db => db.Renovations.CountAsync(r => r.HouseholdId == registered.HouseholdId)));
        Assert.Equal(0, await fixture.QueryAsync(db => db.Toilets.CountAsync(t => t.HouseholdId == registered.HouseholdId)));

        // In its own village the same write is filed.
        using var filed = await village.PostAsJsonAsync("/api/relocation/housing/appraisals", new { householdId = registered.HouseholdId, villageCode = People.Village, grade = "d", appraisedOn = "2019-01-01", agency = "鉴定站", reportNumber = People.Code("JD") });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
    }

    [Fact]
    public async Task A_water_project_serving_a_village_is_in_the_scope_of_its_township_as_of_the_village_wherever_it_stands()
    {
        using var county = fixture.County();
        using var channel = fixture.Host.CreateGrpcChannel(TestTokens.CountyOffice());
        var code = People.Code("GS");
        Assert.Equal(1, (await RelocationFixture.StreamAsync(new DrinkingWater.DrinkingWaterClient(channel).ImportWaterProjects(), Feeds.Centralised(code, People.OtherTownshipVillage, People.Village))).Accepted);
        var id = (await RelocationFixture.JsonAsync(county, $"/api/relocation/water/projects?village={People.OtherTownshipVillage}&pageSize=200"))
            .GetProperty("items").EnumerateArray().Single(p => p.GetProperty("code").GetString() == code).GetProperty("id").GetGuid();

        foreach (var (token, sees) in new[]
        {
            (TestTokens.ForRole(PlatformRoles.VillageCadre, village: People.Village), true),
            (TestTokens.ForRole(PlatformRoles.TownshipOfficer, township: People.Township), true),
            (TestTokens.ForRole(PlatformRoles.TownshipOfficer, township: People.OtherTownshipVillage[..9]), true),
            (TestTokens.ForRole(PlatformRoles.TownshipOfficer, township: "420325003"), false),
        })
        {
            using var caller = fixture.Host.CreateHttpClient(token);
            using var detail = await caller.GetAsync(new Uri($"/api/relocation/water/projects/{id}", UriKind.Relative));
            Assert.Equal(sees ? HttpStatusCode.OK : HttpStatusCode.NotFound, detail.StatusCode);
            var listed = (await RelocationFixture.JsonAsync(caller, "/api/relocation/water/projects?pageSize=200")).GetProperty("items").EnumerateArray()
                .Any(p => p.GetProperty("id").GetGuid() == id);
            Assert.Equal(sees, listed);
        }
    }

    [Fact]
    public async Task Owner_id_numbers_are_masked_in_every_answer()
    {
        var head = People.Member("户主", "何清白");
        var registered = await fixture.RegisterAsync(People.Village, head);
        using var county = fixture.County();
        using var created = await county.PostAsJsonAsync("/api/relocation/housing/appraisals", new { householdId = registered.HouseholdId, grade = "b", appraisedOn = "2019-01-01", agency = "鉴定站", reportNumber = People.Code("JD") });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadAsStringAsync();
        var listed = await county.GetStringAsync(new Uri($"/api/relocation/housing/appraisals?householdId={registered.HouseholdId}", UriKind.Relative));
        var household = await county.GetStringAsync(new Uri($"/api/relocation/households/{registered.HouseholdId}", UriKind.Relative));
        foreach (var answer in new[] { body, listed, household })
        {
            Assert.DoesNotContain(head.IdNumber, answer, StringComparison.Ordinal);
            Assert.DoesNotContain(head.IdNumber[6..14], answer, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_retried_plan_with_the_same_idempotency_key_is_the_same_case()
    {
        var registered = await fixture.RegisterAsync(People.Village, People.Member("户主", "罗再来"));
        using var county = fixture.County();
        async Task<HttpResponseMessage> PlanAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/relocation/cases")
            {
                Content = JsonContent.Create(new { householdId = registered.HouseholdId, mode = "scattered", plannedOn = "2017-04-01" }),
            };
            request.Headers.Add("Idempotency-Key", "plan-" + registered.HouseholdId);
            return await county.SendAsync(request);
        }

        using var first = await PlanAsync();
        using var second = await PlanAsync();
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(1, await fixture.QueryAsync(db => db.Cases.CountAsync(c => c.HouseholdId == registered.HouseholdId)));
    }

    private static async Task<Guid> SiteAsync(HttpClient county, string village)
    {
        using var created = await county.PostAsJsonAsync("/api/relocation/sites", new
        {
            code = People.Code("AZD"), name = "幸福社区", mode = "town-or-county", villageCode = village, capacityHouseholds = 10, completedOn = "2018-05-01",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
