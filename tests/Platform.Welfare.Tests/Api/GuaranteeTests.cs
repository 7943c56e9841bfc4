using System.Net;
using System.Net.Http.Json;
using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.Testing;

namespace Platform.Welfare.Tests.Api;

/// <summary>
/// The basic-medical guarantee the pillar owns: assessed when it learns a household and on every change of its
/// members and their insurance, met only when every current member is in both insurances, told to the registry.
/// </summary>
public class GuaranteeTests(WelfareFixture fixture) : IClassFixture<WelfareFixture>
{
    private const string Village = "420325001001";

    [Fact]
    public async Task A_household_is_assessed_when_followed_and_again_as_members_are_insured_born_and_leave()
    {
        var head = WelfareFixture.Member("户主", 52, "罗大成");
        var wife = WelfareFixture.Member("配偶", 50, "罗桂芳");
        var registered = await fixture.RegisterAsync(Village, head, wife);

        var first = await fixture.GuaranteeAsync(registered.HouseholdId, met: false);
        Assert.Equal((Pillar.Welfare, Guarantee.BasicMedicalCare), (first.Source, first.Guarantee));
        Assert.Contains("2人未参加", first.Reason, StringComparison.Ordinal);

        await fixture.InsureAsync(head);
        await fixture.DrainAsync();
        Assert.False(fixture.Published<GuaranteeAssessed>().Last(a => a.HouseholdId == registered.HouseholdId).Met);
        await fixture.InsureAsync(wife);
        await fixture.GuaranteeAsync(registered.HouseholdId, met: true);

        // A child is born: not insured yet, so the guarantee is broken until the child is enrolled.
        var baby = WelfareFixture.Member("之子", 0, "罗小成", labour: "not-working-age");
        await fixture.PublishAsync(new HouseholdMemberAdded { EventId = Guid.NewGuid(), HouseholdId = registered.HouseholdId, OccurredAt = DateTimeOffset.UtcNow, Reason = MemberAdditionReason.Born, Member = baby });
        var broken = await fixture.GuaranteeAsync(registered.HouseholdId, met: false);
        Assert.Contains("3人中1人", broken.Reason, StringComparison.Ordinal);

        // The only uninsured member leaves: met again.
        await fixture.PublishAsync(new HouseholdMemberRemoved
        {
            EventId = Guid.NewGuid(), HouseholdId = registered.HouseholdId, OccurredAt = DateTimeOffset.UtcNow, MemberId = baby.MemberId, Reason = MemberRemovalReason.MovedOut,
        });
        await fixture.GuaranteeAsync(registered.HouseholdId, met: true);

        using var county = fixture.County();
        var unmet = await WelfareFixture.GetJsonAsync(county, "/api/welfare/insurance/guarantees?met=false&pageSize=200");
        Assert.DoesNotContain(unmet.GetProperty("items").EnumerateArray(), g => g.GetProperty("householdId").GetGuid() == registered.HouseholdId);
    }

    [Fact]
    public async Task The_premium_is_subsidised_by_the_households_aid_class_and_enrolling_twice_changes_nothing()
    {
        var alone = WelfareFixture.Member("户主", 75, "吴老汉", labour: "none");
        var registered = await fixture.RegisterAsync(Village, alone);
        using var county = fixture.County();

        // Registered poor household: half of the 400 premium.
        using var enrolled = await county.PostAsJsonAsync("/api/welfare/insurance/enrolments", new { memberId = alone.MemberId });
        Assert.Equal(HttpStatusCode.Created, enrolled.StatusCode);
        var body = await WelfareFixture.JsonAsync(enrolled);
        Assert.Equal(("registered", 200m), (body.GetProperty("subsidyClass").GetString(), body.GetProperty("subsidy").GetDecimal()));
        var outbox = await fixture.OutboxCountAsync();

        using var again = await county.PostAsJsonAsync("/api/welfare/insurance/enrolments", new { memberId = alone.MemberId });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(outbox, await fixture.OutboxCountAsync());
        Assert.Equal(1, (await WelfareFixture.GetJsonAsync(county, $"/api/welfare/insurance/enrolments?householdId={registered.HouseholdId}")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Bad_enrolments_are_refused_with_their_field_and_write_nothing()
    {
        var member = WelfareFixture.Member("户主", 40, "何青山");
        await fixture.RegisterAsync(Village, member);
        using var county = fixture.County();
        var outbox = await fixture.OutboxCountAsync();

        using var noMember = await county.PostAsJsonAsync("/api/welfare/insurance/enrolments", new { });
        Assert.Equal(HttpStatusCode.BadRequest, noMember.StatusCode);
        Assert.True((await WelfareFixture.JsonAsync(noMember)).GetProperty("errors").TryGetProperty("memberId", out _));

        using var farYear = await county.PostAsJsonAsync("/api/welfare/insurance/enrolments", new { memberId = member.MemberId, year = WelfareFixture.Today.Year + 3 });
        Assert.Equal(HttpStatusCode.BadRequest, farYear.StatusCode);
        Assert.Equal("application/problem+json", farYear.Content.Headers.ContentType?.MediaType);

        using var unknown = await county.PostAsJsonAsync("/api/welfare/insurance/enrolments", new { memberId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(outbox, await fixture.OutboxCountAsync());
    }
}
