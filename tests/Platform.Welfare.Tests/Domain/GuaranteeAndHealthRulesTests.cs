using Platform.Welfare.Domain;

namespace Platform.Welfare.Tests.Domain;

/// <summary>
/// domain.md, Household exit: "basic medical care (every member in the resident medical insurance and
/// critical-illness insurance)"; the issue: "every member of a registered household enrolled … with the premium
/// subsidised, the basic-medical guarantee per household … met only when every current member is covered";
/// "chronic-disease certificates … and disability grades — changes go to the registry".
/// </summary>
public class GuaranteeAndHealthRulesTests
{
    [Fact]
    public void The_basic_medical_guarantee_is_met_only_when_every_current_member_is_in_both_insurances()
    {
        Assert.Equal((true, "全户3人均已参加2026年城乡居民基本医疗保险和大病保险"), MedicalGuarantee.Assess(3, 3, 2026));
        Assert.Equal((false, "2026年全户3人中1人未参加城乡居民基本医疗保险和大病保险"), MedicalGuarantee.Assess(3, 2, 2026));
        Assert.False(MedicalGuarantee.Assess(0, 0, 2026).Met);
    }

    [Fact]
    public void A_guarantee_reports_a_change_of_verdict_or_figures_and_nothing_when_they_stay()
    {
        var guarantee = new MedicalGuarantee { HouseholdId = Guid.NewGuid() };
        var now = DateTimeOffset.UnixEpoch;
        Assert.True(guarantee.Apply(2, 0, 2026, now));
        Assert.False(guarantee.Apply(2, 0, 2026, now));
        Assert.True(guarantee.Apply(2, 2, 2026, now));
        Assert.True(guarantee.Met);
        Assert.True(guarantee.Apply(3, 2, 2026, now)); // a newborn, not insured yet
        Assert.False(guarantee.Met);
    }

    [Theory]
    [InlineData(AidClass.ExtremePoverty, 400)]
    [InlineData(AidClass.MinimumLiving, 280)]
    [InlineData(AidClass.Registered, 200)]
    public void The_premium_is_subsidised_by_aid_class(AidClass aidClass, decimal subsidy)
    {
        var rates = new Dictionary<AidClass, decimal> { [AidClass.ExtremePoverty] = 1.0m, [AidClass.MinimumLiving] = 0.7m, [AidClass.Registered] = 0.5m };
        Assert.Equal(subsidy, PremiumSubsidy.Of(400m, aidClass, rates));
        Assert.Equal(0m, PremiumSubsidy.Of(400m, AidClass.Monitored, rates)); // not configured: none
    }

    private static ChronicCertificate Certificate(bool serious, bool revoked = false)
    {
        var certificate = new ChronicCertificate
        {
            Id = Guid.NewGuid(), MemberId = Guid.NewGuid(), HouseholdId = Guid.NewGuid(), Disease = serious ? "尿毒症" : "高血压", Serious = serious, Issuer = "县卫健局",
            IssuedOn = new DateOnly(2026, 1, 1), RecordedBy = "tests", RecordedAt = DateTimeOffset.UnixEpoch,
        };
        if (revoked)
        {
            Assert.True(certificate.Revoke(new DateOnly(2026, 6, 1), "治愈", new DateOnly(2026, 11, 30)).Succeeded);
        }

        return certificate;
    }

    private static DisabilityAssessment Disability(int? grade) => new()
    {
        Id = Guid.NewGuid(), MemberId = Guid.NewGuid(), HouseholdId = Guid.NewGuid(), Kind = grade is null ? null : DisabilityKind.Physical, Grade = grade,
        AssessedOn = new DateOnly(2026, 5, 1), Assessor = "县残联", RecordedBy = "tests", RecordedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void The_records_say_disabled_before_serious_before_chronic_before_healthy()
    {
        Assert.Equal(new MemberHealth("disabled", 2), HealthRules.ByRecords([Certificate(serious: true)], Disability(2)));
        Assert.Equal(new MemberHealth("serious", null), HealthRules.ByRecords([Certificate(serious: false), Certificate(serious: true)], null));
        Assert.Equal(new MemberHealth("chronic", null), HealthRules.ByRecords([Certificate(serious: false)], Disability(null)));
        Assert.Equal(MemberHealth.Healthy, HealthRules.ByRecords([Certificate(serious: false, revoked: true)], null));
        Assert.Null(HealthRules.ByRecords([], null));
    }

    [Fact]
    public void A_certificate_raises_the_registrys_health_and_its_revocation_lowers_only_what_the_pillar_set()
    {
        var healthy = MemberHealth.Healthy;
        var chronic = new MemberHealth("chronic", null);

        // Issued to a healthy member: the registry hears "chronic".
        Assert.Equal(chronic, HealthRules.Assessment(healthy, before: null, after: chronic));

        // Revoked, after the registry took it: "healthy" again.
        Assert.Equal(healthy, HealthRules.Assessment(chronic, before: chronic, after: healthy));

        // The registry knows the member as seriously ill from a cadre's record: a chronic certificate and its
        // revocation change nothing there.
        var serious = new MemberHealth("serious", null);
        Assert.Null(HealthRules.Assessment(serious, before: null, after: chronic));
        Assert.Null(HealthRules.Assessment(serious, before: chronic, after: healthy));

        // A disability grade from the federation replaces the registry's grade.
        Assert.Equal(new MemberHealth("disabled", 1), HealthRules.Assessment(new MemberHealth("disabled", 3), before: null, after: new MemberHealth("disabled", 1)));

        // Nothing new: nothing to tell.
        Assert.Null(HealthRules.Assessment(chronic, before: null, after: chronic));
    }
}
