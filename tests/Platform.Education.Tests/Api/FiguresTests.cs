using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.Households;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.Education.Tests.Api;

/// <summary>Facilities and the county's education figures, within the caller's data scope (this class has a database of its own).</summary>
public class FiguresTests(EducationFixture fixture) : IClassFixture<EducationFixture>
{
    private const string Village = "420325004001";
    private const string OtherVillage = "420325005001";
    private readonly HttpClient client = fixture.Host.CreateHttpClient(TestTokens.CountyOffice());

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private async Task<JsonElement> FiguresAsync(HttpClient caller) =>
        await JsonAsync(await caller.GetAsync(new Uri("/api/education/figures", UriKind.Relative)));

    [Fact]
    public async Task Facilities_are_registered_by_the_county_with_the_villages_they_serve()
    {
        using var created = await client.PostAsJsonAsync("/api/education/facilities", new
        {
            kind = "kindergarten", name = "东河村幼儿园", villageCode = "420325006001", servedVillages = new[] { "420325006002" }, capacity = 60,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var served = (await JsonAsync(created)).GetProperty("servedVillages").EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.Equal(["420325006001", "420325006002"], served);

        using var duplicate = await client.PostAsJsonAsync("/api/education/facilities", new { kind = "kindergarten", name = "东河村幼儿园", villageCode = "420325006001" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        using var bad = await client.PostAsJsonAsync("/api/education/facilities", new { kind = "school", name = "", villageCode = "42", servedVillages = new[] { "x" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await JsonAsync(bad)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("kind", out _) && errors.TryGetProperty("name", out _) && errors.TryGetProperty("villageCode", out _) && errors.TryGetProperty("servedVillages", out _));

        // The county registers them; a village cadre may not, but sees those serving the village.
        using var cadre = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: "420325006002"));
        using var refused = await cadre.PostAsJsonAsync("/api/education/facilities", new { kind = "care-centre", name = "关爱中心", villageCode = "420325006002" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var seen = await JsonAsync(await cadre.GetAsync(new Uri("/api/education/facilities", UriKind.Relative)));
        Assert.Equal("东河村幼儿园", Assert.Single(seen.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());
        var byServed = await JsonAsync(await client.GetAsync(new Uri("/api/education/facilities?kind=kindergarten&village=420325006002", UriKind.Relative)));
        Assert.Equal(1, byServed.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task The_figures_count_students_cases_aid_coverage_training_and_facilities_within_the_caller_s_scope()
    {
        var boarder = Registry.Member("之子", Registry.BornAged(12), "冯小刚");
        var dayPupil = Registry.Member("之女", Registry.BornAged(9), "冯小丽");
        var vocational = Registry.Member("之子", Registry.BornAged(16), "冯大刚");
        await fixture.RegisterAsync(client, Village, 3, boarder, dayPupil, vocational);
        var dropout = Registry.Member("之子", Registry.BornAged(13), "韩小东");
        await fixture.RegisterAsync(client, OtherVillage, 1, dropout);

        var rolls = await fixture.ImportRollsAsync(
            EducationFixture.Enrolled(boarder, "junior", 1, boarding: true),
            EducationFixture.Enrolled(dayPupil, "primary", 4),
            EducationFixture.Enrolled(vocational, "vocational", 2),
            new Contracts.Grpc.Education.V1.SchoolRollRecord
            {
                ClientRef = "d", IdNumber = dropout.IdNumber, Name = dropout.Name, Status = "dropped-out", Stage = "junior", Grade = 2, SchoolName = "二中",
                AdministrativeOfficer = new() { Name = "张镇长", Position = "乡镇长" }, EducationOfficer = new() { Name = "李老师", Position = "班主任" },
            });
        Assert.Equal((4, 1), (rolls.Accepted, rolls.CasesOpened));
        using (var granted = await client.PostAsJsonAsync("/api/education/aid/grants", new { policy = "nutrition-meals", studentId = boarder.MemberId }))
        {
            Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        }

        using (var kindergarten = await client.PostAsJsonAsync("/api/education/facilities", new { kind = "kindergarten", name = "幼儿园", villageCode = Village }))
        using (var centre = await client.PostAsJsonAsync("/api/education/facilities", new { kind = "care-centre", name = "关爱中心", villageCode = OtherVillage }))
        {
            Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (kindergarten.StatusCode, centre.StatusCode));
        }

        var county = await FiguresAsync(client);
        var students = county.GetProperty("students");
        Assert.True(students.GetProperty("total").GetInt32() >= 4);
        var byStage = students.GetProperty("byStage");
        Assert.True(byStage.GetProperty("junior").GetInt32() >= 2 && byStage.GetProperty("vocational").GetInt32() >= 1);
        Assert.True(county.GetProperty("dropoutCases").GetProperty("open").GetInt32() >= 1);
        var coverage = county.GetProperty("aidCoverage").EnumerateArray().ToDictionary(c => c.GetProperty("policy").GetString()!);
        Assert.Equal(5, coverage.Count);
        Assert.Equal(100m, coverage["nutrition-meals"].GetProperty("goal").GetDecimal());
        Assert.True(coverage["nutrition-meals"].GetProperty("covered").GetInt32() >= 1);
        Assert.True(coverage["living-subsidy"].GetProperty("entitled").GetInt32() >= 1);
        Assert.True(county.GetProperty("kindergartens").GetInt32() >= 1 && county.GetProperty("careCentres").GetInt32() >= 1);

        // The village's cadre: exactly the village's own figures.
        using var cadre = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: Village));
        var own = await FiguresAsync(cadre);
        Assert.Equal(3, own.GetProperty("students").GetProperty("total").GetInt32());
        Assert.Equal(0, own.GetProperty("dropoutCases").GetProperty("open").GetInt32());
        var ownCoverage = own.GetProperty("aidCoverage").EnumerateArray().ToDictionary(c => c.GetProperty("policy").GetString()!);
        Assert.Equal((2, 1, 50m), (ownCoverage["nutrition-meals"].GetProperty("entitled").GetInt32(), ownCoverage["nutrition-meals"].GetProperty("covered").GetInt32(), ownCoverage["nutrition-meals"].GetProperty("percent").GetDecimal()));
        Assert.Equal((1, 0), (ownCoverage["living-subsidy"].GetProperty("entitled").GetInt32(), ownCoverage["living-subsidy"].GetProperty("covered").GetInt32()));
        Assert.Equal(1, ownCoverage["rain-dew"].GetProperty("entitled").GetInt32());
        Assert.Equal((1, 0), (own.GetProperty("kindergartens").GetInt32(), own.GetProperty("careCentres").GetInt32()));

        using var otherTownship = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.TownshipOfficer, township: "420325009"));
        var none = await FiguresAsync(otherTownship);
        Assert.Equal(0, none.GetProperty("students").GetProperty("total").GetInt32());
        Assert.Equal(0, none.GetProperty("kindergartens").GetInt32());
    }

    [Fact]
    public async Task A_status_change_is_kept_and_applied_once()
    {
        var child = Registry.Member("之子", Registry.BornAged(8), "蒋小北");
        var registered = await fixture.RegisterAsync(client, "420325004002", 1, child);
        var changed = new HouseholdStatusChanged
        {
            EventId = Guid.NewGuid(), HouseholdId = registered.HouseholdId, OccurredAt = DateTimeOffset.UtcNow,
            PreviousStatus = HouseholdStatus.Poor, Status = HouseholdStatus.Exited, Reason = "脱贫",
        };
        await fixture.PublishAsync(changed);
        await fixture.PublishAsync(changed); // redelivered
        await Eventually.AssertAsync(
            () => fixture.QueryAsync(async db => (await db.Households.FindAsync(registered.HouseholdId))!.Status == HouseholdStatus.Exited),
            TimeSpan.FromSeconds(30),
            "the household is exited here too");
        // An older change arriving late (sent back from an error queue, say) does not undo the newer one.
        var late = changed with { EventId = Guid.NewGuid(), OccurredAt = changed.OccurredAt.AddHours(-1), Status = HouseholdStatus.Monitored };
        await fixture.PublishAsync(late);
        Assert.Equal(0, await fixture.DrainAsync());
        Assert.Equal(2, await fixture.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.InboxMessages, m => m.MessageId == changed.EventId || m.MessageId == late.EventId)));
        Assert.Equal(HouseholdStatus.Exited, await fixture.QueryAsync(async db => (await db.Households.FindAsync(registered.HouseholdId))!.Status));
    }

    [Fact]
    public async Task A_moved_household_takes_its_students_to_the_new_village_and_a_late_older_move_changes_nothing()
    {
        var child = Registry.Member("之女", Registry.BornAged(9), "韩小西");
        var registered = await fixture.RegisterAsync(client, "420325004002", 1, child);
        var moved = new HouseholdMoved
        {
            EventId = Guid.NewGuid(), HouseholdId = registered.HouseholdId, OccurredAt = DateTimeOffset.UtcNow,
            PreviousVillageCode = "420325004002", TownshipCode = "420325005", VillageCode = "420325005001", Reason = "易地扶贫搬迁",
        };
        await fixture.PublishAsync(moved);
        await fixture.PublishAsync(moved); // redelivered
        await Eventually.AssertAsync(
            () => fixture.QueryAsync(async db => (await db.Students.FindAsync(child.MemberId))!.VillageCode == "420325005001"),
            TimeSpan.FromSeconds(30),
            "the student follows the household");

        // An older move arriving late (sent back from an error queue, say) changes nothing.
        var late = moved with { EventId = Guid.NewGuid(), OccurredAt = moved.OccurredAt.AddHours(-1), TownshipCode = "420325004", VillageCode = "420325004001" };
        await fixture.PublishAsync(late);
        Assert.Equal(0, await fixture.DrainAsync());
        Assert.Equal(2, await fixture.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.InboxMessages, m => m.MessageId == moved.EventId || m.MessageId == late.EventId)));
        var student = await fixture.QueryAsync(async db => (await db.Students.FindAsync(child.MemberId))!);
        Assert.Equal(("420325005", "420325005001"), (student.TownshipCode, student.VillageCode));
    }
}
