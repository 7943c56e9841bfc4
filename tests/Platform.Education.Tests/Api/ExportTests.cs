using System.Net.Http.Json;
using System.Text.Json;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.Education.Tests.Api;

/// <summary>The export of the aid coverage list (应享未享): the list's rows as the caller sees them (a village cadre: its village only), ID numbers masked.</summary>
public class ExportTests(EducationFixture fixture) : IClassFixture<EducationFixture>
{
    private const string Village = "420325002031";
    private const string OtherVillage = "420325002032";
    private readonly HttpClient county = fixture.Host.CreateHttpClient(TestTokens.CountyOffice());

    [Fact]
    public async Task A_village_cadre_s_aid_gap_export_holds_its_village_s_gaps_policy_by_policy_with_masked_numbers()
    {
        var here = Registry.Member("之子", Registry.BornAged(12), "导出甲");
        var there = Registry.Member("之子", Registry.BornAged(12), "导出乙");
        await fixture.RegisterAsync(county, Village, 1, here);
        await fixture.RegisterAsync(county, OtherVillage, 1, there);
        Assert.Equal(2, (await fixture.ImportRollsAsync(EducationFixture.Enrolled(here, "junior", 1, true), EducationFixture.Enrolled(there, "junior", 1, true))).Accepted);

        using var cadre = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: Village));
        var rows = await Workbooks.ReadAsync(cadre, "/api/education/aid/coverage/export");

        // A boarder in junior school lacks both the living subsidy and the nutrition meals: two rows, as in the list, in its order.
        var listed = await cadre.GetFromJsonAsync<JsonElement>(new Uri("/api/education/aid/coverage?pageSize=200", UriKind.Relative));
        Assert.Equal(
            listed.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("name").GetString(), i.GetProperty("policyName").GetString())),
            rows.Select(r => (r["学生"]?.ToString(), r["资助项目"]?.ToString())));
        Assert.Equal(2, rows.Count(r => r["学生"]?.ToString() == here.Name));
        Assert.All(rows, r => Assert.Equal(Village, r["行政村代码"]?.ToString()));
        Assert.DoesNotContain(rows, r => r["学生"]?.ToString() == there.Name);
        Assert.Equal(Platform.Contracts.People.ResidentIdNumber.Mask(here.IdNumber), rows.First(r => r["学生"]?.ToString() == here.Name)["身份证号"]?.ToString());
        Workbooks.AssertNoWholeIdNumber(rows);

        // One policy: one row per student.
        Assert.Single(await Workbooks.ReadAsync(cadre, "/api/education/aid/coverage/export?policy=living-subsidy"), r => r["学生"]?.ToString() == here.Name);

        // A bad filter is the list's problem, not a file.
        using var bad = await cadre.GetAsync(new Uri("/api/education/aid/coverage/export?term=next", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
