using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Contracts.People;

namespace Platform.EndToEnd.Tests.Portal;

/// <summary>Finding a household, its 360 view with every pillar's records, the audited reveal, printing, and Excel.</summary>
[Collection(PortalCollection.Name)]
public sealed partial class HouseholdTests(PortalFixture portal)
{
    private readonly PortalApi api = new(portal);

    /// <summary>A household with a student who has had this term's aid, and its student.</summary>
    private async Task<(string Household, string Student, string StudentName)> HouseholdWithAidAsync()
    {
        var students = await api.GetAsync("officer", "/api/education/students?enrolment=enrolled&pageSize=200");
        foreach (var student in students.GetProperty("items").EnumerateArray())
        {
            var id = student.GetProperty("id").GetString()!;
            if ((await api.GetAsync("officer", $"/api/education/students/{id}/aid")).GetArrayLength() > 0)
            {
                return (student.GetProperty("householdId").GetString()!, id, student.GetProperty("name").GetString()!);
            }
        }

        throw new InvalidOperationException("the demo county has no student with aid");
    }

    [Fact]
    public async Task Searching_by_number_name_and_monitoring_category_finds_the_household()
    {
        await using var browsing = await Browsing.SignedInAsync(portal, "officer", "search");
        var page = browsing.Page;
        var first = (await api.GetAsync("officer", $"/api/households?village={portal.Village}&pageSize=1")).GetProperty("items")[0];
        var number = first.GetProperty("householdNumber").GetString()!;

        await browsing.GoAsync("/households");
        await page.FillAsync("input[name=number]", number);
        await page.ClickAsync(".filters button[type=submit]");
        await page.WaitForAddressAsync(PageAddress.Holding("number=" + number));
        await page.Locator("#households-table .household-number", new PageLocatorOptions { HasText = number }).WaitForAsync();
        Assert.Equal("1", (await page.InnerTextAsync("#list-total")).Trim());
        Assert.Contains(first.GetProperty("headIdNumber").GetString()!, await page.InnerTextAsync("#households-table"), StringComparison.Ordinal);
        await browsing.ShotAsync("by-number");

        var flagged = await api.GetAsync("officer", "/api/households/monitoring/flags?category=unstable-exited");
        await browsing.GoAsync("/households?monitoring=unstable-exited");
        await page.Locator("#households-table .household-number").First.WaitForAsync();
        Assert.Equal(flagged.GetProperty("total").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), (await page.InnerTextAsync("#list-total")).Trim());
        await browsing.ShotAsync("by-monitoring");
    }

    /// <summary>
    /// 结对帮扶与走访 in the 360 view: a paired household's helpers as the registry answers them (the phone masked), and a
    /// visited household's inspection visit (the demo campaign's helpers and its inspection).
    /// </summary>
    [Fact]
    public async Task The_360_view_shows_the_household_s_helpers_with_masked_phones_and_its_visits()
    {
        var paired = (await api.GetAsync("village", "/api/households?paired=true&pageSize=1")).GetProperty("items")[0].GetProperty("id").GetString()!;
        var pairings = await api.GetAsync("village", $"/api/households/{paired}/pairings");
        Assert.True(pairings.GetArrayLength() > 0, "the demo campaign paired the household");
        var inspection = (await api.GetAsync("officer", "/api/households/figures/exit")).GetProperty("countyExit").GetProperty("inspectionId").GetString()!;
        var sampled = (await api.GetAsync("officer", $"/api/households/inspections/{inspection}/sample?finding=visited&pageSize=1")).GetProperty("items")[0];
        var visited = sampled.GetProperty("householdId").GetString()!;
        var visits = await api.GetAsync("officer", $"/api/households/{visited}/visits");

        await using var browsing = await Browsing.SignedInAsync(portal, "village", "household-helpers");
        var page = browsing.Page;
        await browsing.OpenHouseholdAsync(paired);
        await page.Locator("#household-pairings tbody tr").First.WaitForAsync();
        var shown = await page.InnerTextAsync("#household-pairings");
        foreach (var pairing in pairings.EnumerateArray())
        {
            Assert.Contains(pairing.GetProperty("helperName").GetString()!, shown, StringComparison.Ordinal);
            Assert.Contains(pairing.GetProperty("workUnit").GetString()!, shown, StringComparison.Ordinal);
            if (pairing.GetProperty("phone").GetString() is { } phone)
            {
                Assert.Contains("*", phone, StringComparison.Ordinal);
                Assert.Contains(phone, shown, StringComparison.Ordinal);
            }
        }

        Assert.Equal(pairings.GetArrayLength(), await page.Locator("#household-pairings tbody tr").CountAsync());
        await browsing.ShotAsync("pairings");

        // The inspection's visit, seen by the county (the sampled household may lie outside the village).
        await using var county = await Browsing.SignedInAsync(portal, "officer", "household-visits");
        await county.OpenHouseholdAsync(visited);
        await county.Page.Locator("#household-visits tbody tr", new PageLocatorOptions { HasText = sampled.GetProperty("inspector").GetString()! }).WaitForAsync();
        Assert.Equal(visits.GetArrayLength(), await county.Page.Locator("#household-visits tbody tr").CountAsync());
        Assert.Contains(visits[0].GetProperty("inspectionName").GetString()!, await county.Page.InnerTextAsync("#household-visits"), StringComparison.Ordinal);
        await county.ShotAsync("visits");
    }

    /// <summary>A village cadre pairs a helper with a household of its village in the 360 view, and ends the pairing with a reason.</summary>
    [Fact]
    public async Task A_village_cadre_pairs_a_helper_with_a_household_and_ends_the_pairing()
    {
        var http = await api.ClientAsync("village");
        var name = "结对" + (char)('甲' + Random.Shared.Next(0, 200)) + "测";
        using (var created = await http.PostAsJsonAsync("/api/households/helpers", new { name, workUnit = "县农业农村局", phone = "13907191234", kind = "cadre" }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        }

        var household = (await api.GetAsync("village", "/api/households?paired=false&status=poor&pageSize=1")).GetProperty("items")[0].GetProperty("id").GetString()!;
        await using var browsing = await Browsing.SignedInAsync(portal, "village", "household-pairing");
        var page = browsing.Page;
        await browsing.OpenHouseholdAsync(household);
        await page.ClickAsync("#add-pairing");
        await page.Locator("#pairing-helper").ClickAsync(new LocatorClickOptions { Force = true });
        await page.Keyboard.TypeAsync(name); // the remote select asks the registry for helpers of that name
        await page.Locator(".el-select-dropdown__item:visible", new PageLocatorOptions { HasText = name }).First.ClickAsync();
        await page.ClickAsync("#save-pairing");
        await page.Locator("#household-pairings tbody tr", new PageLocatorOptions { HasText = name }).WaitForAsync();
        var row = await page.Locator("#household-pairings tbody tr", new PageLocatorOptions { HasText = name }).InnerTextAsync();
        Assert.Contains("139****1234", row, StringComparison.Ordinal); // the phone masked
        Assert.DoesNotContain("13907191234", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Contains("帮扶中", row, StringComparison.Ordinal);
        Assert.Contains((await api.GetAsync("village", $"/api/households/{household}/pairings")).EnumerateArray(), p => p.GetProperty("helperName").GetString() == name);
        await browsing.ShotAsync("paired");

        await page.Locator("#household-pairings tbody tr", new PageLocatorOptions { HasText = name }).Locator(".end-pairing").ClickAsync();
        await page.FillAsync("#end-pairing-reason", "帮扶责任人工作调动");
        await page.ClickAsync("#save-end-pairing");
        await page.Locator("#household-pairings tbody tr", new PageLocatorOptions { HasText = "帮扶责任人工作调动" }).WaitForAsync();
        var ended = (await api.GetAsync("village", $"/api/households/{household}/pairings")).EnumerateArray().Single(p => p.GetProperty("helperName").GetString() == name);
        Assert.Equal("帮扶责任人工作调动", ended.GetProperty("endReason").GetString());
    }

    [Fact]
    public async Task The_360_view_shows_members_masked_income_against_the_line_guarantees_and_the_education_pillar_s_records()
    {
        var (household, student, studentName) = await HouseholdWithAidAsync();
        var detail = await api.GetAsync("officer", $"/api/households/{household}");
        var year = DateTime.UtcNow.AddHours(8).Year;
        var income = await api.GetAsync("officer", $"/api/households/{household}/income?year={year}");
        var aid = await api.GetAsync("officer", $"/api/education/students/{student}/aid");

        await using var browsing = await Browsing.SignedInAsync(portal, "auditor", "household-360");
        var page = browsing.Page;
        await browsing.OpenHouseholdAsync(household);
        await page.Locator("#household-students", new PageLocatorOptions { HasText = studentName }).WaitForAsync();
        Assert.Equal(detail.GetProperty("householdNumber").GetString(), (await page.InnerTextAsync("#household-number")).Trim());

        // Members with masked numbers; an auditor has no reveal.
        var members = await page.InnerTextAsync("#members-table");
        foreach (var member in detail.GetProperty("members").EnumerateArray())
        {
            Assert.Contains(member.GetProperty("name").GetString()!, members, StringComparison.Ordinal);
            Assert.Contains(member.GetProperty("idNumber").GetString()!, members, StringComparison.Ordinal);
        }

        Assert.Equal(0, await page.Locator(".reveal").CountAsync());

        // This year's income: the education grants are its records, with the per-capita figure.
        await page.Locator("#income-records tbody tr").First.WaitForAsync();
        Assert.Equal(income.GetProperty("records").GetArrayLength(), await page.Locator("#income-records tbody tr").CountAsync());
        Assert.Contains(income.GetProperty("totalPerCapita").GetDecimal().ToString("N2", System.Globalization.CultureInfo.GetCultureInfo("zh-CN")), await page.InnerTextAsync("#per-capita-total"), StringComparison.Ordinal);
        Assert.Equal(6, await page.Locator("#guarantees tbody tr").CountAsync());

        // The education pillar's records of the household: the student, the aid granted, the training.
        var education = await page.InnerTextAsync(".household-education");
        foreach (var grant in aid.EnumerateArray())
        {
            Assert.Contains(grant.GetProperty("policyName").GetString()!, education, StringComparison.Ordinal);
        }

        var training = await api.GetAsync("officer", $"/api/education/households/{household}/training");
        Assert.Equal(Math.Max(1, training.GetArrayLength()), await page.Locator("#household-training tbody tr").CountAsync());
        await page.Locator(".exit-history").WaitForAsync();
        await page.Locator(".monitoring #household-flags").WaitForAsync();
        await browsing.ShotAsync("household");

        // Earlier years: the 2020 income against the 2020 line (4,000 yuan).
        await browsing.SelectAsync(page.Locator("#income-year"), "2020年");
        await page.Locator("#poverty-line", new PageLocatorOptions { HasText = "4,000.00" }).WaitForAsync();
        await browsing.ShotAsync("income-2020");
    }

    [Fact]
    public async Task County_staff_reveal_a_whole_ID_number_with_a_reason_and_the_reveal_is_in_the_audit_log()
    {
        var household = portal.EligibleHouseholds[0];
        var detail = await api.GetAsync("officer", $"/api/households/{household}");
        var member = detail.GetProperty("members")[0];
        var memberId = member.GetProperty("id").GetString()!;

        await using var browsing = await Browsing.SignedInAsync(portal, "officer", "reveal");
        var page = browsing.Page;
        await browsing.OpenHouseholdAsync(household);
        var shown = page.Locator($".id-number[data-member='{memberId}']");
        Assert.Equal(member.GetProperty("idNumber").GetString(), (await shown.InnerTextAsync()).Trim());
        await page.Locator(".reveal").First.ClickAsync();
        await page.FillAsync(".el-message-box__input input", "核对医保报销材料");
        await page.ClickAsync(".el-message-box__btns .el-button--primary");
        await Microsoft.Playwright.Assertions.Expect(shown).Not.ToHaveTextAsync(member.GetProperty("idNumber").GetString()!);
        var whole = (await shown.InnerTextAsync()).Trim();
        Assert.True(ResidentIdNumber.TryParse(whole, DateOnly.FromDateTime(DateTime.UtcNow), out _, out _), "the whole number is shown");
        Assert.Equal(member.GetProperty("idNumber").GetString(), ResidentIdNumber.Mask(whole));
        await browsing.ShotAsync("revealed");

        var audit = await api.GetAsync("admin", $"/api/audit?action=REVEAL&resourceId={memberId}");
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal("officer", entry.GetProperty("subject").GetString());
        Assert.Contains("核对医保报销材料", entry.GetProperty("detail").GetString()!, StringComparison.Ordinal);

        // The audit page shows it to the county administrator.
        await using var admin = await Browsing.SignedInAsync(portal, "admin", "audit-search");
        await admin.GoAsync($"/audit?action=REVEAL&resourceId={memberId}");
        await admin.Page.Locator("#audit-table tbody tr", new PageLocatorOptions { HasText = "核对医保报销材料" }).WaitForAsync();
        Assert.Equal("1", (await admin.Page.InnerTextAsync("#list-total")).Trim());
        await admin.ShotAsync("audit");
    }

    [Fact]
    public async Task A_household_s_record_prints_whole_without_the_menu()
    {
        var (household, _, studentName) = await HouseholdWithAidAsync();
        await using var browsing = await Browsing.SignedInAsync(portal, "officer", "print");
        var page = browsing.Page;
        await browsing.OpenHouseholdAsync(household);
        var popup = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("#print"));
        await popup.Locator("body[data-print-ready=true]").WaitForAsync();
        Assert.Equal(0, await popup.Locator("#menu").CountAsync());
        Assert.Contains(studentName, await popup.InnerTextAsync(".household-education"), StringComparison.Ordinal);
        Directory.CreateDirectory(Path.Combine(PortalFixture.Artefacts, "print"));
        await popup.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalFixture.Artefacts, "print", "record.png"), FullPage = true });
        await popup.PdfAsync(new PagePdfOptions { Path = Path.Combine(PortalFixture.Artefacts, "print", "record.pdf"), Format = "A4" });
        await browsing.Watch.CheckPageAsync(popup);
    }

    [Fact]
    public async Task An_exported_household_list_opens_in_Excel_with_the_list_s_rows_and_masked_numbers()
    {
        var expected = await api.GetAsync("township", $"/api/households?village={portal.Village}&pageSize=200");
        await using var browsing = await Browsing.SignedInAsync(portal, "township", "export");
        var page = browsing.Page;
        await browsing.GoAsync($"/households?village={portal.Village}");
        await page.Locator("#households-table .household-number").First.WaitForAsync();
        var (fileName, rows) = await browsing.ExportAsync();
        Assert.StartsWith("建档立卡户", fileName, StringComparison.Ordinal);
        var items = expected.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(expected.GetProperty("total").GetInt32(), rows.Count);
        Assert.Equal(items.Select(i => i.GetProperty("householdNumber").GetString()), rows.Select(r => r["户编号"]?.ToString()));
        Assert.Equal(items.Select(i => i.GetProperty("headIdNumber").GetString()), rows.Select(r => r["户主身份证号"]?.ToString()));
        Assert.All(rows, r => Assert.Matches(MaskedIdNumber(), r["户主身份证号"]!.ToString()!));
        Assert.All(rows, r => Assert.Equal(items.First().GetProperty("villageName").GetString(), r["行政村"]?.ToString()));

        var audit = await api.GetAsync("admin", "/api/audit?subject=township&action=EXPORT");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("detail").GetString()!.Contains($"{rows.Count} 行", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_list_longer_than_the_export_limit_is_refused_with_a_reason_and_no_file()
    {
        var county = await api.GetAsync("officer", "/api/households?pageSize=1");
        Assert.True(county.GetProperty("total").GetInt32() > PortalFixture.ExportLimit, "the county has more households than the test's export limit");
        await using var browsing = await Browsing.SignedInAsync(portal, "officer", "export-limit");
        var page = browsing.Page;
        var downloads = 0;
        page.Download += (_, _) => downloads++;
        await browsing.GoAsync("/households");
        await page.ClickAsync(".export-button");
        await page.Locator(".el-message--error", new PageLocatorOptions { HasText = "导出行数超过上限" }).WaitForAsync();
        await browsing.ShotAsync("refused");
        Assert.Equal(0, downloads);
        using var refused = await (await api.ClientAsync("officer")).GetAsync(new Uri("/api/households/export", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex(@"^\d{6}\*{12}$")]
    private static partial Regex MaskedIdNumber();
}
