using System.Net;
using System.Text.Json;
using Platform.Contracts.Households;
using Platform.Testing;

namespace Platform.Education.Tests.Api;

/// <summary>Students known from the registry's events, over the real RabbitMQ and PostgreSQL.</summary>
public class StudentsTests(EducationFixture fixture) : IClassFixture<EducationFixture>
{
    private readonly HttpClient client = fixture.Host.CreateHttpClient(TestTokens.CountyOffice());

    private async Task<JsonElement> StudentsAsync(Guid household) =>
        JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/education/households/{household}/students", UriKind.Relative))).RootElement;

    private async Task<JsonElement> StudentsWhenAsync(Guid household, Func<JsonElement, bool> condition, string because) =>
        (JsonElement)await Eventually.ReturnsAsync<object>(
            async () =>
            {
                using var response = await client.GetAsync(new Uri($"/api/education/households/{household}/students", UriKind.Relative));
                if (!response.IsSuccessStatusCode)
                {
                    return null;
                }

                var students = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                return condition(students) ? students : null;
            },
            TimeSpan.FromSeconds(30),
            because);

    [Fact]
    public async Task A_registered_household_s_members_of_school_age_become_students()
    {
        var head = Registry.Member("户主", Registry.BornAged(40), "王大山");
        var child = Registry.Member("之子", Registry.BornAged(12), "王小明");
        var student = Registry.Member("之女", Registry.BornAged(20), "王小红");
        var baby = Registry.Member("之孙子", Registry.BornAged(1), "王小宝");
        var registered = Registry.Registered(head, child, student, baby);

        await fixture.PublishAsync(registered);
        await fixture.PublishAsync(registered); // redelivered: applied once

        var students = await StudentsWhenAsync(registered.HouseholdId, s => s.GetArrayLength() == 2, "the household's school-age members are known");
        var names = students.EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Equal(["王小红", "王小明"], names); // oldest first
        var ming = students.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "王小明");
        Assert.Equal(Registry.VillageCode, ming.GetProperty("villageCode").GetString());
        Assert.True(ming.GetProperty("compulsoryAge").GetBoolean());
        Assert.Equal("unknown", ming.GetProperty("enrolment").GetString());
        Assert.Equal(12, ming.GetProperty("schoolAge").GetInt32());
        // The full ID number never leaves the service.
        Assert.DoesNotContain(child.IdNumber, students.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("********", ming.GetProperty("idNumber").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_added_and_removed_later_are_followed()
    {
        var registered = Registry.Registered(Registry.Member("户主", Registry.BornAged(38), "李大海"));
        await fixture.PublishAsync(registered);
        await Eventually.AssertAsync(
            async () => (await client.GetAsync(new Uri($"/api/education/households/{registered.HouseholdId}/students", UriKind.Relative))).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30),
            "the household is known");
        Assert.Equal(0, (await StudentsAsync(registered.HouseholdId)).GetArrayLength());

        var child = Registry.Member("之子", Registry.BornAged(7), "李小海");
        await fixture.PublishAsync(new HouseholdMemberAdded
        {
            EventId = Guid.NewGuid(), HouseholdId = registered.HouseholdId, OccurredAt = DateTimeOffset.UtcNow, Reason = MemberAdditionReason.MovedIn, Member = child,
        });
        await StudentsWhenAsync(registered.HouseholdId, s => s.GetArrayLength() == 1, "the child who moved in is a student");

        await fixture.PublishAsync(new HouseholdMemberRemoved
        {
            EventId = Guid.NewGuid(), HouseholdId = registered.HouseholdId, OccurredAt = DateTimeOffset.UtcNow, MemberId = child.MemberId, Reason = MemberRemovalReason.MovedOut,
        });
        await StudentsWhenAsync(
            registered.HouseholdId,
            s => s.EnumerateArray().Single().GetProperty("leftAt").ValueKind == JsonValueKind.String,
            "the child who moved out has left");
    }

    [Fact]
    public async Task An_unknown_household_is_404()
    {
        using var response = await client.GetAsync(new Uri($"/api/education/households/{Guid.NewGuid()}/students", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_token_the_service_refuses()
    {
        using var anonymous = fixture.Host.CreateHttpClient(token: null);
        using var response = await anonymous.GetAsync(new Uri($"/api/education/dropouts", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
