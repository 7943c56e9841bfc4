using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using Platform.Contracts.Grpc.Education.V1;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.Education.Tests.Api;

/// <summary>Who may read and write the pillar's records.</summary>
public class AccessTests(EducationFixture fixture) : IClassFixture<EducationFixture>
{
    [Theory]
    [InlineData(PlatformRoles.Auditor, HttpStatusCode.OK, HttpStatusCode.Forbidden)]
    [InlineData(PlatformRoles.DepartmentOfficer, HttpStatusCode.OK, HttpStatusCode.BadRequest)]
    [InlineData("visitor", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    public async Task Reading_needs_a_platform_role_and_opening_a_case_a_writing_one(string role, HttpStatusCode list, HttpStatusCode open)
    {
        using var client = fixture.Host.CreateHttpClient(TestTokens.ForRole(role));

        Assert.Equal(list, (await client.GetAsync(new Uri("/api/education/dropouts", UriKind.Relative))).StatusCode);
        // An empty case: a writer gets past authorization to validation (400); others stop at 403.
        Assert.Equal(open, (await client.PostAsJsonAsync("/api/education/dropouts", new { })).StatusCode);
    }

    [Fact]
    public async Task An_auditor_cannot_import_school_rolls()
    {
        using var channel = fixture.Host.CreateGrpcChannel(TestTokens.ForRole(PlatformRoles.Auditor));
        using var call = new SchoolRolls.SchoolRollsClient(channel).ImportSchoolRolls();
        await call.RequestStream.CompleteAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task Village_and_township_staff_see_only_the_students_of_their_place()
    {
        var registered = Registry.Registered(Registry.Member("户主", Registry.BornAged(41), "赵山"), Registry.Member("之子", Registry.BornAged(10), "赵小山"));
        await fixture.PublishAsync(registered);
        using var county = fixture.Host.CreateHttpClient(TestTokens.CountyOffice());
        await Eventually.AssertAsync(
            async () => (await StudentsAsync(county, registered.HouseholdId)).GetArrayLength() == 1,
            TimeSpan.FromSeconds(30),
            "the child is known");

        using var ownVillage = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: Registry.VillageCode));
        using var otherVillage = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: "420325001099"));
        using var otherTownship = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.TownshipOfficer, township: "420325002"));

        Assert.Equal(1, (await StudentsAsync(ownVillage, registered.HouseholdId)).GetArrayLength());
        // Another village's household is not found (404), exactly as a household that does not exist, not an empty list.
        var path = new Uri($"/api/education/households/{registered.HouseholdId}/students", UriKind.Relative);
        Assert.Equal(HttpStatusCode.NotFound, (await otherVillage.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherTownship.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherVillage.GetAsync(new Uri($"/api/education/households/{registered.HouseholdId}/training", UriKind.Relative))).StatusCode);
        Assert.Equal(0, await TotalAsync(otherTownship, "/api/education/students?pageSize=200"));
        Assert.Equal(0, await TotalAsync(otherVillage, "/api/education/students/out-of-school?pageSize=200"));
        Assert.True(await TotalAsync(ownVillage, "/api/education/students?pageSize=200") >= 1);
    }

    [Fact]
    public async Task A_dropout_case_of_another_village_does_not_exist_for_a_village_cadre()
    {
        var child = Registry.Member("之子", Registry.BornAged(11), "钱小川");
        var registered = Registry.Registered(Registry.Member("户主", Registry.BornAged(42), "钱川"), child);
        await fixture.PublishAsync(registered);
        using var county = fixture.Host.CreateHttpClient(TestTokens.CountyOffice());
        await Eventually.AssertAsync(
            async () => (await StudentsAsync(county, registered.HouseholdId)).GetArrayLength() == 1,
            TimeSpan.FromSeconds(30),
            "the child is known");
        var open = new
        {
            studentId = child.MemberId,
            trigger = "not-enrolled",
            reason = "适龄未入学",
            administrativeOfficer = new { name = "张村长", position = "村主任" },
            educationOfficer = new { name = "李老师", position = "班主任" },
        };

        using var otherVillage = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: "420325001099"));
        Assert.Equal(HttpStatusCode.NotFound, (await otherVillage.PostAsJsonAsync("/api/education/dropouts", open)).StatusCode);

        using var ownVillage = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: Registry.VillageCode));
        using var opened = await ownVillage.PostAsJsonAsync("/api/education/dropouts", open);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var caseId = System.Text.Json.JsonDocument.Parse(await opened.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await otherVillage.GetAsync(new Uri($"/api/education/dropouts/{caseId}", UriKind.Relative))).StatusCode);
        var visit = new { visitedOn = Registry.Today, line = "administrative", visitors = "张村长", note = "入户劝返" };
        Assert.Equal(HttpStatusCode.NotFound, (await otherVillage.PostAsJsonAsync($"/api/education/dropouts/{caseId}/visits", visit)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherVillage.PostAsJsonAsync($"/api/education/dropouts/{caseId}/closure", new { outcome = "over-age" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ownVillage.GetAsync(new Uri($"/api/education/dropouts/{caseId}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ownVillage.PostAsJsonAsync($"/api/education/dropouts/{caseId}/visits", visit)).StatusCode);
    }

    private static async Task<System.Text.Json.JsonElement> StudentsAsync(HttpClient client, Guid household) =>
        System.Text.Json.JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/education/households/{household}/students", UriKind.Relative))).RootElement;

    private static async Task<long> TotalAsync(HttpClient client, string path) =>
        System.Text.Json.JsonDocument.Parse(await client.GetStringAsync(new Uri(path, UriKind.Relative))).RootElement.GetProperty("total").GetInt64();
}
