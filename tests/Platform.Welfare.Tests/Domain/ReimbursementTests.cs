using Platform.Welfare.Domain;

namespace Platform.Welfare.Tests.Domain;

/// <summary>
/// domain.md, Health floor (健康扶贫): "for poor patients, hospital costs inside the county and within policy are
/// reimbursed to 90% in total across the layers …; the welfare service computes each layer and tops up what is
/// missing. Layer rates and caps are configuration." The issue: basic insurance, critical illness, medical
/// assistance, supplementary cover, each with rates, deductibles and caps; the "985" policy — 90% of in-county
/// within-policy inpatient costs, 80% outpatient for serious/special chronic illness, at most 5,000 yuan out of
/// pocket a year — tops up what the layers leave. Worked examples on the county's configured layers
/// (appsettings.json): basic 70% in county after 300 (55% after 1,000 out of it, 60% outpatient), critical illness
/// 60% above 5,000 a year, medical assistance 100/70/30/20% by aid class, supplementary 20%, 985 at 90/80% and 5,000.
/// </summary>
public class ReimbursementTests
{
    internal static readonly ReimbursementPolicy County = new(
        new BasicInsuranceTerms(0.70m, 0.55m, 0.60m, 300m, 1000m, 0m, 150_000m),
        new CriticalIllnessTerms(5000m, 0.60m, 300_000m),
        new MedicalAssistanceTerms(
            new Dictionary<AidClass, decimal> { [AidClass.ExtremePoverty] = 1.0m, [AidClass.MinimumLiving] = 0.70m, [AidClass.Registered] = 0.30m, [AidClass.Monitored] = 0.20m },
            20_000m),
        new SupplementaryTerms(0.20m, 20_000m),
        new HealthPolicyTerms(0.90m, 0.80m, 5000m));

    private static ClaimFacts Claim(decimal total, decimal withinPolicy, ClaimKind kind = ClaimKind.Inpatient, bool inCounty = true, AidClass aid = AidClass.Registered, bool registered = true) =>
        new(kind, inCounty, total, withinPolicy, aid, registered, CriticalIllnessInsured: true);

    private static (decimal Basic, decimal Critical, decimal Assistance, decimal Supplementary, decimal HealthPolicy) Layers(Reimbursement r) =>
        (r.BasicInsurance, r.CriticalIllness, r.MedicalAssistance, r.Supplementary, r.HealthPolicy);

    [Fact]
    public void A_poor_patients_in_county_stay_is_reimbursed_layer_by_layer_and_topped_up_to_90_percent_of_the_within_policy_costs()
    {
        // 30,000 in all, 20,000 within policy. Basic (20,000 − 300) × 70% = 13,790 → 6,210 left; critical illness
        // (6,210 − 5,000) × 60% = 726 → 5,484; assistance 30% = 1,645.20 → 3,838.80; supplementary 20% = 767.76 →
        // 3,071.04 left: the layers paid 16,928.96 (84.64%); the 985 policy adds 1,071.04 to reach 18,000 (90%).
        var r = ReimbursementCalculator.Calculate(Claim(30_000m, 20_000m), YearToDate.None, County);

        Assert.Equal((13_790m, 726m, 1_645.20m, 767.76m, 1_071.04m), Layers(r));
        Assert.Equal(18_000m, r.Reimbursed);
        Assert.True(r.HealthPolicyApplies);
        // The 10,000 outside the policy are the patient's: 12,000 out of pocket in all, 2,000 of them within policy.
        Assert.Equal(2_000m, r.After.HealthPolicyOutOfPocket);
        Assert.Equal(12_000m, 30_000m - r.Reimbursed);
    }

    [Fact]
    public void The_yearly_out_of_pocket_cap_of_5000_tops_up_beyond_90_percent_when_the_bill_is_large()
    {
        // 80,000 within policy: basic 79,700 × 70% = 55,790; critical illness 19,210 × 60% = 11,526; assistance
        // 3,805.20; supplementary 1,775.76: 72,896.96 (91.12%) already passes 90%, but 7,103.04 would be left to pay,
        // more than 5,000 a year: the 985 policy pays the 2,103.04 above the cap.
        var r = ReimbursementCalculator.Calculate(Claim(80_000m, 80_000m), YearToDate.None, County);

        Assert.Equal((55_790m, 11_526m, 3_805.20m, 1_775.76m, 2_103.04m), Layers(r));
        Assert.Equal(75_000m, r.Reimbursed);
        Assert.Equal(5_000m, r.After.HealthPolicyOutOfPocket);
    }

    [Fact]
    public void A_second_stay_in_the_year_uses_the_critical_illness_deductible_met_before_and_what_is_left_of_the_cap()
    {
        var first = ReimbursementCalculator.Calculate(Claim(30_000m, 20_000m), YearToDate.None, County);

        // 10,000 within policy: basic 9,700 × 70% = 6,790 → 3,210 left, all of it above the deductible met by the first
        // stay: critical illness 1,926 → 1,284; assistance 385.20; supplementary 179.76 → 719.04 left (92.81%, no top-up).
        var second = ReimbursementCalculator.Calculate(Claim(10_000m, 10_000m), first.After, County);

        Assert.Equal((6_790m, 1_926m, 385.20m, 179.76m, 0m), Layers(second));
        Assert.Equal(2_719.04m, second.After.HealthPolicyOutOfPocket);

        // A third stay when only 280.96 of the 5,000 is left: the patient pays at most that.
        var third = ReimbursementCalculator.Calculate(Claim(50_000m, 40_000m), second.After with { HealthPolicyOutOfPocket = 4_719.04m }, County);
        Assert.Equal(280.96m, 40_000m - third.Reimbursed);
        Assert.Equal(5_000m, third.After.HealthPolicyOutOfPocket);
    }

    [Fact]
    public void Outpatient_care_of_a_special_chronic_illness_is_topped_up_to_80_percent()
    {
        // 2,000 within policy: basic 60% = 1,200; nothing passes the critical-illness deductible; assistance 30% of 800
        // = 240; supplementary 20% of 560 = 112: 1,552 (77.6%); the 985 policy adds 48 to reach 1,600 (80%).
        var r = ReimbursementCalculator.Calculate(Claim(2_000m, 2_000m, ClaimKind.SpecialOutpatient), YearToDate.None, County);

        Assert.Equal((1_200m, 0m, 240m, 112m, 48m), Layers(r));
        Assert.Equal(1_600m, r.Reimbursed);
    }

    [Fact]
    public void Treatment_outside_the_county_gets_the_layers_at_their_own_rates_and_no_985_top_up()
    {
        // 20,000: basic (20,000 − 1,000) × 55% = 10,450; critical illness (9,550 − 5,000) × 60% = 2,730; assistance 30% of
        // 6,820 = 2,046; supplementary 20% of 4,774 = 954.80; 3,819.20 left to pay (80.9%).
        var r = ReimbursementCalculator.Calculate(Claim(20_000m, 20_000m, inCounty: false), YearToDate.None, County);

        Assert.Equal((10_450m, 2_730m, 2_046m, 954.80m, 0m), Layers(r));
        Assert.False(r.HealthPolicyApplies);
        Assert.Equal(0m, r.After.HealthPolicyOutOfPocket);
    }

    [Theory]
    [InlineData(AidClass.MinimumLiving, 2_247, 192.60, 0)] // 低保: 70% of the 3,210 left → 963; supplementary 192.60 → 92.30%, no top-up
    [InlineData(AidClass.ExtremePoverty, 3_210, 0, 0)] // 特困: assistance pays all that is left
    public void Medical_assistance_pays_by_aid_class(AidClass aid, decimal assistance, decimal supplementary, decimal topUp)
    {
        var r = ReimbursementCalculator.Calculate(Claim(10_000m, 10_000m, aid: aid), YearToDate.None, County);

        Assert.Equal((6_790m, 0m, assistance, supplementary, topUp), Layers(r));
    }

    [Fact]
    public void A_household_under_monitoring_only_gets_the_insurances_and_assistance_but_not_the_supplementary_cover_or_the_985_policy()
    {
        // 边缘户 (never registered as poor): basic 6,790; assistance 20% of 3,210 = 642; nothing more.
        var r = ReimbursementCalculator.Calculate(Claim(10_000m, 10_000m, aid: AidClass.Monitored, registered: false), YearToDate.None, County);

        Assert.Equal((6_790m, 0m, 642m, 0m, 0m), Layers(r));
        Assert.False(r.HealthPolicyApplies);
    }

    [Fact]
    public void Every_layer_stops_at_its_yearly_cap()
    {
        var nearlyUsed = new YearToDate(149_000m, 100_000m, 299_500m, 19_900m, 19_950m, 0m, 0m);

        var r = ReimbursementCalculator.Calculate(Claim(20_000m, 20_000m, inCounty: false), nearlyUsed, County);

        Assert.Equal((1_000m, 500m, 100m, 50m, 0m), Layers(r));
    }

    [Fact]
    public void Without_critical_illness_insurance_that_layer_pays_nothing_and_its_deductible_does_not_move()
    {
        var r = ReimbursementCalculator.Calculate(Claim(20_000m, 20_000m, inCounty: false) with { CriticalIllnessInsured = false }, YearToDate.None, County);

        Assert.Equal(0m, r.CriticalIllness);
        Assert.Equal(0m, r.After.CriticalIllnessBase);
    }

    [Fact]
    public void Costs_outside_the_policy_are_never_reimbursed()
    {
        var r = ReimbursementCalculator.Calculate(Claim(5_000m, 0m), YearToDate.None, County);

        Assert.Equal(0m, r.Reimbursed);
    }
}
