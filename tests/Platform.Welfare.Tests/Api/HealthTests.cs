using System.Net;
using System.Net.Http.Json;
using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.Testing;

namespace Platform.Welfare.Tests.Api;

/// <summary>Chronic-disease certificates with drug delivery, and disability assessments: changes go to the registry's member record.</summary>
public class HealthTests(WelfareFixture fixture) : IClassFixture<WelfareFixture>
{
    private const string Village = "420325004001";

    private Task<MemberHealthAssessed> AssessedAsync(Guid member, string health) =>
        Eventually.ReturnsAsync(
            () => Task.FromResult(fixture.Published<MemberHealthAssessed>().LastOrDefault(a => a.MemberId == member) is { } last && last.Health == health ? last : null),
            WelfareFixture.Patience,
            $"the registry is told the member is {health}");

    [Fact]
    public async Task A_certificate_makes_a_healthy_member_chronic_in_the_registry_and_its_revocation_healthy_again()
    {
        var patient = WelfareFixture.Member("户主", 61, "陈高压");
        await fixture.RegisterAsync(Village, patient);
        using var county = fixture.County();

        using var issued = await county.PostAsJsonAsync("/api/welfare/certificates", new { memberId = patient.MemberId, disease = "高血压", issuer = "房县卫生健康局" });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var certificate = (await WelfareFixture.JsonAsync(issued)).GetProperty("id").GetGuid();
        var assessed = await AssessedAsync(patient.MemberId, "chronic");
        Assert.Equal((Pillar.Welfare, "chronic-certificate:" + certificate), (assessed.Source, assessed.SourceRecordId));

        // Drug delivery to the patient's village (送药上门).
        using var delivered = await county.PostAsJsonAsync($"/api/welfare/certificates/{certificate}/deliveries", new { drugs = "硝苯地平缓释片 30片", deliveredBy = "城关镇卫生院家庭医生团队" });
        Assert.Equal(HttpStatusCode.Created, delivered.StatusCode);
        Assert.Equal(Village, (await WelfareFixture.JsonAsync(delivered)).GetProperty("villageCode").GetString());
        var detail = await WelfareFixture.GetJsonAsync(county, $"/api/welfare/certificates/{certificate}");
        Assert.Equal(1, detail.GetProperty("deliveries").GetArrayLength());

        // The same disease again is a conflict, not a second certificate.
        using var twice = await county.PostAsJsonAsync("/api/welfare/certificates", new { memberId = patient.MemberId, disease = "高血压", issuer = "房县卫生健康局" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        // The registry takes the assessment and announces it; the replica follows; revocation makes the member healthy.
        await fixture.PublishAsync(new MemberHealthChanged
        {
            EventId = Guid.NewGuid(), HouseholdId = assessed.HouseholdId, OccurredAt = DateTimeOffset.UtcNow, MemberId = patient.MemberId, PreviousHealth = "healthy", Health = "chronic",
            Reason = assessed.Reason!,
        });
        Assert.Equal(0, await fixture.DrainAsync());
        using var revoked = await county.PostAsJsonAsync($"/api/welfare/certificates/{certificate}/revocation", new { reason = "复查血压正常，医生建议停药观察" });
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        await AssessedAsync(patient.MemberId, "healthy");

        using var late = await county.PostAsJsonAsync($"/api/welfare/certificates/{certificate}/deliveries", new { drugs = "药", deliveredBy = "村医" });
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
    }

    [Fact]
    public async Task A_chronic_certificate_does_not_lower_a_serious_illness_the_registry_holds()
    {
        var patient = WelfareFixture.Member("户主", 55, "杨重病", health: "serious");
        await fixture.RegisterAsync(Village, patient);
        using var county = fixture.County();

        using var issued = await county.PostAsJsonAsync("/api/welfare/certificates", new { memberId = patient.MemberId, disease = "慢性胃炎", issuer = "房县卫生健康局" });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        Assert.Equal(0, await fixture.DrainAsync());
        Assert.DoesNotContain(fixture.Published<MemberHealthAssessed>(), a => a.MemberId == patient.MemberId);
    }

    [Fact]
    public async Task A_disability_grade_goes_to_the_registry_an_older_one_is_refused_and_a_review_without_grade_ends_it()
    {
        var member = WelfareFixture.Member("户主", 44, "刘残");
        await fixture.RegisterAsync(Village, member);
        using var county = fixture.County();

        using var assessed = await county.PostAsJsonAsync("/api/welfare/disabilities", new { memberId = member.MemberId, kind = "physical", grade = 2, assessedOn = WelfareFixture.Today.AddDays(-30), assessor = "房县残疾人联合会" });
        Assert.Equal(HttpStatusCode.Created, assessed.StatusCode);
        var told = await AssessedAsync(member.MemberId, "disabled");
        Assert.Equal(2, told.DisabilityGrade);

        using var older = await county.PostAsJsonAsync("/api/welfare/disabilities", new { memberId = member.MemberId, kind = "physical", grade = 3, assessedOn = WelfareFixture.Today.AddDays(-60), assessor = "房县残疾人联合会" });
        Assert.Equal(HttpStatusCode.BadRequest, older.StatusCode);
        using var badGrade = await county.PostAsJsonAsync("/api/welfare/disabilities", new { memberId = member.MemberId, kind = "physical", grade = 5, assessor = "房县残疾人联合会" });
        Assert.Equal(HttpStatusCode.BadRequest, badGrade.StatusCode);

        var list = await WelfareFixture.GetJsonAsync(county, "/api/welfare/disabilities?grade=2&pageSize=200");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), d => d.GetProperty("memberId").GetGuid() == member.MemberId);

        // The registry takes the grade and announces it (the replica follows); then a review finds no disability.
        await fixture.PublishAsync(new MemberHealthChanged
        {
            EventId = Guid.NewGuid(), HouseholdId = told.HouseholdId, OccurredAt = DateTimeOffset.UtcNow, MemberId = member.MemberId, PreviousHealth = "healthy", Health = "disabled",
            DisabilityGrade = 2, Reason = told.Reason!,
        });
        Assert.Equal(0, await fixture.DrainAsync());
        using var review = await county.PostAsJsonAsync("/api/welfare/disabilities", new { memberId = member.MemberId, assessor = "房县残疾人联合会" });
        Assert.Equal(HttpStatusCode.Created, review.StatusCode);
        await AssessedAsync(member.MemberId, "healthy");
        list = await WelfareFixture.GetJsonAsync(county, "/api/welfare/disabilities?pageSize=200");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), d => d.GetProperty("memberId").GetGuid() == member.MemberId);
    }
}
