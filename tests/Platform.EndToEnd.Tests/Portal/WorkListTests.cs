using System.Text.Json;
using Microsoft.Playwright;

namespace Platform.EndToEnd.Tests.Portal;

/// <summary>The work lists, walked as their users walk them: a village's exit procedure, a dropout case, a monitoring flag.</summary>
[Collection(PortalCollection.Name)]
public sealed class WorkListTests(PortalFixture portal)
{
    private readonly PortalApi api = new(portal);

    [Fact]
    public async Task A_village_cadre_takes_its_village_s_exit_batch_from_review_through_notice_and_an_objection_to_announcement_and_exit()
    {
        await using var browsing = await Browsing.SignedInAsync(portal, "village", "exit-procedure");
        var page = browsing.Page;
        await browsing.GoAsync("/work/exit");
        await page.ClickAsync("#new-batch");
        var dialog = page.Locator("#new-batch-form");
        await browsing.SelectAsync(dialog.Locator(".place-village"), (await VillageNameAsync()));
        await dialog.GetByText("列出贫困户").ClickAsync();
        await dialog.Locator("#candidates-table tbody tr").Nth(portal.EligibleHouseholds.Count - 1).WaitForAsync();
        Assert.Equal(portal.EligibleHouseholds.Count, await dialog.Locator("#candidates-table tbody tr", new LocatorLocatorOptions { HasText = "符合脱贫标准" }).CountAsync());
        await dialog.Locator("#candidates-table thead .el-checkbox").ClickAsync();
        await page.FillAsync("#batch-name", "2020年第二批脱贫退出");
        await browsing.DateAsync("#batch-on", "2020-10-01");
        await browsing.ShotAsync("new-batch");
        await page.ClickAsync("#create-batch");
        await page.WaitForAddressAsync(PageAddress.Holding("/work/exit/"));
        var batch = page.Locator(".exit-batch");
        await batch.WaitForAsync();
        Assert.Equal(portal.EligibleHouseholds.Count, await page.Locator("#cases-table tbody tr").CountAsync());

        await StepAsync(browsing, "review", "2020-10-10");
        await StepAsync(browsing, "check", "2020-10-15");
        await StepAsync(browsing, "confirmation", "2020-10-16");
        await StepAsync(browsing, "notice", "2020-10-17", "2020-10-24");
        Assert.Equal("2020-10-17 至 2020-10-24", (await page.InnerTextAsync("#notice-period")).Trim());

        // An objection during the notice, found groundless: the case goes on.
        await page.ClickAsync("#raise-objection");
        await browsing.SelectAsync(page.Locator("#objection-household"), "王德福");
        await page.FillAsync("#objection-by", "村民张某");
        await page.FillAsync("#objection-content", "该户家中仍有病人，收入不稳定");
        await browsing.DateAsync("#objection-on", "2020-10-20");
        await page.ClickAsync("#confirm-objection");
        await page.Locator("#cases-table .resolve").WaitForAsync();
        await browsing.ShotAsync("objection");
        await page.ClickAsync("#cases-table .resolve");
        await page.FillAsync("#resolution-text", "经核实，医疗费用已由医保报销，收入稳定");
        await browsing.DateAsync("#resolution-on", "2020-10-22");
        await page.ClickAsync("#confirm-resolution");
        await page.Locator("#cases-table .objection", new PageLocatorOptions { HasText = "不成立" }).WaitForAsync();

        await StepAsync(browsing, "announcement", "2020-10-26");
        Assert.Equal("2020-10-26", (await page.InnerTextAsync("#announced-on")).Trim());
        Assert.All(await page.Locator("#cases-table .case-state").AllInnerTextsAsync(), s => Assert.Equal("已公告", s.Trim()));
        await browsing.ShotAsync("announced");
        await StepAsync(browsing, "exit", "2020-11-01");
        Assert.Equal("none", await batch.GetAttributeAsync("data-next-step"));
        Assert.All(await page.Locator("#cases-table .case-state").AllInnerTextsAsync(), s => Assert.Equal("已退出", s.Trim()));
        await browsing.ShotAsync("exited");

        foreach (var household in portal.EligibleHouseholds)
        {
            var detail = await api.GetAsync("officer", $"/api/households/{household}");
            Assert.Equal("exited", detail.GetProperty("status").GetString());
            Assert.Equal(2020, detail.GetProperty("exitYear").GetInt32());
        }

        // The household's 360 view now shows the procedure it went through.
        await browsing.OpenHouseholdAsync(portal.EligibleHouseholds[0]);
        var history = await page.Locator(".exit-history").InnerTextAsync();
        foreach (var step in new[] { "民主评议", "村委会和驻村工作队核实", "贫困户认可", "公示", "异议", "公告", "退出销号" })
        {
            Assert.Contains(step, history, StringComparison.Ordinal);
        }

        await browsing.ShotAsync("household-history");
    }

    private async Task<string> VillageNameAsync() =>
        (await api.GetAsync("village", "/api/households/villages")).GetProperty("items")[0].GetProperty("name").GetString()!;

    private static async Task StepAsync(Browsing browsing, string step, string on, string? until = null)
    {
        var page = browsing.Page;
        var next = page.Locator("#next-step");
        Assert.Equal(step, await next.GetAttributeAsync("data-step"));
        await next.ClickAsync();
        await browsing.DateAsync("#step-on", on);
        if (until is not null)
        {
            await browsing.DateAsync("#step-until", until);
        }

        await page.ClickAsync("#confirm-step");
        await page.Locator($".exit-batch:not([data-next-step='{step}'])").WaitForAsync();
        await page.Locator("#confirm-step").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden });
    }

    [Fact]
    public async Task The_education_bureau_opens_a_dropout_case_records_a_visit_and_closes_it_with_home_teaching()
    {
        // A compulsory-age child without a case who cannot go to school for a disability (the registry says so): 送教上门.
        var child = await DisabledChildAsync();
        var name = child.GetProperty("name").GetString()!;

        await using var browsing = await Browsing.SignedInAsync(portal, "education", "dropout-case");
        var page = browsing.Page;
        await browsing.GoAsync("/work/dropouts");
        var before = long.Parse(await page.InnerTextAsync("#list-total"), System.Globalization.CultureInfo.InvariantCulture);
        await page.ClickAsync("#open-dropout");
        await browsing.SelectAsync(page.Locator("#dropout-student"), name + "（");
        await page.FillAsync("#dropout-reason", "因残疾无法到校就读，开学两周未到校");
        await page.FillAsync("#admin-name", "张村长");
        await page.FillAsync("#admin-position", "村主任");
        await page.FillAsync("#edu-name", "李老师");
        await page.FillAsync("#edu-position", "班主任");
        await browsing.ShotAsync("open");
        await page.ClickAsync("#confirm-dropout");
        await page.WaitForAddressAsync(PageAddress.Holding("/work/dropouts/"));
        await page.Locator(".dropout-case").WaitForAsync();
        Assert.Equal("未结案", (await page.InnerTextAsync("#dropout-closure")).Trim());
        var caseId = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        await browsing.GoAsync("/work/dropouts");
        Assert.Equal(before + 1, long.Parse(await page.InnerTextAsync("#list-total"), System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#dropouts-table .dropout-link", new PageLocatorOptions { HasText = name }).First.ClickAsync();
        await page.Locator(".dropout-case").WaitForAsync();

        await page.ClickAsync("#add-visit");
        await page.FillAsync("#visit-visitors", "张村长、李老师");
        await page.FillAsync("#visit-note", "家访，家长同意由学校送教上门");
        await page.ClickAsync("#confirm-visit");
        await page.Locator("#visits-table tbody tr", new PageLocatorOptions { HasText = "送教上门" }).WaitForAsync();
        await browsing.ShotAsync("visited");

        await page.ClickAsync("#close-dropout");
        await browsing.SelectAsync(page.Locator("#closure-outcome"), "送教上门");
        await page.FillAsync("#home-teacher", "王老师（特教）");
        await page.FillAsync("#closure-note", "每周送教两次");
        await page.ClickAsync("#confirm-closure");
        await page.Locator("#dropout-closure", new PageLocatorOptions { HasText = "送教上门" }).WaitForAsync();
        Assert.Equal(0, await page.Locator("#close-dropout").CountAsync());
        await browsing.ShotAsync("closed");

        var closed = await api.GetAsync("education", $"/api/education/dropouts/{caseId}");
        Assert.Equal("home-teaching", closed.GetProperty("outcome").GetString());
        Assert.Equal("王老师（特教）", closed.GetProperty("homeTeacher").GetString());
        Assert.Equal(1, closed.GetProperty("visits").GetArrayLength());
        await browsing.GoAsync("/work/dropouts");
        Assert.Equal(before, long.Parse(await page.InnerTextAsync("#list-total"), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A student of compulsory age, without an open case, whom the registry records as disabled or seriously ill.</summary>
    private async Task<JsonElement> DisabledChildAsync()
    {
        var students = await api.GetAsync("education", "/api/education/students?pageSize=200");
        foreach (var student in students.GetProperty("items").EnumerateArray()
                     .Where(s => s.GetProperty("compulsoryAge").GetBoolean() && s.GetProperty("openCaseId").ValueKind == JsonValueKind.Null))
        {
            var household = await api.GetAsync("officer", $"/api/households/{student.GetProperty("householdId").GetString()}");
            var member = household.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("id").GetString() == student.GetProperty("id").GetString());
            if (member.GetProperty("health").GetString() is "disabled" or "serious")
            {
                return student;
            }
        }

        throw new InvalidOperationException("the demo county has no disabled child of compulsory age");
    }

    [Fact]
    public async Task A_monitoring_flag_is_reviewed_from_the_work_list()
    {
        await using var browsing = await Browsing.SignedInAsync(portal, "village", "monitoring");
        var page = browsing.Page;
        await browsing.GoAsync("/work/monitoring");
        await page.Locator("#flags-table tbody tr").First.WaitForAsync();
        await browsing.ShotAsync("flags");
        await page.Locator("#flags-table a", new PageLocatorOptions { HasText = "回访/消除" }).First.ClickAsync();
        await page.ClickAsync("#add-review");
        await page.Locator("#review-income").FillAsync("9000");
        await page.ClickAsync("#confirm-review");
        await page.Locator("#reviews-table tbody tr", new PageLocatorOptions { HasText = "9,000.00" }).WaitForAsync();
        await browsing.ShotAsync("reviewed");
    }
}
