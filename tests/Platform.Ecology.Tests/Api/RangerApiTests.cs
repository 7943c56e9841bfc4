using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.Ecology.Tests.Api;

/// <summary>Selecting, paying, patrolling, assessing and dismissing rangers over REST, against the pillar's real database and stream.</summary>
public sealed class RangerApiTests(EcologyFixture fixture) : IClassFixture<EcologyFixture>
{
    private const int Year = 2025;

    [Fact]
    public async Task An_able_member_is_selected_within_the_township_s_quota_and_the_appointment_is_announced()
    {
        var (township, village) = County.NewPlace();
        var head = County.Person("林大树", 44);
        var household = await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, head));
        await fixture.QuotaAsync(Year, township, 1);

        var post = await fixture.SelectAsync(head.MemberId, Year);

        Assert.Equal((Year, township, village, true), (post.GetProperty("year").GetInt32(), post.GetProperty("townshipCode").GetString(), post.GetProperty("villageCode").GetString(), post.GetProperty("inPost").GetBoolean()));
        Assert.Equal((Year + "-01-01", Year + "-12-31"), (post.GetProperty("startsOn").GetString(), post.GetProperty("endsOn").GetString()));
        Assert.Equal(4000m, post.GetProperty("annualPay").GetDecimal());
        Assert.Equal(household.HouseholdNumber, post.GetProperty("householdNumber").GetString());
        await Eventually.AssertAsync(
            () => Task.FromResult(fixture.Appointments.Any(a => a.MemberId == head.MemberId && a.Year == Year && a.TownshipCode == township)),
            TimeSpan.FromSeconds(30),
            "the appointment is announced");
    }

    [Fact]
    public async Task Every_refused_selection_says_why_in_chinese_and_writes_nothing()
    {
        var (township, village) = County.NewPlace();
        var able = County.Person("周青山", 40);
        var spouse = County.Person("吴秀兰", 39, "配偶");
        var old = County.Person("周老汉", 67, "之父");
        var unable = County.Person("周二", 30, "之子", labour: "none");
        var ill = County.Person("周三", 35, "之子", health: "serious");
        await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, able, spouse, old, unable, ill));
        var monitoredHead = County.Person("郑监测", 40);
        await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Monitored, monitoredHead));
        var lateComer = County.Person("冯后来", 41);
        await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, lateComer));

        // No quota for the township yet.
        await RefusedAsync(able.MemberId, "尚未下达2025年生态护林员指标");
        await fixture.QuotaAsync(Year, township, 2);
        await RefusedAsync(old.MemberId, "不超过60周岁");
        await RefusedAsync(unable.MemberId, "劳动能力为“丧失劳动力”");
        await RefusedAsync(ill.MemberId, "患大病");
        await RefusedAsync(monitoredHead.MemberId, "监测户");

        await fixture.SelectAsync(able.MemberId, Year);
        await RefusedAsync(spouse.MemberId, "每户每年限聘1名");
        await RefusedAsync(able.MemberId, "已选聘", HttpStatusCode.BadRequest);
        await fixture.SelectAsync(lateComer.MemberId, Year);
        var third = County.Person("陈满员", 42);
        await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, third));
        await RefusedAsync(third.MemberId, "指标已满（2个，在岗2人）");

        async Task RefusedAsync(Guid memberId, string reason, HttpStatusCode status = HttpStatusCode.BadRequest)
        {
            var before = await fixture.RowsAsync();
            using var county = fixture.County();
            using var response = await county.PostAsJsonAsync(new Uri("/api/ecology/rangers", UriKind.Relative), new { memberId, year = Year });
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await EcologyFixture.JsonAsync(response);
            Assert.Equal("请求参数有误", problem.GetProperty("title").GetString());
            Assert.Contains(reason, problem.GetProperty("errors").GetProperty("memberId")[0].GetString(), StringComparison.Ordinal);
            Assert.Equal(before, await fixture.RowsAsync());
        }
    }

    [Fact]
    public async Task The_last_post_of_a_quota_goes_to_one_of_two_simultaneous_selections()
    {
        var (township, village) = County.NewPlace();
        var people = Enumerable.Range(0, 6).Select(i => County.Person("竞聘" + i, 30 + i)).ToList();
        foreach (var person in people)
        {
            await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, person));
        }

        await fixture.QuotaAsync(Year, township, 1);
        var answers = await Task.WhenAll(people.Select(async person =>
        {
            using var county = fixture.County();
            using var response = await county.PostAsJsonAsync(new Uri("/api/ecology/rangers", UriKind.Relative), new { memberId = person.MemberId, year = Year });
            return response.StatusCode;
        }));

        Assert.Equal(1, answers.Count(a => a == HttpStatusCode.Created));
        Assert.All(answers.Where(a => a != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.BadRequest, a));
        using var county = fixture.County();
        var quota = (await county.GetFromJsonAsync<JsonElement>(new Uri($"/api/ecology/rangers/quotas?year={Year}", UriKind.Relative))).EnumerateArray().Single(q => q.GetProperty("townshipCode").GetString() == township);
        Assert.Equal((1, 1, 0), (quota.GetProperty("posts").GetInt32(), quota.GetProperty("inPost").GetInt32(), quota.GetProperty("vacancies").GetInt32()));
    }

    [Fact]
    public async Task A_quota_is_the_county_s_to_set_and_never_under_the_rangers_in_post()
    {
        var (township, village) = County.NewPlace();
        var head = County.Person("钱守林", 50);
        await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, head));
        using var townshipOfficer = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.TownshipOfficer, township: township));
        using (var refused = await townshipOfficer.PutAsJsonAsync(new Uri($"/api/ecology/rangers/quotas/{Year}/{township}", UriKind.Relative), new { posts = 5 }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        await fixture.QuotaAsync(Year, township, 1);
        await fixture.SelectAsync(head.MemberId, Year);
        using var county = fixture.County();
        using var lowered = await county.PutAsJsonAsync(new Uri($"/api/ecology/rangers/quotas/{Year}/{township}", UriKind.Relative), new { posts = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, lowered.StatusCode);
        Assert.Contains("不能少于在岗护林员人数（1人）", (await EcologyFixture.JsonAsync(lowered)).GetProperty("errors").GetProperty("posts")[0].GetString(), StringComparison.Ordinal);
        using var badYear = await county.PutAsJsonAsync(new Uri($"/api/ecology/rangers/quotas/2013/{township}", UriKind.Relative), new { posts = 3 });
        Assert.Equal(HttpStatusCode.BadRequest, badYear.StatusCode);
    }

    [Fact]
    public async Task A_year_s_pay_is_the_household_s_wage_income_once_however_often_it_is_sent()
    {
        var (township, village) = County.NewPlace();
        var head = County.Person("孙护林", 45);
        var household = await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Exited, head));
        await fixture.QuotaAsync(Year, township, 3);
        var post = (await fixture.SelectAsync(head.MemberId, Year)).GetProperty("id").GetGuid();

        using var county = fixture.County();
        JsonElement paid;
        using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/ecology/rangers/{post}/pay", UriKind.Relative)) { Content = JsonContent.Create(new { paidOn = "2025-12-25" }) })
        {
            request.Headers.Add("Idempotency-Key", "pay-" + post);
            using var response = await county.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            paid = await EcologyFixture.JsonAsync(response);
        }

        Assert.Equal(4000m, paid.GetProperty("paid").GetDecimal());
        // A retry with the same key is the same answer; a second payment is refused.
        using (var retry = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/ecology/rangers/{post}/pay", UriKind.Relative)) { Content = JsonContent.Create(new { paidOn = "2025-12-25" }) })
        {
            retry.Headers.Add("Idempotency-Key", "pay-" + post);
            using var response = await county.SendAsync(retry);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        using (var again = await county.PostAsJsonAsync(new Uri($"/api/ecology/rangers/{post}/pay", UriKind.Relative), new { }))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Contains("不能重复发放", (await EcologyFixture.JsonAsync(again)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, await fixture.DrainAsync());
        var income = Assert.Single(fixture.Incomes, i => i.HouseholdId == household.HouseholdId);
        Assert.Equal((IncomeKind.Wage, 4000m, Year, true, Pillar.Ecology, head.MemberId), (income.Kind, income.Amount, income.Year, income.CountsTowardExit, income.Source, income.MemberId!.Value));
        Assert.Equal("生态护林员2025年工资", income.Description);
        var payList = await county.GetFromJsonAsync<JsonElement>(new Uri($"/api/ecology/rangers/pay?year={Year}&township={township}", UriKind.Relative));
        Assert.Equal(income.SourceRecordId, Assert.Single(payList.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Patrols_are_one_a_day_in_post_and_never_in_the_future()
    {
        var (township, village) = County.NewPlace();
        var head = County.Person("赵巡山", 38);
        await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, head));
        await fixture.QuotaAsync(Year, township, 1);
        var post = (await fixture.SelectAsync(head.MemberId, Year)).GetProperty("id").GetGuid();
        using var county = fixture.County();
        var path = new Uri($"/api/ecology/rangers/{post}/patrols", UriKind.Relative);

        using (var first = await county.PostAsJsonAsync(path, new { patrolledOn = "2025-05-04", hours = 5.5, distanceKm = 14.2, findings = "发现一处火灾隐患，已清理" }))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using (var twice = await county.PostAsJsonAsync(path, new { patrolledOn = "2025-05-04" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        }

        using (var outside = await county.PostAsJsonAsync(path, new { patrolledOn = "2026-01-02" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
            Assert.Contains("在岗期间", (await EcologyFixture.JsonAsync(outside)).GetProperty("errors").GetProperty("patrolledOn")[0].GetString(), StringComparison.Ordinal);
        }

        var patrols = await county.GetFromJsonAsync<JsonElement>(path);
        Assert.Equal(1, patrols.GetProperty("total").GetInt32());
        Assert.Equal(1, (await county.GetFromJsonAsync<JsonElement>(new Uri($"/api/ecology/rangers/{post}", UriKind.Relative))).GetProperty("patrols").GetInt32());
    }

    [Fact]
    public async Task An_unqualified_assessment_dismisses_the_ranger_opens_a_vacancy_and_bars_the_next_year()
    {
        var (township, village) = County.NewPlace();
        var head = County.Person("王懒散", 36);
        await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, head));
        await fixture.QuotaAsync(Year, township, 1);
        await fixture.QuotaAsync(Year + 1, township, 1);
        var post = (await fixture.SelectAsync(head.MemberId, Year)).GetProperty("id").GetGuid();
        using var county = fixture.County();

        using (var early = await county.PostAsJsonAsync(new Uri($"/api/ecology/rangers/{post}/assessment", UriKind.Relative), new { grade = "unqualified", assessedOn = "2025-11-20" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        }

        using (var assessed = await county.PostAsJsonAsync(new Uri($"/api/ecology/rangers/{post}/assessment", UriKind.Relative), new { grade = "unqualified", assessedOn = "2025-12-15", note = "全年巡护不足30天" }))
        {
            Assert.Equal(HttpStatusCode.OK, assessed.StatusCode);
            var body = await EcologyFixture.JsonAsync(assessed);
            Assert.Equal(("unqualified", false, "dismissed", "2025-12-15"), (body.GetProperty("grade").GetString(), body.GetProperty("inPost").GetBoolean(), body.GetProperty("endReason").GetString(), body.GetProperty("endedOn").GetString()));
        }

        var vacant = await county.GetFromJsonAsync<JsonElement>(new Uri($"/api/ecology/rangers/quotas?year={Year}&vacant=true", UriKind.Relative));
        Assert.Contains(vacant.EnumerateArray(), q => q.GetProperty("townshipCode").GetString() == township && q.GetProperty("vacancies").GetInt32() == 1);
        await Eventually.AssertAsync(() => Task.FromResult(fixture.PostsEnded.Any(e => e.PostId == post)), TimeSpan.FromSeconds(30), "the post's end is announced");

        using var nextYear = await county.PostAsJsonAsync(new Uri("/api/ecology/rangers", UriKind.Relative), new { memberId = head.MemberId, year = Year + 1 });
        Assert.Equal(HttpStatusCode.BadRequest, nextYear.StatusCode);
        Assert.Contains("2025年度考核不合格，不得续聘", (await EcologyFixture.JsonAsync(nextYear)).GetProperty("errors").GetProperty("memberId")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dismissal_or_resignation_ends_the_post_once_and_a_new_ranger_fills_the_vacancy()
    {
        var (township, village) = County.NewPlace();
        var first = County.Person("刘辞职", 33);
        var next = County.Person("李接任", 34);
        await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, first));
        await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, next));
        await fixture.QuotaAsync(Year, township, 1);
        var post = (await fixture.SelectAsync(first.MemberId, Year)).GetProperty("id").GetGuid();
        using var county = fixture.County();

        using (var badReason = await county.PostAsJsonAsync(new Uri($"/api/ecology/rangers/{post}/dismissal", UriKind.Relative), new { reason = "died", on = "2025-07-01" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badReason.StatusCode);
        }

        using (var resigned = await county.PostAsJsonAsync(new Uri($"/api/ecology/rangers/{post}/dismissal", UriKind.Relative), new { reason = "resigned", on = "2025-07-01", note = "外出务工" }))
        {
            Assert.Equal(HttpStatusCode.OK, resigned.StatusCode);
        }

        using (var twice = await county.PostAsJsonAsync(new Uri($"/api/ecology/rangers/{post}/dismissal", UriKind.Relative), new { reason = "dismissed", on = "2025-07-02" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        }

        var successor = await fixture.SelectAsync(next.MemberId, Year, startsOn: "2025-07-02");
        Assert.Equal("2025-07-02", successor.GetProperty("startsOn").GetString());
        Assert.Equal(2000m, successor.GetProperty("payDue").GetDecimal());
        var resignedPost = await county.GetFromJsonAsync<JsonElement>(new Uri($"/api/ecology/rangers/{post}", UriKind.Relative));
        Assert.Equal(2333.33m, resignedPost.GetProperty("payDue").GetDecimal());
    }
}
