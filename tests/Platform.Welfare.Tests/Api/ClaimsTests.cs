using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Registry;
using Platform.Testing;

namespace Platform.Welfare.Tests.Api;

/// <summary>Hospital claims over REST: the layers, the reimbursement as income, the large expense to the registry.</summary>
public class ClaimsTests(WelfareFixture fixture) : IClassFixture<WelfareFixture>
{
    private const string Village = "420325003001";

    private static object Stay(Guid member, decimal total, decimal withinPolicy, string? settlement = null, string kind = "inpatient", bool inCounty = true) => new
    {
        memberId = member, kind, inCounty, hospital = "房县人民医院", diagnosis = "脑梗死", admittedOn = WelfareFixture.Today.AddDays(-12), dischargedOn = WelfareFixture.Today.AddDays(-2),
        totalCost = total, withinPolicyCost = withinPolicy, settlementNumber = settlement,
    };

    [Fact]
    public async Task A_poor_patients_stay_is_reimbursed_by_layer_to_90_percent_and_what_is_left_over_the_threshold_goes_to_the_registry()
    {
        var patient = WelfareFixture.Member("户主", 63, "李德全");
        var registered = await fixture.RegisterAsync(Village, patient);
        await fixture.InsureAsync(patient);
        using var county = fixture.County();

        using var created = await county.PostAsJsonAsync("/api/welfare/claims", Stay(patient.MemberId, 30_000m, 20_000m, "JS-" + Guid.NewGuid().ToString("N")[..12]));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var claim = await WelfareFixture.JsonAsync(created);
        var layers = claim.GetProperty("layers").EnumerateArray().ToDictionary(l => l.GetProperty("layer").GetString()!, l => l.GetProperty("amount").GetDecimal());
        Assert.Equal(
            new Dictionary<string, decimal> { ["basic-insurance"] = 13_790m, ["critical-illness"] = 726m, ["medical-assistance"] = 1_645.20m, ["supplementary"] = 767.76m, ["health-policy"] = 1_071.04m },
            layers);
        Assert.Equal((18_000m, 12_000m, 90m), (claim.GetProperty("reimbursed").GetDecimal(), claim.GetProperty("outOfPocket").GetDecimal(), claim.GetProperty("withinPolicyRatio").GetDecimal()));
        Assert.True(claim.GetProperty("largeExpenseReported").GetBoolean());
        Assert.Equal(Platform.Contracts.People.ResidentIdNumber.Mask(patient.IdNumber), claim.GetProperty("idNumber").GetString());

        var expense = await Eventually.ReturnsAsync(
            () => Task.FromResult(fixture.Published<LargeExpenseReported>().FirstOrDefault(e => e.HouseholdId == registered.HouseholdId)),
            WelfareFixture.Patience,
            "the registry hears of the large expense");
        Assert.Equal((ExpenseKind.Medical, 12_000m, 30_000m, patient.MemberId), (expense.Kind, expense.OutOfPocket, expense.TotalCost, expense.MemberId));
        var income = await Eventually.ReturnsAsync(
            () => Task.FromResult(fixture.Published<IncomeRecorded>().FirstOrDefault(i => i.HouseholdId == registered.HouseholdId)),
            WelfareFixture.Patience,
            "the reimbursement is reported as income");
        Assert.Equal((18_000m, false, IncomeKind.Transfer), (income.Amount, income.CountsTowardExit, income.Kind));
        Assert.Equal(expense.SourceRecordId, income.SourceRecordId);
    }

    [Fact]
    public async Task A_stay_with_little_left_to_pay_is_not_a_large_expense_and_a_settlement_is_never_counted_twice()
    {
        var patient = WelfareFixture.Member("户主", 58, "王小妹");
        var registered = await fixture.RegisterAsync(Village, patient);
        await fixture.InsureAsync(patient);
        using var county = fixture.County();
        var settlement = "JS-" + Guid.NewGuid().ToString("N")[..12];

        using var created = await county.PostAsJsonAsync("/api/welfare/claims", Stay(patient.MemberId, 10_000m, 10_000m, settlement));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.False((await WelfareFixture.JsonAsync(created)).GetProperty("largeExpenseReported").GetBoolean());

        var outbox = await fixture.OutboxCountAsync();
        using var again = await county.PostAsJsonAsync("/api/welfare/claims", Stay(patient.MemberId, 10_000m, 10_000m, settlement));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(outbox, await fixture.OutboxCountAsync());
        Assert.Equal(0, await fixture.DrainAsync());
        Assert.DoesNotContain(fixture.Published<LargeExpenseReported>(), e => e.HouseholdId == registered.HouseholdId);
    }

    [Fact]
    public async Task A_trial_calculation_shows_the_layers_and_writes_nothing()
    {
        var patient = WelfareFixture.Member("户主", 70, "赵老三");
        await fixture.RegisterAsync(Village, patient);
        await fixture.InsureAsync(patient);
        using var county = fixture.County();
        var claims = await fixture.QueryAsync(db => db.HospitalClaims.CountAsync());

        using var trial = await county.PostAsJsonAsync("/api/welfare/claims/calculation", Stay(patient.MemberId, 80_000m, 80_000m));
        Assert.Equal(HttpStatusCode.OK, trial.StatusCode);
        var body = await WelfareFixture.JsonAsync(trial);
        Assert.Equal(75_000m, body.GetProperty("reimbursed").GetDecimal()); // 985: at most 5,000 out of pocket
        Assert.Equal(claims, await fixture.QueryAsync(db => db.HospitalClaims.CountAsync()));
        Assert.Equal(0, await fixture.QueryAsync(db => db.PatientYears.CountAsync(p => p.MemberId == patient.MemberId)));
    }

    [Fact]
    public async Task An_uninsured_patient_an_outpatient_claim_without_a_certificate_and_bad_figures_are_refused_and_change_nothing()
    {
        var insured = WelfareFixture.Member("户主", 60, "钱多");
        var uninsured = WelfareFixture.Member("配偶", 59, "孙少");
        await fixture.RegisterAsync(Village, insured, uninsured);
        await fixture.InsureAsync(insured);
        using var county = fixture.County();
        var outbox = await fixture.OutboxCountAsync();

        foreach (var (body, field) in new (object, string)[]
                 {
                     (Stay(uninsured.MemberId, 5_000m, 4_000m), "memberId"),
                     (Stay(insured.MemberId, 2_000m, 2_000m, kind: "special-outpatient"), "kind"),
                     (Stay(insured.MemberId, 5_000m, 6_000m), "withinPolicyCost"),
                     (Stay(insured.MemberId, -1m, 0m), "totalCost"),
                     (Stay(insured.MemberId, 5_000m, 4_000m, kind: "dental"), "kind"),
                     (new { memberId = insured.MemberId }, "hospital"),
                 })
        {
            using var response = await county.PostAsJsonAsync("/api/welfare/claims", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await WelfareFixture.JsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _), field);
        }

        Assert.Equal(outbox, await fixture.OutboxCountAsync());
    }

    [Fact]
    public async Task With_a_chronic_certificate_outpatient_care_is_topped_up_to_80_percent()
    {
        var patient = WelfareFixture.Member("户主", 67, "周慢病", health: "chronic");
        await fixture.RegisterAsync(Village, patient);
        await fixture.InsureAsync(patient);
        using var county = fixture.County();
        using var certified = await county.PostAsJsonAsync("/api/welfare/certificates", new { memberId = patient.MemberId, disease = "2型糖尿病", issuer = "房县卫生健康局" });
        Assert.Equal(HttpStatusCode.Created, certified.StatusCode);

        using var created = await county.PostAsJsonAsync("/api/welfare/claims", Stay(patient.MemberId, 2_000m, 2_000m, kind: "special-outpatient"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(1_600m, (await WelfareFixture.JsonAsync(created)).GetProperty("reimbursed").GetDecimal());
    }
}
