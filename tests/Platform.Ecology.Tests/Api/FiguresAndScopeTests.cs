using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Contracts.Households;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.Ecology.Tests.Api;

/// <summary>
/// The figures within each caller's data scope with their drill-down lists, "not found" outside the scope,
/// and personal data masked in every answer.
/// </summary>
public sealed partial class FiguresAndScopeTests(EcologyFixture fixture) : IClassFixture<EcologyFixture>
{
    private const int Year = 2023;

    [Fact]
    public async Task Each_caller_s_figures_count_its_own_place_and_each_figure_s_list_holds_exactly_what_it_counts()
    {
        var (townshipA, villageA) = County.NewPlace();
        var (townshipB, villageB) = County.NewPlace();
        var a1 = County.Person("甲一", 40);
        var a2 = County.Person("甲二", 41);
        var b1 = County.Person("乙一", 42);
        var ha1 = await fixture.RegisterAsync(County.Household(villageA, HouseholdStatus.Poor, a1));
        var ha2 = await fixture.RegisterAsync(County.Household(villageA, HouseholdStatus.Poor, a2));
        var hb1 = await fixture.RegisterAsync(County.Household(villageB, HouseholdStatus.Poor, b1));
        await fixture.QuotaAsync(Year, townshipA, 3);
        await fixture.QuotaAsync(Year, townshipB, 2);
        var postA1 = (await fixture.SelectAsync(a1.MemberId, Year)).GetProperty("id").GetGuid();
        await fixture.SelectAsync(b1.MemberId, Year);
        using var county = fixture.County();
        Assert.Equal(HttpStatusCode.Created, (await county.PostAsJsonAsync(new Uri($"/api/ecology/rangers/{postA1}/pay", UriKind.Relative), new { paidOn = "2023-12-20" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await county.PostAsJsonAsync(
            new Uri("/api/ecology/compensation", UriKind.Relative), new { householdId = ha2.HouseholdId, kind = "returned-farmland", year = Year, areaMu = 3 })).StatusCode);
        var afforest = await EcologyFixture.JsonAsync(await county.PostAsJsonAsync(
            new Uri("/api/ecology/projects", UriKind.Relative), new { name = "荒山造林", kind = "afforestation", villageCode = villageB, areaMu = 175.5, year = 2019 }));
        await county.PostAsJsonAsync(new Uri("/api/ecology/projects", UriKind.Relative), new { name = "黄桃园", kind = "orchard", crop = "yellow-peach", villageCode = villageA, areaMu = 300, year = 2020 });
        await county.PostAsJsonAsync(new Uri("/api/ecology/projects", UriKind.Relative), new { name = "新樱桃园", kind = "orchard", crop = "cherry", villageCode = villageA, areaMu = 50, year = 2024 });
        Assert.Equal(HttpStatusCode.Created, (await county.PostAsJsonAsync(
            new Uri($"/api/ecology/projects/{afforest.GetProperty("id").GetGuid()}/incomes", UriKind.Relative), new { householdId = hb1.HouseholdId, kind = "wage", year = Year, amount = 1200 })).StatusCode);

        using var townshipA_ = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.TownshipOfficer, township: townshipA));
        using var villageB_ = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: villageB));

        var a = await FiguresAsync(townshipA_);
        Assert.Equal((3, 1, 2, 1, 4000m), (a.Rangers.GetProperty("quota").GetInt32(), a.Rangers.GetProperty("inPost").GetInt32(), a.Rangers.GetProperty("vacancies").GetInt32(), a.Rangers.GetProperty("paid").GetInt32(), a.Rangers.GetProperty("payTotal").GetDecimal()));
        Assert.Equal((1, 720m), (a.Compensation.GetProperty("households").GetInt32(), a.Compensation.GetProperty("amount").GetDecimal()));
        // Projects planted up to the year: the 2024 orchard is not yet there in 2023.
        Assert.Equal((0m, 300m), (a.Projects.GetProperty("afforestedMu").GetDecimal(), a.Projects.GetProperty("orchardMu").GetDecimal()));
        Assert.Equal(2, a.Reached);

        var b = await FiguresAsync(villageB_);
        // A village sees its rangers, not its township's quota.
        Assert.Equal(JsonValueKind.Null, b.Rangers.GetProperty("quota").ValueKind);
        Assert.Equal((1, 0, 175.5m, 1, 1200m), (b.Rangers.GetProperty("inPost").GetInt32(), b.Compensation.GetProperty("households").GetInt32(), b.Projects.GetProperty("afforestedMu").GetDecimal(), b.Projects.GetProperty("households").GetInt32(), b.Projects.GetProperty("wages").GetDecimal()));
        Assert.Equal(1, b.Reached);

        // Every figure's drill-down list, as the same caller sees it, holds exactly what the figure counts.
        foreach (var (client, figures) in new[] { (townshipA_, a), (villageB_, b) })
        {
            Assert.Equal(figures.Rangers.GetProperty("inPost").GetInt32(), await TotalAsync(client, figures.Rangers.GetProperty("list").GetString()! + "&status=in-post"));
            Assert.Equal(figures.Rangers.GetProperty("paid").GetInt32(), await TotalAsync(client, figures.Rangers.GetProperty("payList").GetString()!));
            Assert.Equal(figures.Compensation.GetProperty("payments").GetInt32(), await TotalAsync(client, figures.Compensation.GetProperty("list").GetString()!));
            Assert.Equal(figures.Reached, await TotalAsync(client, figures.HouseholdsList));
        }

        var vacancies = await townshipA_.GetFromJsonAsync<JsonElement>(new Uri(a.Rangers.GetProperty("vacancyList").GetString()!, UriKind.Relative));
        Assert.Equal(2, Assert.Single(vacancies.EnumerateArray()).GetProperty("vacancies").GetInt32());
    }

    [Fact]
    public async Task Outside_the_caller_s_scope_a_ranger_a_household_and_a_project_do_not_exist_for_reading_or_writing()
    {
        var (township, village) = County.NewPlace();
        var head = County.Person("范围外", 39);
        var household = await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, head));
        await fixture.QuotaAsync(Year, township, 1);
        var post = (await fixture.SelectAsync(head.MemberId, Year)).GetProperty("id").GetGuid();
        using var county = fixture.County();
        var project = (await EcologyFixture.JsonAsync(await county.PostAsJsonAsync(
            new Uri("/api/ecology/projects", UriKind.Relative), new { name = "范围测试林", kind = "afforestation", villageCode = village, areaMu = 10, year = 2020 }))).GetProperty("id").GetGuid();
        var (_, otherVillage) = County.NewPlace();
        using var outsider = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: otherVillage));
        var before = await fixture.RowsAsync();

        foreach (var path in new[] { $"/api/ecology/rangers/{post}", $"/api/ecology/rangers/{post}/patrols", $"/api/ecology/households/{household.HouseholdId}", $"/api/ecology/projects/{project}", $"/api/ecology/projects/{project}/households" })
        {
            using var response = await outsider.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        foreach (var (path, body) in new (string, object)[]
        {
            ("/api/ecology/rangers", new { memberId = head.MemberId, year = Year }),
            ($"/api/ecology/rangers/{post}/patrols", new { patrolledOn = "2023-05-01" }),
            ($"/api/ecology/rangers/{post}/pay", new { }),
            ($"/api/ecology/rangers/{post}/dismissal", new { reason = "dismissed", on = "2023-05-01" }),
            ($"/api/ecology/rangers/{post}/assessment", new { grade = "excellent", assessedOn = "2023-12-10" }),
            ("/api/ecology/compensation", new { householdId = household.HouseholdId, kind = "returned-farmland", year = 2022, areaMu = 1 }),
            ($"/api/ecology/projects/{project}/incomes", new { householdId = household.HouseholdId, kind = "wage", year = 2022, amount = 10 }),
        })
        {
            using var response = await outsider.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(0, await TotalAsync(outsider, $"/api/ecology/rangers?year={Year}"));
        Assert.Equal(before, await fixture.RowsAsync());
    }

    [Theory]
    [InlineData(PlatformRoles.Auditor, HttpStatusCode.OK, HttpStatusCode.Forbidden)]
    [InlineData(PlatformRoles.DepartmentOfficer, HttpStatusCode.OK, HttpStatusCode.BadRequest)]
    [InlineData("visitor", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    public async Task Reading_needs_a_platform_role_and_selecting_a_writing_one_of_this_pillar(string role, HttpStatusCode read, HttpStatusCode write)
    {
        using var client = fixture.Host.CreateHttpClient(TestTokens.ForRole(role, pillar: role == PlatformRoles.DepartmentOfficer ? PlatformScopes.Ecology : null));
        Assert.Equal(read, (await client.GetAsync(new Uri("/api/ecology/figures", UriKind.Relative))).StatusCode);
        // An empty request: a writer gets past authorization to validation (400); others stop at 403.
        Assert.Equal(write, (await client.PostAsJsonAsync(new Uri("/api/ecology/rangers", UriKind.Relative), new { })).StatusCode);
    }

    [Fact]
    public async Task The_education_bureau_reads_the_pillar_but_writes_none_of_it()
    {
        using var education = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.DepartmentOfficer, pillar: PlatformScopes.Education));
        Assert.Equal(HttpStatusCode.Forbidden, (await education.GetAsync(new Uri("/api/ecology/figures", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await education.PostAsJsonAsync(new Uri("/api/ecology/projects", UriKind.Relative), new { })).StatusCode);
    }

    [Fact]
    public async Task No_answer_carries_a_whole_id_number_or_a_birth_date()
    {
        var (township, village) = County.NewPlace();
        var head = County.Person("隐私户", 44);
        var household = await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, head));
        await fixture.QuotaAsync(Year, township, 1);
        var post = (await fixture.SelectAsync(head.MemberId, Year)).GetProperty("id").GetGuid();
        using var county = fixture.County();
        await county.PostAsJsonAsync(new Uri($"/api/ecology/rangers/{post}/pay", UriKind.Relative), new { paidOn = "2023-12-20" });

        var answers = new List<string>();
        foreach (var path in new[]
        {
            $"/api/ecology/rangers/{post}", $"/api/ecology/rangers?year={Year}&township={township}", $"/api/ecology/rangers/pay?year={Year}&township={township}",
            $"/api/ecology/households/{household.HouseholdId}",
        })
        {
            answers.Add(await county.GetStringAsync(new Uri(path, UriKind.Relative)));
        }

        var birth = head.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(answers, answer =>
        {
            Assert.DoesNotContain(head.IdNumber, answer, StringComparison.Ordinal);
            Assert.DoesNotContain(head.IdNumber[6..14], answer, StringComparison.Ordinal);
            Assert.DoesNotContain(birth, answer, StringComparison.Ordinal);
            Assert.DoesNotMatch(WholeIdNumber(), answer);
        });
        var ranger = JsonDocument.Parse(answers[0]).RootElement;
        Assert.Equal((Contracts.People.ResidentIdNumber.Mask(head.IdNumber), head.BirthDate.Year), (ranger.GetProperty("idNumber").GetString(), ranger.GetProperty("birthYear").GetInt32()));
    }

    [Fact]
    public async Task Bad_paging_and_bad_codes_are_problem_details_in_chinese()
    {
        using var county = fixture.County();
        foreach (var path in new[] { "/api/ecology/rangers?pageSize=500", "/api/ecology/rangers?status=sleeping", "/api/ecology/compensation?kind=grassland", "/api/ecology/projects?crop=durian" })
        {
            using var response = await county.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("请求参数有误", (await EcologyFixture.JsonAsync(response)).GetProperty("title").GetString());
        }
    }

    private static async Task<Figures> FiguresAsync(HttpClient client)
    {
        var json = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/ecology/figures?year={Year}", UriKind.Relative));
        return new Figures(json.GetProperty("rangers"), json.GetProperty("compensation"), json.GetProperty("projects"), json.GetProperty("householdsReached").GetInt32(), json.GetProperty("householdsList").GetString()!);
    }

    private static async Task<int> TotalAsync(HttpClient client, string path) =>
        (await client.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative))).GetProperty("total").GetInt32();

    [GeneratedRegex(@"\d{17}[\dX]")]
    private static partial Regex WholeIdNumber();

    private sealed record Figures(JsonElement Rangers, JsonElement Compensation, JsonElement Projects, int Reached, string HouseholdsList);
}
