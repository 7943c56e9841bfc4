using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Platform.EndToEnd.Tests.Portal;

/// <summary>
/// The four pillars' pages (产业就业, 易地搬迁, 生态补偿, 社会保障兜底): each figures page shows the service's figures and each
/// number opens the list it counts; lists, one record, an export; a household's 360 view holds every pillar's records;
/// the actions a role may take and no others; a village cadre sees nothing of another village.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class PillarTests(PortalFixture portal)
{
    private readonly PortalApi api = new(portal);

    private static long Number(string text) => long.Parse(text.Trim().Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    private static async Task<long> FigureAsync(IPage page, string name) => Number(await page.Locator($"[data-figure='{name}']").First.InnerTextAsync());

    private static long Long(JsonElement json, params string[] path) => path.Aggregate(json, (e, p) => e.GetProperty(p)).GetInt64();

    /// <summary>Each figure the page shows (its data-figure name) and where the service's answer has it.</summary>
    private static Dictionary<string, long> Expected(string pillar, JsonElement f) => pillar switch
    {
        "industry" => new()
        {
            ["industry-covered"] = Long(f, "coverage", "coveredHouseholds"),
            ["industry-lifted"] = Long(f, "coverage", "liftedByIndustry"),
            ["industry-bases"] = Long(f, "bases", "bases"),
            ["industry-new-entities"] = Long(f, "entities", "newMarketEntities"),
            ["industry-projects"] = Long(f, "projects", "projects"),
            ["industry-workshops"] = Long(f, "jobs", "workshops"),
            ["industry-workshop-workers"] = Long(f, "jobs", "workshopWorkers"),
            ["industry-posts"] = Long(f, "jobs", "publicWelfarePosts"),
            ["industry-transferred"] = Long(f, "jobs", "labourTransferred"),
            ["industry-open-tasks"] = Long(f, "jobs", "openMatchingTasks"),
            ["industry-sales"] = Long(f, "consumption", "sales"),
            ["industry-work-list"] = Long(f, "workListOpen"),
        },
        "relocation" => new()
        {
            ["relocation-sites"] = Long(f, "sites", "total"),
            ["relocation-sites-equipped"] = Long(f, "sites", "fullyEquipped"),
            ["relocation-moved-households"] = Long(f, "relocated", "households"),
            ["relocation-moved-people"] = Long(f, "relocated", "people"),
            ["relocation-made-safe"] = Long(f, "housing", "madeSafe", "households"),
            ["relocation-toilets"] = Long(f, "housing", "toilets", "count"),
            ["relocation-water-passed"] = Long(f, "water", "latestTestPassed", "count"),
            ["relocation-water-failed"] = Long(f, "water", "latestTestFailed", "count"),
            ["relocation-water-untested"] = Long(f, "water", "notTested", "count"),
            ["relocation-safe-housing-met"] = f.GetProperty("guarantees").EnumerateArray().Single(g => g.GetProperty("guarantee").GetString() == "safe-housing").GetProperty("met").GetInt64(),
            ["relocation-safe-drinking-water-not-met"] = f.GetProperty("guarantees").EnumerateArray().Single(g => g.GetProperty("guarantee").GetString() == "safe-drinking-water").GetProperty("notMet").GetInt64(),
        },
        "ecology" => new()
        {
            ["ecology-rangers"] = Long(f, "rangers", "inPost"),
            ["ecology-ended"] = Long(f, "rangers", "ended"),
            ["ecology-paid"] = Long(f, "rangers", "paid"),
            ["ecology-compensation"] = Long(f, "compensation", "households"),
            ["ecology-projects"] = Long(f, "projects", "projects"),
            ["ecology-project-households"] = Long(f, "projects", "households"),
            ["ecology-reached"] = Long(f, "householdsReached"),
        },
        "welfare" => new()
        {
            ["welfare-minimum-living-households"] = f.GetProperty("assistance").GetProperty("categories").EnumerateArray().Single(c => c.GetProperty("category").GetString() == "minimum-living").GetProperty("households").GetInt64(),
            ["welfare-extreme-poverty-people"] = f.GetProperty("assistance").GetProperty("categories").EnumerateArray().Single(c => c.GetProperty("category").GetString() == "extreme-poverty").GetProperty("people").GetInt64(),
            ["welfare-gaps"] = Long(f, "assistance", "conditions", "notEnrolled"),
            ["welfare-qualifying"] = Long(f, "assistance", "conditions", "qualifying"),
            ["welfare-uninsured"] = Long(f, "insurance", "people") - Long(f, "insurance", "insured"),
            ["welfare-guarantee-met"] = Long(f, "insurance", "guaranteeMet"),
            ["welfare-claims"] = Long(f, "claims", "claims"),
            ["welfare-large-expenses"] = Long(f, "claims", "largeExpenses"),
            ["welfare-certificates"] = Long(f, "certificates", "active"),
            ["welfare-deliveries"] = Long(f, "certificates", "deliveriesThisYear"),
            ["welfare-disabled"] = Long(f, "disabilities", "people"),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(pillar)),
    };

    /// <summary>The figure each pillar's test clicks, the list page it must open, and the list's filter in the API's answer.</summary>
    public static TheoryData<string, string, string> Pillars => new()
    {
        { "industry", "industry-new-entities", "/industry/entities?newMarketEntity=true" },
        { "relocation", "relocation-moved-households", "/relocation/cases?movedIn=true" },
        { "ecology", "ecology-rangers", "/ecology/rangers?year=" },
        { "welfare", "welfare-claims", "/welfare/claims?year=" },
    };

    [Theory]
    [MemberData(nameof(Pillars))]
    public async Task A_pillar_s_figures_page_shows_the_service_s_figures_and_a_figure_opens_the_records_it_counts(string pillar, string figure, string list)
    {
        foreach (var user in new[] { "officer", "village" })
        {
            var figures = await api.GetAsync(user, $"/api/{pillar}/figures");
            await using var browsing = await Browsing.SignedInAsync(portal, user, $"{pillar}-figures-{user}");
            var page = browsing.Page;
            await browsing.GoAsync($"/{pillar}");
            await page.Locator($".{pillar}-figures[data-figures-ready=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
            foreach (var (name, value) in Expected(pillar, figures))
            {
                Assert.True(value == await FigureAsync(page, name), $"{user}: {name} shows {await FigureAsync(page, name)}, the service says {value}");
            }

            Assert.True(await page.Locator($".{pillar}-figures canvas").CountAsync() >= 1, "the chart is drawn");
            await browsing.ShotAsync("figures");

            // The figure opens the list of exactly the records it counts (the list's total, as the service counts them).
            var shown = await FigureAsync(page, figure);
            await page.ClickAsync($"[data-figure='{figure}']");
            await page.WaitForAddressAsync(PageAddress.Holding(list));
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await Microsoft.Playwright.Assertions.Expect(page.Locator("#list-total")).ToHaveTextAsync(shown.ToString(CultureInfo.InvariantCulture));
            await browsing.ShotAsync("drill-down");
        }
    }

    [Fact]
    public async Task Lists_open_one_record_each_with_only_the_actions_the_role_may_take()
    {
        var household = portal.EveryPillar;
        await using var officer = await Browsing.SignedInAsync(portal, "officer", "pillar-records");
        var page = officer.Page;

        // 易地搬迁: the household's case from the village's list; county staff may record its next step.
        await officer.GoAsync($"/relocation/cases?village={portal.Village}&step=planned");
        await page.Locator("#cases-table .case-link", new PageLocatorOptions { HasText = household.Number }).ClickAsync();
        await page.WaitForAddressAsync(PageAddress.EndingIn($"/relocation/cases/{household.RelocationCase}"));
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#case-step")).ToHaveTextAsync("纳入搬迁计划");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#next-step")).ToHaveTextAsync("分配安置房");
        await officer.ShotAsync("relocation-case");
        await page.ClickAsync("#next-step");
        await page.FillAsync("#step-unit", "3栋2单元501");
        await page.Locator(".el-input-number input:visible").FillAsync("60");
        await page.ClickAsync("#confirm-step");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#case-step")).ToHaveTextAsync("已分配安置房");
        var allocated = await api.GetAsync("officer", $"/api/relocation/cases/{household.RelocationCase}");
        Assert.Equal(("3栋2单元501", 60), (allocated.GetProperty("housingUnit").GetString(), allocated.GetProperty("floorArea").GetInt32()));
        await officer.ShotAsync("relocation-allocated");

        // 生态补偿: the ranger from the township's list; county staff record a patrol, and it is listed.
        await officer.GoAsync($"/ecology/rangers?year={household.RangerYear}&township={portal.Township}&status=in-post");
        await page.Locator("#rangers-table .ranger-link", new PageLocatorOptions { HasText = household.HeadName }).First.ClickAsync();
        await page.WaitForAddressAsync(PageAddress.EndingIn($"/ecology/rangers/{household.RangerPost}"));
        Assert.Contains(household.HeadName, await page.InnerTextAsync("#ranger-facts"), StringComparison.Ordinal);
        await page.ClickAsync("#add-patrol");
        await page.FillAsync("#patrol-findings", "巡护中发现一处火灾隐患，已清理");
        await page.ClickAsync("#confirm-patrol");
        await page.Locator("#patrols-table tbody tr", new PageLocatorOptions { HasText = "火灾隐患" }).WaitForAsync();
        var patrols = await api.GetAsync("officer", $"/api/ecology/rangers/{household.RangerPost}/patrols");
        Assert.Equal(1, patrols.GetProperty("total").GetInt32());
        await officer.ShotAsync("ranger-patrolled");
        await page.ClickAsync("#assess");
        await page.ClickAsync("#confirm-assessment");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#ranger-grade")).ToContainTextAsync("合格");
        Assert.Equal("qualified", (await api.GetAsync("officer", $"/api/ecology/rangers/{household.RangerPost}")).GetProperty("grade").GetString());

        // 社会保障: the claim from the list, each layer of its reimbursement.
        await officer.GoAsync($"/welfare/claims?householdId={household.Id}");
        await page.Locator($"#claims-table a[href='/welfare/claims/{household.Claim}']").ClickAsync();
        await page.WaitForAddressAsync(PageAddress.EndingIn($"/welfare/claims/{household.Claim}"));
        var claim = await api.GetAsync("officer", $"/api/welfare/claims/{household.Claim}");
        await page.Locator("#claim-layers tbody tr").First.WaitForAsync();
        Assert.Equal(claim.GetProperty("layers").GetArrayLength(), await page.Locator("#claim-layers tbody tr").CountAsync());
        Assert.Contains(claim.GetProperty("reimbursed").GetDecimal().ToString("N2", CultureInfo.GetCultureInfo("zh-CN")), await page.InnerTextAsync("#claim-reimbursed"), StringComparison.Ordinal);
        await officer.ShotAsync("welfare-claim");

        // 低保: an enrolment of the township from its list, which county staff end (停保) with the reason.
        var ending = (await api.GetAsync("officer", $"/api/welfare/assistance/enrolments?township={portal.Township}&pageSize=20")).GetProperty("items").EnumerateArray()
            .First(e => e.GetProperty("householdId").GetGuid() != household.Id);
        await officer.GoAsync($"/welfare/assistance?township={portal.Township}");
        await page.Locator($"#enrolments-table a[href='/welfare/assistance/{ending.GetProperty("id").GetString()}']").ClickAsync();
        await page.Locator("#end-enrolment").WaitForAsync();
        Assert.Equal("在保", (await page.InnerTextAsync("#enrolment-status")).Trim());
        await page.ClickAsync("#end-enrolment");
        await page.FillAsync("#ending-reason", "家庭收入已超过低保标准");
        await page.ClickAsync("#confirm-ending");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#enrolment-status")).ToContainTextAsync("停保：家庭收入已超过低保标准");
        Assert.Equal(0, await page.Locator("#end-enrolment").CountAsync());
        await officer.ShotAsync("welfare-enrolment-ended");

        // 就业匹配: a relocated household's open task, ended by hand with the reason.
        await officer.GoAsync("/work/job-matching?open=true");
        await page.Locator("#matching-tasks-table .task-link").First.ClickAsync();
        await page.Locator("#close-task").ClickAsync();
        await page.FillAsync("#closure-note", "本人年老体弱，无外出务工意愿");
        await page.ClickAsync("#confirm-closure");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#task-state")).ToContainTextAsync("无就业意愿：本人年老体弱，无外出务工意愿");
        await officer.ShotAsync("job-matching-closed");

        // 产业就业: an entity of the village from its list.
        var entities = await api.GetAsync("officer", $"/api/industry/entities?township={portal.Township}&pageSize=1");
        var entity = entities.GetProperty("items")[0];
        await officer.GoAsync($"/industry/entities?township={portal.Township}");
        await page.Locator("#entities-table .entity-link").First.ClickAsync();
        await page.WaitForAddressAsync(PageAddress.EndingIn($"/industry/entities/{entity.GetProperty("id").GetString()}"));
        Assert.Contains(entity.GetProperty("code").GetString()!, await page.InnerTextAsync("#entity-facts"), StringComparison.Ordinal);
        await officer.ShotAsync("industry-entity");

        // An auditor reads the same records and is offered no action.
        await using var auditor = await Browsing.SignedInAsync(portal, "auditor", "pillar-records-auditor");
        foreach (var (path, ready) in new[]
        {
            ($"/relocation/cases/{household.RelocationCase}", "#case-facts"),
            ($"/ecology/rangers/{household.RangerPost}", "#ranger-facts"),
            ($"/welfare/assistance/{household.Enrolment}", "#enrolment-facts"),
        })
        {
            await auditor.GoAsync(path);
            await auditor.Page.Locator(ready).WaitForAsync();
            Assert.Equal(0, await auditor.Page.Locator(".page-title button").CountAsync());
        }

        await auditor.ShotAsync("no-actions");
    }

    [Fact]
    public async Task The_360_view_shows_the_household_s_records_in_every_pillar()
    {
        var household = portal.EveryPillar;
        await using var browsing = await Browsing.SignedInAsync(portal, "village", "household-every-pillar");
        var page = browsing.Page;
        await browsing.OpenHouseholdAsync(household.Id);
        await page.Locator("#household-students", new PageLocatorOptions { HasText = household.ChildName }).WaitForAsync();

        // 教育: the student, this term's aid, the head's course (each its own answer: waited for, not read at once).
        await page.Locator(".household-education", new PageLocatorOptions { HasText = household.AidPolicyName }).WaitForAsync();
        await page.Locator("#household-training", new PageLocatorOptions { HasText = household.CourseName }).WaitForAsync();
        // 产业就业: the head's public-welfare post.
        await page.Locator("#household-jobs", new PageLocatorOptions { HasText = household.Employer }).WaitForAsync();
        // 易地搬迁: the relocation case.
        await page.Locator("#household-relocation-case", new PageLocatorOptions { HasText = "分散安置" }).WaitForAsync();
        // 生态补偿: the ranger post.
        await page.Locator("#household-rangers", new PageLocatorOptions { HasText = household.HeadName }).WaitForAsync();
        // 社会保障: 低保 and the spouse's claim.
        await page.Locator("#household-assistance", new PageLocatorOptions { HasText = "农村最低生活保障" }).WaitForAsync();
        await page.Locator("#household-claims", new PageLocatorOptions { HasText = household.Hospital }).WaitForAsync();
        Assert.Contains(household.SpouseName, await page.InnerTextAsync("#household-claims"), StringComparison.Ordinal);

        // The sections in the order of 五个一批, each once, then the exit, monitoring and the household's helpers (结对帮扶).
        var sections = await page.Locator("[data-section]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.section)");
        Assert.Equal(["income", "industry", "relocation", "ecology", "education", "welfare", "exit", "monitoring", "helpers"], sections);
        await browsing.ShotAsync("household");
    }

    [Fact]
    public async Task A_pillar_list_exports_to_Excel_with_the_list_s_rows_and_masked_numbers()
    {
        var year = (await api.GetAsync("township", "/api/ecology/figures")).GetProperty("year").GetInt32();
        var expected = await api.GetAsync("township", $"/api/ecology/rangers?year={year}&pageSize=200");
        await using var browsing = await Browsing.SignedInAsync(portal, "township", "pillar-export");
        var page = browsing.Page;
        await browsing.GoAsync($"/ecology/rangers?year={year}");
        await page.Locator("#rangers-table .ranger-link").First.WaitForAsync();
        var (fileName, rows) = await browsing.ExportAsync();
        Assert.StartsWith("生态护林员", fileName, StringComparison.Ordinal);
        var items = expected.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(expected.GetProperty("total").GetInt32(), rows.Count);
        Assert.Equal(items.Select(i => i.GetProperty("name").GetString()), rows.Select(r => r["姓名"]?.ToString()));
        Assert.Equal(items.Select(i => i.GetProperty("idNumber").GetString()), rows.Select(r => r["身份证号"]?.ToString()));
        Assert.All(rows, r => Assert.Matches(MaskedIdNumber(), r["身份证号"]!.ToString()!));
        Assert.All(rows, r => Assert.StartsWith(portal.Township, r["行政村代码"]!.ToString()!, StringComparison.Ordinal));

        var audit = await api.GetAsync("admin", "/api/audit?subject=township&action=EXPORT&resource=ranger-post");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("detail").GetString()!.Contains($"{rows.Count} 行", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_made_safe_houses_export_to_Excel_with_Chinese_headers_and_the_page_s_total()
    {
        var expected = await api.GetAsync("township", "/api/relocation/housing/made-safe?by=relocation&pageSize=200");
        var total = expected.GetProperty("total").GetInt32();
        Assert.True(total > 0, "the township has households made safe by relocation");
        await using var browsing = await Browsing.SignedInAsync(portal, "township", "made-safe-export");
        await browsing.GoAsync("/relocation/housing/made-safe?by=relocation");
        await Microsoft.Playwright.Assertions.Expect(browsing.Page.Locator("#list-total")).ToHaveTextAsync(total.ToString(CultureInfo.InvariantCulture));
        var (fileName, rows) = await browsing.ExportAsync();
        Assert.StartsWith("住房安全保障户", fileName, StringComparison.Ordinal);
        Assert.Equal(total, rows.Count);
        Assert.Equal(["保障方式", "户编号", "户主", "身份证号", "建档立卡户", "行政村代码", "日期"], rows[0].Keys);
        Assert.All(rows, r => Assert.Equal("易地搬迁（集中安置）", r["保障方式"]?.ToString()));
        var firstPage = expected.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("householdNumber").GetString()).ToList();
        Assert.Equal(firstPage, rows.Take(firstPage.Count).Select(r => r["户编号"]?.ToString()));
        Assert.All(rows, r => Assert.StartsWith(portal.Township, r["行政村代码"]!.ToString()!, StringComparison.Ordinal));

        var audit = await api.GetAsync("admin", "/api/audit?subject=township&action=EXPORT&resource=made-safe");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("detail").GetString()!.Contains($"{rows.Count} 行", StringComparison.Ordinal));
    }

    /// <summary>
    /// The work lists' exports (job matching, the housing and water guarantees, 应保尽保): each workbook holds the list's
    /// households in the list's order, within the township's scope, and the export is in the audit log.
    /// </summary>
    [Theory]
    [InlineData("/work/job-matching", "/api/industry/job-matching/tasks", "job-matching-task")]
    [InlineData("/relocation/guarantees", "/api/relocation/guarantees", "household-guarantee")]
    [InlineData("/welfare/qualifying", "/api/welfare/assistance/qualifying", "assistance-qualifying")]
    public async Task A_work_list_exports_to_Excel_with_the_list_s_households(string path, string apiPath, string resource)
    {
        var expected = await api.GetAsync("township", apiPath + "?pageSize=200");
        var total = expected.GetProperty("total").GetInt32();
        Assert.True(total > 0 && total <= PortalFixture.ExportLimit, $"{apiPath}: {total} rows for the township");
        static string? Number(JsonElement item) =>
            item.TryGetProperty("householdNumber", out var n) ? n.GetString() : item.GetProperty("household").GetProperty("householdNumber").GetString();

        await using var browsing = await Browsing.SignedInAsync(portal, "township", "work-list-export");
        await browsing.GoAsync(path);
        await Microsoft.Playwright.Assertions.Expect(browsing.Page.Locator("#list-total")).ToHaveTextAsync(total.ToString(CultureInfo.InvariantCulture));
        var (fileName, rows) = await browsing.ExportAsync();
        Assert.EndsWith(".xlsx", fileName, StringComparison.Ordinal);
        Assert.Equal(total, rows.Count);
        var firstPage = expected.GetProperty("items").EnumerateArray().Select(Number).ToList();
        Assert.Equal(firstPage, rows.Take(firstPage.Count).Select(r => r["户编号"]?.ToString()));
        Assert.All(rows, r => Assert.StartsWith(portal.Township, r["行政村代码"]!.ToString()!, StringComparison.Ordinal));

        var audit = await api.GetAsync("admin", $"/api/audit?subject=township&action=EXPORT&resource={resource}");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("detail").GetString()!.Contains($"{rows.Count} 行", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_village_cadre_sees_its_own_village_s_pillar_records_and_nothing_of_another()
    {
        // Records of other villages, as the county sees them.
        var otherRanger = (await api.GetAsync("officer", "/api/ecology/rangers?pageSize=200")).GetProperty("items").EnumerateArray()
            .First(r => r.GetProperty("villageCode").GetString() != portal.Village);
        var otherCase = (await api.GetAsync("officer", "/api/relocation/cases?pageSize=200")).GetProperty("items").EnumerateArray()
            .First(c => c.GetProperty("villageCode").GetString() != portal.Village);
        var otherClaim = (await api.GetAsync("officer", "/api/welfare/claims?pageSize=200")).GetProperty("items").EnumerateArray()
            .First(c => c.GetProperty("villageCode").GetString() != portal.Village);

        await using var browsing = await Browsing.SignedInAsync(portal, "village", "pillar-village-scope");
        var page = browsing.Page;

        // Its lists hold its village's records only, as many as the service gives it.
        foreach (var (path, apiPath, table) in new[]
        {
            ("/relocation/cases", "/api/relocation/cases", "#cases-table"),
            ("/welfare/claims", "/api/welfare/claims", "#claims-table"),
            ("/ecology/rangers", "/api/ecology/rangers", "#rangers-table"),
        })
        {
            var own = await api.GetAsync("village", apiPath + "?pageSize=200");
            Assert.All(own.GetProperty("items").EnumerateArray(), i => Assert.Equal(portal.Village, i.GetProperty("villageCode").GetString()));
            await browsing.GoAsync(path);
            await Microsoft.Playwright.Assertions.Expect(page.Locator("#list-total")).ToHaveTextAsync(own.GetProperty("total").GetInt64().ToString(CultureInfo.InvariantCulture));
            if (table == "#cases-table")
            {
                Assert.DoesNotContain(otherCase.GetProperty("householdNumber").GetString()!, await page.InnerTextAsync(table), StringComparison.Ordinal);
            }
        }

        await browsing.ShotAsync("own-village");

        // Another village's records by their addresses: not found, nothing of them on the page.
        foreach (var (path, title) in new[]
        {
            ($"/ecology/rangers/{otherRanger.GetProperty("id").GetString()}", "护林员岗位不存在"),
            ($"/relocation/cases/{otherCase.GetProperty("id").GetString()}", "搬迁档案不存在"),
            ($"/welfare/claims/{otherClaim.GetProperty("id").GetString()}", "结算记录不存在"),
        })
        {
            await browsing.GoAsync(path);
            await page.Locator("#record-missing", new PageLocatorOptions { HasText = title }).WaitForAsync();
        }

        Assert.DoesNotContain(otherCase.GetProperty("householdNumber").GetString()!, await page.ContentAsync(), StringComparison.Ordinal);
        await browsing.ShotAsync("other-village-missing");

        // Another village's list by its address: refused by the portal.
        await browsing.GoAsync($"/relocation/cases?village={portal.OtherVillage}");
        await page.GetByText("该地区不在您的数据范围内").WaitForAsync();

        // A department officer of another pillar has none of these pages.
        await using var education = await Browsing.SignInAsync(portal, "education", "pillar-other-department");
        Assert.DoesNotContain("社会保障", await education.Page.InnerTextAsync("#menu"), StringComparison.Ordinal);
        await education.GoAsync("/welfare/claims");
        await education.Page.GetByText("您的角色不能使用此页面").WaitForAsync();
        await education.ShotAsync("refused");
    }

    [GeneratedRegex(@"^\d{6}\*{12}$")]
    private static partial Regex MaskedIdNumber();
}
