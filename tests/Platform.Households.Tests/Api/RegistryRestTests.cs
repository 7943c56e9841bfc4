using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Testing;

namespace Platform.Households.Tests.Api;

public class RegistryRestTests(HouseholdsFixture fixture) : IClassFixture<HouseholdsFixture>
{
    private readonly HttpClient client = fixture.Host.CreateHttpClient(TestTokens.CountyOffice());


    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Registering_a_household_returns_it_with_masked_id_numbers_and_queues_its_event()
    {
        var headId = Households.NewIdNumber(new DateOnly(1960, 1, 1));
        var number = Households.NewHouseholdNumber();
        var outboxBefore = await fixture.CountAsync("SELECT count(*) FROM outbox_messages");

        var response = await client.PostAsJsonAsync("/api/households", Households.Body(number, null, Households.Member("户主", headId, "赵大山")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(headId, body, StringComparison.Ordinal);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(number, json.GetProperty("householdNumber").GetString());
        Assert.Equal("poor", json.GetProperty("status").GetString());
        Assert.Equal("420325************", json.GetProperty("members")[0].GetProperty("idNumber").GetString());
        Assert.Equal(1960, json.GetProperty("members")[0].GetProperty("birthYear").GetInt32());
        Assert.False(json.GetProperty("members")[0].TryGetProperty("birthDate", out _));
        Assert.Equal("138****1234", json.GetProperty("phone").GetString());
        Assert.Equal(outboxBefore + 1, await fixture.CountAsync("SELECT count(*) FROM outbox_messages"));

        var id = json.GetProperty("id").GetString();
        var fetched = await client.GetAsync(new Uri($"/api/households/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal("赵大山", (await JsonAsync(fetched)).GetProperty("members")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_invalid_id_number_is_refused_naming_the_field_and_nothing_is_written()
    {
        var number = Households.NewHouseholdNumber();
        var response = await client.PostAsJsonAsync(
            "/api/households", Households.Body(number, null, Households.Member("户主", "420325196001010010")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response);
        Assert.Equal("身份证号码校验位不正确", problem.GetProperty("errors").GetProperty("members[0].idNumber")[0].GetString());
        Assert.Equal(0, await fixture.CountAsync($"SELECT count(*) FROM households WHERE household_number = '{number}'"));
    }

    [Fact]
    public async Task An_unknown_village_is_refused()
    {
        var response = await client.PostAsJsonAsync("/api/households", Households.Body(village: "420325099099"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await JsonAsync(response)).GetProperty("errors").TryGetProperty("villageCode", out _));
    }

    [Fact]
    public async Task A_person_already_registered_in_another_household_is_a_conflict()
    {
        var person = Households.NewIdNumber(new DateOnly(1975, 5, 5));
        var first = await client.PostAsJsonAsync("/api/households", Households.Body(null, null, Households.Member("户主", person)));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var outboxBefore = await fixture.CountAsync("SELECT count(*) FROM outbox_messages");

        var second = await client.PostAsJsonAsync("/api/households", Households.Body(null, null, Households.Member("户主", person)));

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.True((await JsonAsync(second)).GetProperty("errors").TryGetProperty("members[0].idNumber", out _));
        Assert.Equal(outboxBefore, await fixture.CountAsync("SELECT count(*) FROM outbox_messages"));
    }

    [Fact]
    public async Task Malformed_json_is_a_problem_not_a_crash()
    {
        using var content = new StringContent("{\"householdNumber\": ", Encoding.UTF8, "application/json");
        var response = await client.PostAsync(new Uri("/api/households", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Missing_fields_are_named()
    {
        var response = await client.PostAsJsonAsync("/api/households", new { householdNumber = "X1" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        foreach (var field in new[] { "villageCode", "status", "mainCause", "registeredYear", "members" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"expected an error for {field}");
        }
    }

    [Fact]
    public async Task An_oversized_request_is_refused_with_413()
    {
        var huge = new string('x', 2 * 1024 * 1024);
        using var content = new StringContent($"{{\"householdNumber\": \"{huge}\"}}", Encoding.UTF8, "application/json");
        var response = await client.PostAsync(new Uri("/api/households", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_token_nothing_is_served_but_health_is()
    {
        using var anonymous = fixture.Host.CreateHttpClient(token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/api/households", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);

        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.WronglySigned());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/api/households", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_list_pages_and_filters_by_village_status_cause_and_name()
    {
        var village = HouseholdsFixture.VillageCodes[2];
        string[] names = ["欧阳甲", "欧阳乙", "欧阳丙"];
        for (var i = 0; i < names.Length; i++)
        {
            var created = await client.PostAsJsonAsync("/api/households", Households.Body(null, village,
                Households.Member("户主", Households.NewIdNumber(new DateOnly(1950 + i, 1, 1)), names[i])));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var page = await JsonAsync(await client.GetAsync(new Uri($"/api/households?village={village}&status=poor&cause=capital&pageSize=2", UriKind.Relative)));
        Assert.Equal(3, page.GetProperty("total").GetInt64());
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        Assert.StartsWith("420325********", page.GetProperty("items")[0].GetProperty("headIdNumber").GetString(), StringComparison.Ordinal);

        var byName = await JsonAsync(await client.GetAsync(new Uri("/api/households?name=欧阳乙", UriKind.Relative)));
        Assert.Equal(1, byName.GetProperty("total").GetInt64());

        var bad = await client.GetAsync(new Uri("/api/households?status=rich&pageSize=500", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await JsonAsync(bad)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("status", out _));
        Assert.True(errors.TryGetProperty("pageSize", out _));
    }

    [Fact]
    public async Task A_whole_id_number_finds_its_household_from_the_request_body()
    {
        var person = Households.NewIdNumber(new DateOnly(1988, 2, 2), male: false);
        var created = await client.PostAsJsonAsync("/api/households", Households.Body(null, null,
            Households.Member("户主", Households.NewIdNumber(new DateOnly(1985, 1, 1))), Households.Member("配偶", person, "孙丽")));
        var id = (await JsonAsync(created)).GetProperty("id").GetString();

        var found = await client.PostAsJsonAsync("/api/households/members/lookup", new { idNumber = person });
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(id, (await JsonAsync(found)).GetProperty("id").GetString());

        var unknown = await client.PostAsJsonAsync("/api/households/members/lookup", new { idNumber = Households.NewIdNumber(new DateOnly(1990, 1, 1)) });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var invalid = await client.PostAsJsonAsync("/api/households/members/lookup", new { idNumber = "123" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Fact]
    public async Task Members_are_added_and_removed_with_a_reason_and_a_person_can_then_join_another_household()
    {
        var child = Households.NewIdNumber(new DateOnly(2020, 6, 1));
        var created = await JsonAsync(await client.PostAsJsonAsync("/api/households", Households.Body()));
        var id = created.GetProperty("id").GetString();

        var added = await client.PostAsJsonAsync($"/api/households/{id}/members", new { reason = "born", member = Households.Member("之子", child, "王小宝") });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var memberId = (await JsonAsync(added)).GetProperty("id").GetString();

        var noReason = await client.PostAsJsonAsync($"/api/households/{id}/members/{memberId}/removal", new { reason = "vanished" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        var removed = await client.PostAsJsonAsync($"/api/households/{id}/members/{memberId}/removal", new { reason = "moved-out", note = "随母迁出" });
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var members = (await JsonAsync(removed)).GetProperty("members");
        Assert.Equal("moved-out", members.EnumerateArray().Single(m => m.GetProperty("id").GetString() == memberId).GetProperty("removalReason").GetString());

        var elsewhere = await client.PostAsJsonAsync("/api/households", Households.Body(null, null,
            Households.Member("户主", Households.NewIdNumber(new DateOnly(1990, 3, 3))), Households.Member("之子", child, "王小宝")));
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Exit_and_monitoring_cannot_be_set_by_hand_and_a_refused_change_records_nothing()
    {
        // domain.md: "No step may be skipped" — exit is the exit procedure's; monitoring is a flag.
        var id = (await JsonAsync(await client.PostAsJsonAsync("/api/households", Households.Body()))).GetProperty("id").GetString();

        var exited = await client.PostAsJsonAsync($"/api/households/{id}/status", new { status = "exited", reason = "2020年度脱贫验收通过", year = 2020 });
        Assert.Equal(HttpStatusCode.BadRequest, exited.StatusCode);
        Assert.Contains("退出程序", await exited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var monitored = await client.PostAsJsonAsync($"/api/households/{id}/status", new { status = "monitored", reason = "监测" });
        Assert.Equal(HttpStatusCode.BadRequest, monitored.StatusCode);
        var same = await client.PostAsJsonAsync($"/api/households/{id}/status", new { status = "poor", reason = "重复" });
        Assert.Equal(HttpStatusCode.BadRequest, same.StatusCode);
        Assert.Equal(0, await fixture.CountAsync($"SELECT count(*) FROM status_changes WHERE household_id = '{id}'"));
        Assert.Equal("poor", (await JsonAsync(await client.GetAsync(new Uri($"/api/households/{id}", UriKind.Relative)))).GetProperty("status").GetString());

        var missing = await client.PostAsJsonAsync($"/api/households/{Guid.NewGuid()}/status", new { status = "poor", reason = "返贫" });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_household_moves_to_another_village_inside_the_callers_scope_and_the_pillars_are_told()
    {
        var id = (await JsonAsync(await client.PostAsJsonAsync("/api/households", Households.Body(village: HouseholdsFixture.VillageCodes[0])))).GetProperty("id").GetString();
        Task<long> MovesAsync() => fixture.CountAsync($"SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%HouseholdMoved%' AND body LIKE '%{id}%'");

        // Bad input changes nothing.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/api/households/{id}/move", new { villageCode = HouseholdsFixture.VillageCodes[1], reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/api/households/{id}/move", new { villageCode = "420325999999", reason = "易地扶贫搬迁" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/api/households/{id}/move", new { villageCode = HouseholdsFixture.VillageCodes[0], reason = "原地" })).StatusCode);

        // A village cadre may not file the household under a village outside its own.
        using var cadre = fixture.Host.CreateHttpClient(TestTokens.ForRole("village-cadre", village: HouseholdsFixture.VillageCodes[0]));
        Assert.Equal(HttpStatusCode.Forbidden, (await cadre.PostAsJsonAsync($"/api/households/{id}/move", new { villageCode = HouseholdsFixture.VillageCodes[1], reason = "易地扶贫搬迁" })).StatusCode);
        Assert.Equal(0, await MovesAsync());

        var moved = await client.PostAsJsonAsync($"/api/households/{id}/move", new { villageCode = HouseholdsFixture.VillageCodes[1], reason = "易地扶贫搬迁至县城安置点" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(HouseholdsFixture.VillageCodes[1], (await JsonAsync(moved)).GetProperty("villageCode").GetString());
        Assert.Equal(1, await MovesAsync());

        // Now it is another village's household: the first village's cadre no longer sees it.
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.GetAsync(new Uri($"/api/households/{id}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_page_number_too_large_to_count_to_is_a_bad_request_not_a_server_error()
    {
        using var response = await client.GetAsync(new Uri("/api/households?page=2147483647&pageSize=200", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await JsonAsync(response)).GetProperty("errors").TryGetProperty("page", out _));
    }
}
