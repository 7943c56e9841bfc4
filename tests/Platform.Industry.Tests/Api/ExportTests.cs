using System.Net;
using System.Net.Http.Json;
using Platform.Contracts.People;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.Industry.Tests.Api;

/// <summary>The exports of the industry lists: the list's rows as the caller sees them (a village cadre: its village only), ID numbers masked.</summary>
public sealed class ExportTests(IndustryFixture fixture) : IClassFixture<IndustryFixture>
{
    private const string Village = "420325001041";
    private const string OtherVillage = "420325001042";
    private const string SeekerVillage = "420325001043";
    private const string SeekersOtherVillage = "420325001044";

    [Fact]
    public async Task A_village_cadre_s_project_income_base_and_coverage_exports_hold_its_village_only_with_masked_numbers()
    {
        var grower = Registry.Member("配偶", 44, "导出甲");
        var stranger = Registry.Member("配偶", 45, "导出乙");
        var here = await fixture.RegisterAsync(Village, others: [grower]);
        var there = await fixture.RegisterAsync(OtherVillage, others: [stranger]);
        using var county = fixture.County();
        foreach (var (member, village) in new[] { (grower, Village), (stranger, OtherVillage) })
        {
            await Created(county, "/api/industry/projects", new { memberId = member.MemberId, industry = "herbs", model = "herbs-three-gold", description = "种植天麻", scale = 2m, year = 2020, policy = "planting" });
            await Created(county, "/api/industry/bases", new { code = "EX-" + Guid.NewGuid().ToString("N")[..8], name = "导出基地" + village, industry = "tea", villageCode = village, areaMu = 120m });
        }

        using var cadre = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: Village));

        var projects = await Workbooks.ReadAsync(cadre, "/api/industry/projects/export?year=2020");
        var project = Assert.Single(projects);
        Assert.Equal((here.HouseholdNumber, grower.Name, ResidentIdNumber.Mask(grower.IdNumber), "600"), (project["户编号"]?.ToString(), project["成员"]?.ToString(), project["身份证号"]?.ToString(), project["奖补金额"]?.ToString()));

        // The subsidy is the household's transfer income: the income export holds it, and nothing of the other village.
        var income = await Workbooks.ReadAsync(cadre, "/api/industry/income/export?year=2020");
        Assert.Equal([here.HouseholdNumber], income.Select(r => r["户编号"]?.ToString()));
        Assert.Equal(("转移性收入", "产业奖补", "否"), (income[0]["收入类型"]?.ToString(), income[0]["来源"]?.ToString(), income[0]["计入稳定收入"]?.ToString()));

        var bases = await Workbooks.ReadAsync(cadre, "/api/industry/bases/export");
        Assert.Equal(["导出基地" + Village], bases.Select(r => r["名称"]?.ToString()));

        var coverage = await Workbooks.ReadAsync(cadre, "/api/industry/households/export");
        Assert.Equal([here.HouseholdNumber], coverage.Select(r => r["户编号"]?.ToString()));
        Assert.Equal(("是", "1"), (coverage[0]["已覆盖"]?.ToString(), coverage[0]["产业项目数"]?.ToString()));

        foreach (var rows in new[] { projects, income, bases, coverage })
        {
            Workbooks.AssertNoWholeIdNumber(rows);
        }

        // The other village's household asked for by id is not found, as in the list: no file.
        using var outside = await cadre.GetAsync(new Uri($"/api/industry/income/export?household={there.HouseholdId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }

    [Fact]
    public async Task A_village_cadre_s_job_seeker_work_list_and_sales_exports_hold_the_list_s_rows_of_its_village_only()
    {
        // Villages of their own: the other test's exports count every household of its village.
        var seeker = Registry.Member("之子", 23, "求职甲");
        var stranger = Registry.Member("之子", 24, "求职乙");
        var here = await fixture.RegisterAsync(SeekerVillage, status: Platform.Contracts.Households.HouseholdStatus.Exited, others: [seeker]);
        var there = await fixture.RegisterAsync(SeekersOtherVillage, others: [stranger]);
        var trade = "导出工种" + Guid.NewGuid().ToString("N")[..6];
        foreach (var (household, member) in new[] { (here, seeker), (there, stranger) })
        {
            var completed = new Platform.Contracts.Education.TrainingCompleted
            {
                EventId = Guid.NewGuid(), HouseholdId = household.HouseholdId, OccurredAt = DateTimeOffset.UtcNow, MemberId = member.MemberId, EnrolmentId = Guid.NewGuid(),
                CourseId = Guid.NewGuid(), CourseName = "城关镇电工培训班", Trade = trade, TownshipCode = "420325001", CompletedOn = Registry.Today.AddDays(-5),
            };
            await fixture.PublishAsync(completed);
        }

        var flag = Guid.NewGuid();
        await fixture.PublishAsync(new Platform.Contracts.Households.MonitoringFlagRaised
        {
            EventId = Guid.NewGuid(), HouseholdId = here.HouseholdId, OccurredAt = DateTimeOffset.UtcNow, FlagId = flag, Category = Platform.Contracts.Households.MonitoringCategory.UnstableExited,
            Trigger = Platform.Contracts.Households.MonitoringTrigger.LargeExpense, RaisedOn = Registry.Today, Reason = "住院自付 8,000 元",
        });
        using var county = fixture.County();
        await Created(county, "/api/industry/sales", new
        {
            product = "房县黄酒", channel = "public-procurement", buyer = "导出食堂", soldOn = "2020-09-15", amount = 5000m,
            shares = new[] { new { householdId = here.HouseholdId, amount = 1800m }, new { householdId = there.HouseholdId, amount = 1200m } },
        });
        using var cadre = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: SeekerVillage));

        // 就业匹配名单: the cadre's trainee, masked, not the other village's; exactly the list's rows, in its order.
        await Eventually.AssertAsync(
            async () => (await IndustryFixture.GetJsonAsync(county, $"/api/industry/job-matching/candidates?trade={trade}")).GetProperty("total").GetInt64() == 2,
            TimeSpan.FromSeconds(30),
            "both trainees are candidates");
        var seekers = await Workbooks.ReadAsync(cadre, $"/api/industry/job-matching/candidates/export?trade={trade}");
        var mine = Assert.Single(seekers);
        Assert.Equal((seeker.Name, ResidentIdNumber.Mask(seeker.IdNumber), SeekerVillage, trade), (mine["姓名"]?.ToString(), mine["身份证号"]?.ToString(), mine["行政村代码"]?.ToString(), mine["培训工种"]?.ToString()));
        var allSeekers = await Workbooks.ReadAsync(cadre, "/api/industry/job-matching/candidates/export");
        var listedSeekers = await IndustryFixture.GetJsonAsync(cadre, "/api/industry/job-matching/candidates?pageSize=200");
        Assert.Equal(listedSeekers.GetProperty("total").GetInt64(), allSeekers.Count);
        Assert.Equal(listedSeekers.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("member").GetProperty("idNumber").GetString()), allSeekers.Select(r => r["身份证号"]?.ToString()));
        Assert.All(allSeekers, r => Assert.Equal(SeekerVillage, r["行政村代码"]?.ToString()));

        // 产业帮扶工作清单: the flagged household, as many rows as the list counts.
        await Eventually.AssertAsync(
            async () => (await IndustryFixture.GetJsonAsync(cadre, "/api/industry/work-list?open=true&pageSize=200")).GetProperty("items").EnumerateArray().Any(e => e.GetProperty("flagId").GetGuid() == flag),
            TimeSpan.FromSeconds(30),
            "the household is on the work list");
        var work = await Workbooks.ReadAsync(cadre, "/api/industry/work-list/export?open=true");
        Assert.Equal((await IndustryFixture.GetJsonAsync(cadre, "/api/industry/work-list?open=true&pageSize=1")).GetProperty("total").GetInt64(), work.Count);
        Assert.Contains(work, r => r["户编号"]?.ToString() == here.HouseholdNumber && r["原因"]?.ToString() == "住院自付 8,000 元");
        Assert.All(work, r => Assert.Equal(SeekerVillage, r["行政村代码"]?.ToString()));

        // 消费扶贫: the sale with only what the cadre's households had of it.
        var sales = await Workbooks.ReadAsync(cadre, "/api/industry/sales/export?year=2020");
        Assert.Equal((await IndustryFixture.GetJsonAsync(cadre, "/api/industry/sales?year=2020&pageSize=1")).GetProperty("total").GetInt64(), sales.Count);
        Assert.Contains(sales, r => r.Values.Any(v => v?.ToString() == "导出食堂") && r.Values.Any(v => v?.ToString() == "1800"));
        Assert.DoesNotContain(sales, r => r.Values.Any(v => v?.ToString() == "3000"));

        foreach (var rows in new[] { seekers, allSeekers, work, sales })
        {
            Workbooks.AssertNoWholeIdNumber(rows);
        }
    }

    private static async Task Created(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {await response.Content.ReadAsStringAsync()}");
    }
}
