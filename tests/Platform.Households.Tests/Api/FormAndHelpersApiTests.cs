using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.Households.Tests.Api;

/// <summary>
/// The household form (扶贫手册), members' health, helpers, pairings, work teams and the county's statistics over REST on
/// real sockets: scope (another village's household does not exist: 404), roles (a department or a village writes no county
/// record: 403), problem details in Chinese, Idempotency-Key, and the health change the pillars hear of.
/// </summary>
public class FormAndHelpersApiTests(HouseholdsFixture fixture) : IClassFixture<HouseholdsFixture>
{
    private readonly HttpClient county = fixture.Host.CreateHttpClient(TestTokens.CountyOffice());
    private readonly HttpClient ownCadre = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: HouseholdsFixture.VillageCodes[0]));
    private readonly HttpClient otherCadre = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: HouseholdsFixture.VillageCodes[1]));
    private readonly HttpClient department = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.DepartmentOfficer, pillar: PlatformScopes.Education));

    private async Task<JsonElement> RegisterAsync()
    {
        var response = await county.PostAsJsonAsync("/api/households", Households.Body());
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static object HouseholdForm(string type = "minimum-living", decimal land = 3.5m) => new
    {
        type, cultivatedLand = land, forestLand = 12m, orchard = 0.8m, distanceToRoadKm = 1.2m, dangerousHouse = false, houseArea = 96m, fuel = "firewood",
        safeDrinkingWater = true, electricity = true, broadcastTv = true, sanitaryToilet = false, cooperativeMember = true,
    };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task The_form_is_read_and_filled_in_within_the_scope_and_bad_values_get_chinese_problems()
    {
        var household = await RegisterAsync();
        var id = household.GetProperty("id").GetGuid();
        var head = household.GetProperty("members")[0].GetProperty("id").GetGuid();
        var form = await county.GetFromJsonAsync<JsonElement>(new Uri($"/api/households/{id}/form", UriKind.Relative));
        Assert.Equal(JsonValueKind.Null, form.GetProperty("household").ValueKind);
        Assert.Contains("********", form.GetProperty("members")[0].GetProperty("idNumber").GetString(), StringComparison.Ordinal);

        using var bad = await ownCadre.PutAsJsonAsync($"/api/households/{id}/form", new { type = "rich", cultivatedLand = -2m, fuel = "firewood" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await JsonAsync(bad);
        Assert.Equal("请求参数有误", problem.GetProperty("title").GetString());
        Assert.Equal(new[] { "cultivatedLand", "dangerousHouse", "broadcastTv", "electricity", "safeDrinkingWater", "sanitaryToilet", "type" }.Order(StringComparer.Ordinal),
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        var updatedAt = await fixture.CountAsync($"SELECT (extract(epoch FROM updated_at) * 1000000)::bigint FROM households WHERE id = '{id}'");

        using var saved = await ownCadre.PutAsJsonAsync($"/api/households/{id}/form", HouseholdForm());
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var filled = (await JsonAsync(saved)).GetProperty("household");
        Assert.Equal(("minimum-living", 3.5m, "firewood"), (filled.GetProperty("type").GetString(), filled.GetProperty("cultivatedLand").GetDecimal(), filled.GetProperty("fuel").GetString()));
        Assert.NotEqual(updatedAt, await fixture.CountAsync($"SELECT (extract(epoch FROM updated_at) * 1000000)::bigint FROM households WHERE id = '{id}'")); // the row is touched

        using var member = await county.PutAsJsonAsync($"/api/households/{id}/members/{head}/form", new
        {
            education = "junior", skill = "香菇种植", monthsWorked = 8, workPlace = "in-province", residentMedicalInsurance = true, criticalIllnessInsurance = true,
            welfare = "minimum-living", publicWelfarePostMonths = 12,
        });
        Assert.Equal(HttpStatusCode.OK, member.StatusCode);
        Assert.Equal("香菇种植", (await JsonAsync(member)).GetProperty("members")[0].GetProperty("profile").GetProperty("skill").GetString());

        var breakdown = await county.GetFromJsonAsync<JsonElement>(new Uri("/api/households/statistics/households", UriKind.Relative));
        Assert.Contains(breakdown.GetProperty("byType").EnumerateArray(), t => t.GetProperty("code").GetString() == "minimum-living" && t.GetProperty("households").GetInt64() >= 1);
        var listed = await county.GetFromJsonAsync<JsonElement>(new Uri("/api/households?type=minimum-living&pageSize=200", UriKind.Relative));
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), h => h.GetProperty("id").GetGuid() == id);

        // Another village's cadre: the household does not exist. A department reads but does not write the registry.
        Assert.Equal(HttpStatusCode.NotFound, (await otherCadre.GetAsync(new Uri($"/api/households/{id}/form", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherCadre.PutAsJsonAsync($"/api/households/{id}/form", HouseholdForm(land: 9m))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await department.PutAsJsonAsync($"/api/households/{id}/form", HouseholdForm(land: 9m))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await department.GetAsync(new Uri($"/api/households/{id}/form", UriKind.Relative))).StatusCode);
        Assert.Equal(3.5m, (await county.GetFromJsonAsync<JsonElement>(new Uri($"/api/households/{id}/form", UriKind.Relative))).GetProperty("household").GetProperty("cultivatedLand").GetDecimal());
    }

    /// <summary>
    /// The 360 view's visits (评估检查走访): an inspection's visit to the household, read in the household's scope only
    /// (another village's cadre: 404, as for the household itself).
    /// </summary>
    [Fact]
    public async Task A_households_inspection_visits_are_read_within_the_scope()
    {
        var id = (await RegisterAsync()).GetProperty("id").GetGuid();
        Assert.Empty(await county.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/households/{id}/visits", UriKind.Relative)) ?? []);

        var name = "走访测试" + Guid.NewGuid().ToString("N")[..8];
        using var created = await county.PostAsJsonAsync("/api/households/inspections", new { name, year = 2020, seed = name, poorVillages = 1000, otherVillages = 1000, householdsPerVillage = 1000 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var inspection = (await JsonAsync(created)).GetProperty("id").GetGuid();
        using var visited = await county.PostAsJsonAsync($"/api/households/inspections/{inspection}/visits", new
        {
            visits = new[] { new { householdId = id, visitedOn = "2020-08-12", inspector = "第三方评估组 王敏", wronglyExited = false, approves = true, note = "两不愁三保障均已实现" } },
        });
        Assert.Equal(HttpStatusCode.OK, visited.StatusCode);

        var visits = await ownCadre.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/households/{id}/visits", UriKind.Relative));
        var visit = Assert.Single(visits!);
        Assert.Equal((name, "2020-08-12", "第三方评估组 王敏", true, "两不愁三保障均已实现"), (
            visit.GetProperty("inspectionName").GetString(), visit.GetProperty("visitedOn").GetString(), visit.GetProperty("inspector").GetString(),
            visit.GetProperty("approves").GetBoolean(), visit.GetProperty("note").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await otherCadre.GetAsync(new Uri($"/api/households/{id}/visits", UriKind.Relative))).StatusCode);
    }

    /// <summary>A change of health is published (MemberHealthChanged) through the outbox in the same commit, once, even when the request is retried.</summary>
    [Fact]
    public async Task A_members_health_change_is_published_once_with_what_it_was_and_a_bad_one_writes_nothing()
    {
        var household = await RegisterAsync();
        var id = household.GetProperty("id").GetGuid();
        var head = household.GetProperty("members")[0].GetProperty("id").GetGuid();
        string Events() => $"SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%MemberHealthChanged%' AND body LIKE '%{head}%'";

        using var bad = await county.PostAsJsonAsync($"/api/households/{id}/members/{head}/health", new { health = "disabled", reason = "残联评定" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("残疾等级", (await JsonAsync(bad)).GetProperty("errors").GetProperty("disabilityGrade")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await fixture.CountAsync(Events()));

        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/households/{id}/members/{head}/health")
            {
                Content = JsonContent.Create(new { health = "disabled", disabilityGrade = 2, reason = "残联评定二级肢体残疾" }),
            };
            request.Headers.Add("Idempotency-Key", "health-" + head);
            using var response = await county.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(2, (await JsonAsync(response)).GetProperty("members")[0].GetProperty("disabilityGrade").GetInt32());
        }

        Assert.Equal(1, await fixture.CountAsync(Events()));
        Assert.Equal(1, await fixture.CountAsync($"SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%MemberHealthChanged%' AND body LIKE '%\"previousHealth\":\"healthy\"%' AND body LIKE '%{head}%'"));
        Assert.Equal(HttpStatusCode.NotFound, (await otherCadre.PostAsJsonAsync($"/api/households/{id}/members/{head}/health", new { health = "healthy", reason = "康复" })).StatusCode);
    }

    /// <summary>A pillar's assessment of a member's health (残疾评定) reaches the registry over the stream and is announced again to every pillar.</summary>
    [Fact]
    public async Task A_pillars_health_assessment_changes_the_member_and_is_announced()
    {
        var household = await RegisterAsync();
        var id = household.GetProperty("id").GetGuid();
        var spouse = household.GetProperty("members")[1].GetProperty("id").GetGuid();
        var assessed = new MemberHealthAssessed
        {
            EventId = Guid.NewGuid(), HouseholdId = id, OccurredAt = DateTimeOffset.UtcNow, MemberId = spouse, Health = "serious", Source = Pillar.Welfare,
            SourceRecordId = "serious-illness-certificate-" + spouse, AssessedOn = new DateOnly(2026, 10, 1), Reason = "大病认定",
        };
        await StreamEvents.PublishAsync(fixture.VirtualHost, assessed);
        await StreamEvents.PublishAsync(fixture.VirtualHost, assessed with { EventId = Guid.NewGuid() }); // the same finding again changes nothing
        // A later, different finding of the household proves both deliveries of the first were handled (one household's events keep their order).
        var head = household.GetProperty("members")[0].GetProperty("id").GetGuid();
        await StreamEvents.PublishAsync(fixture.VirtualHost, assessed with { EventId = Guid.NewGuid(), MemberId = head, Health = "chronic", SourceRecordId = "chronic-" + head });

        await Eventually.AssertAsync(
            async () => await fixture.CountAsync($"SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%MemberHealthChanged%' AND body LIKE '%{head}%'") == 1,
            TimeSpan.FromSeconds(30),
            "the last finding reaches the registry and is announced");
        var members = (await county.GetFromJsonAsync<JsonElement>(new Uri($"/api/households/{id}/form", UriKind.Relative))).GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(("chronic", "serious"), (members[0].GetProperty("health").GetString(), members[1].GetProperty("health").GetString()));
        Assert.Equal(1, await fixture.CountAsync($"SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%MemberHealthChanged%' AND body LIKE '%{spouse}%' AND body LIKE '%\"previousHealth\":\"healthy\"%'"));
    }

    [Fact]
    public async Task Helpers_are_paired_with_at_most_five_households_in_the_callers_village_and_their_phones_are_masked()
    {
        using var created = await ownCadre.PostAsJsonAsync("/api/households/helpers", new { name = "周帮扶", workUnit = "县教育局", phone = "13977776666", kind = "teacher", externalRef = "T-" + Guid.NewGuid().ToString("N")[..8] });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var helper = (await JsonAsync(created)).GetProperty("helper");
        var helperId = helper.GetProperty("id").GetGuid();
        Assert.Equal("139****6666", helper.GetProperty("phone").GetString());

        var households = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            households.Add((await RegisterAsync()).GetProperty("id").GetGuid());
        }

        for (var i = 0; i < 5; i++)
        {
            using var paired = await ownCadre.PostAsJsonAsync($"/api/households/{households[i]}/pairings", new { cadreId = helperId, from = "2016-03-01" });
            Assert.Equal(HttpStatusCode.Created, paired.StatusCode);
        }

        using var sixth = await ownCadre.PostAsJsonAsync($"/api/households/{households[5]}/pairings", new { cadreId = helperId });
        Assert.Equal(HttpStatusCode.BadRequest, sixth.StatusCode);
        Assert.Contains("不超过5户", (await sixth.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        using var twice = await ownCadre.PostAsJsonAsync($"/api/households/{households[0]}/pairings", new { cadreId = helperId });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        var pairings = await ownCadre.GetFromJsonAsync<JsonElement>(new Uri($"/api/households/{households[0]}/pairings", UriKind.Relative));
        var pairing = pairings[0];
        Assert.Equal(("周帮扶", "县教育局", "139****6666"), (pairing.GetProperty("helperName").GetString(), pairing.GetProperty("workUnit").GetString(), pairing.GetProperty("phone").GetString()));
        using var ended = await ownCadre.PostAsJsonAsync($"/api/households/{households[0]}/pairings/{pairing.GetProperty("id").GetGuid()}/end", new { reason = "工作调动" });
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ownCadre.PostAsJsonAsync($"/api/households/{households[5]}/pairings", new { cadreId = helperId })).StatusCode);

        // Another village's cadre sees neither the households' pairings nor this helper, who helps only elsewhere.
        Assert.Equal(HttpStatusCode.NotFound, (await otherCadre.GetAsync(new Uri($"/api/households/{households[1]}/pairings", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherCadre.GetAsync(new Uri($"/api/households/helpers/{helperId}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherCadre.PostAsJsonAsync($"/api/households/{households[1]}/pairings", new { cadreId = helperId })).StatusCode);
        var detail = await ownCadre.GetFromJsonAsync<JsonElement>(new Uri($"/api/households/helpers/{helperId}", UriKind.Relative));
        Assert.Equal(5, detail.GetProperty("helper").GetProperty("activePairings").GetInt32());
        Assert.DoesNotContain("13977776666", detail.ToString(), StringComparison.Ordinal);

        // The whole phone only on an audited request with a reason, by a role that serves households.
        Assert.Equal(HttpStatusCode.BadRequest, (await ownCadre.PostAsJsonAsync($"/api/households/helpers/{helperId}/contact", new { reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await department.PostAsJsonAsync($"/api/households/helpers/{helperId}/contact", new { reason = "联系" })).StatusCode);
        using var contact = await ownCadre.PostAsJsonAsync($"/api/households/helpers/{helperId}/contact", new { reason = "通知入户走访" });
        Assert.Equal("13977776666", (await JsonAsync(contact)).GetProperty("phone").GetString());
        Assert.Equal("no-store", contact.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task The_county_stations_one_work_team_a_village_with_one_first_secretary_and_villages_only_read_theirs()
    {
        var village = HouseholdsFixture.VillageCodes[2];
        async Task<Guid> HelperAsync(string name)
        {
            using var response = await county.PostAsJsonAsync("/api/households/helpers", new { name, workUnit = "县发改局", phone = "13811112222", kind = "cadre" });
            return (await JsonAsync(response)).GetProperty("helper").GetProperty("id").GetGuid();
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await ownCadre.PostAsJsonAsync("/api/households/work-teams", new { villageCode = village, sendingUnit = "县发改局" })).StatusCode);
        using var created = await county.PostAsJsonAsync("/api/households/work-teams", new { villageCode = village, sendingUnit = "县发改局", from = "2015-08-10" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var team = (await JsonAsync(created)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Conflict, (await county.PostAsJsonAsync("/api/households/work-teams", new { villageCode = village, sendingUnit = "县财政局" })).StatusCode);

        var secretary = await HelperAsync("吴书记");
        Assert.Equal(HttpStatusCode.Created, (await county.PostAsJsonAsync($"/api/households/work-teams/{team}/members", new { cadreId = secretary, role = "first-secretary", from = "2015-08-10" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await county.PostAsJsonAsync($"/api/households/work-teams/{team}/members", new { cadreId = await HelperAsync("郑书记"), role = "first-secretary" })).StatusCode);
        using var member = await county.PostAsJsonAsync($"/api/households/work-teams/{team}/members", new { cadreId = await HelperAsync("冯队员"), role = "member", from = "2016-01-01" });
        var members = (await JsonAsync(member)).GetProperty("members");
        Assert.Equal(["first-secretary", "member"], members.EnumerateArray().Select(m => m.GetProperty("role").GetString()));

        var exit = await county.GetFromJsonAsync<JsonElement>(new Uri("/api/households/figures/exit", UriKind.Relative));
        Assert.Equal((1L, 2L, 1L), (exit.GetProperty("helpers").GetProperty("workTeams").GetInt64(), exit.GetProperty("helpers").GetProperty("stationedCadres").GetInt64(), exit.GetProperty("helpers").GetProperty("firstSecretaries").GetInt64()));
        Assert.Equal(HttpStatusCode.NotFound, (await ownCadre.GetAsync(new Uri($"/api/households/work-teams/{team}", UriKind.Relative))).StatusCode);
        Assert.Equal(0, (await ownCadre.GetFromJsonAsync<JsonElement>(new Uri("/api/households/work-teams", UriKind.Relative))).GetProperty("total").GetInt64());

        using var recalled = await county.PostAsJsonAsync($"/api/households/work-teams/{team}/recall", new { to = "2021-05-31" });
        Assert.Equal(HttpStatusCode.OK, recalled.StatusCode);
        Assert.All((await JsonAsync(recalled)).GetProperty("members").EnumerateArray(), m => Assert.Equal("2021-05-31", m.GetProperty("to").GetString()));
        Assert.Equal(0L, (await county.GetFromJsonAsync<JsonElement>(new Uri("/api/households/figures/exit", UriKind.Relative))).GetProperty("helpers").GetProperty("workTeams").GetInt64());
    }

    [Fact]
    public async Task The_countys_farmers_income_is_kept_by_year_by_county_staff_and_shown_with_its_growth()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await ownCadre.PutAsJsonAsync("/api/households/statistics/rural-income/2019", new { perCapitaDisposableIncome = 10_000m, source = "统计局" })).StatusCode);
        using var bad = await county.PutAsJsonAsync("/api/households/statistics/rural-income/2019", new { perCapitaDisposableIncome = -1m, source = "" });
        Assert.Equal(["perCapitaDisposableIncome", "source"], (await JsonAsync(bad)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        (await county.PutAsJsonAsync("/api/households/statistics/rural-income/2019", new { perCapitaDisposableIncome = 10_100m, source = "房县统计局" })).EnsureSuccessStatusCode();
        using var saved = await county.PutAsJsonAsync("/api/households/statistics/rural-income/2020", new { perCapitaDisposableIncome = 11_109m, source = "房县统计局" });
        var year = await JsonAsync(saved);
        Assert.Equal((11_109m, 0.0999m), (year.GetProperty("perCapitaDisposableIncome").GetDecimal(), year.GetProperty("growthOnYearBefore").GetDecimal()));
        var exit = await ownCadre.GetFromJsonAsync<JsonElement>(new Uri("/api/households/statistics/rural-income", UriKind.Relative));
        Assert.Equal([2019, 2020], exit.EnumerateArray().Select(y => y.GetProperty("year").GetInt32()));
    }
}
