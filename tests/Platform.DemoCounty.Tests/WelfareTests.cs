namespace Platform.DemoCounty.Tests;

/// <summary>The demo county's welfare data: every document number the welfare service keeps unique is unique in the full county.</summary>
public sealed class WelfareTests(FullCountyFixture county) : IClassFixture<FullCountyFixture>
{
    [Fact]
    public void Every_chronic_disease_certificate_hospital_settlement_and_payout_claim_has_a_number_of_its_own_in_the_full_county()
    {
        // Numbers made of part of an ID number repeated for people born on the same day with the same sequence
        // number: the full county's load refused 185 certificates and took 31 settlements as recorded before.
        var welfare = new DemoWelfare(county.Generator, new DateOnly(2026, 11, 30));

        var certificates = welfare.Certificates().Select(c => c.CertificateNumber).ToList();
        var settlements = welfare.Claims().Select(c => c.SettlementNumber).ToList();
        var payouts = welfare.Payouts().Select(p => p.ClaimNumber).ToList();

        Assert.True(certificates.Count > 30_000, $"{certificates.Count} certificates");
        Assert.Equal(certificates.Count, certificates.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(settlements.Count, settlements.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(payouts.Count, payouts.Distinct(StringComparer.Ordinal).Count());
        Assert.All(certificates.Concat(settlements), n => Assert.InRange(n.Length, 1, 40));
    }
}
