using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.Grpc.Education.V1;
using Platform.Contracts.Households;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.Education.Tests.Api;

/// <summary>Skills training: courses, enrolment of working-age members, completions counted in person-times and announced.</summary>
public class TrainingTests(EducationFixture fixture) : IClassFixture<EducationFixture>
{
    private const string Village = "420325003001";
    private readonly HttpClient client = fixture.Host.CreateHttpClient(TestTokens.CountyOffice());

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private async Task<Guid> CourseAsync(string name, DateOnly? startsOn = null)
    {
        var start = startsOn ?? Registry.Today.AddDays(-20);
        using var response = await client.PostAsJsonAsync("/api/education/training/courses", new
        {
            name, trade = "食用菌栽培", townshipCode = Village[..9], startsOn = start, endsOn = start.AddDays(10), organiser = "县人社局",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await JsonAsync(response)).GetProperty("id").GetGuid();
    }

    /// <summary>A household with a working-age head, a 40-year-old spouse and a 12-year-old; waits until the pillar knows them.</summary>
    private async Task<(HouseholdRegistered Household, MemberSnapshot Adult, MemberSnapshot Child)> HouseholdAsync(string name)
    {
        var adult = Registry.Member("配偶", Registry.BornAged(40), name);
        var child = Registry.Member("之子", Registry.BornAged(12), name + "儿");
        var registered = await fixture.RegisterAsync(client, Village, 1, adult, child);
        return (registered, adult, child);
    }

    private async Task<JsonElement> FiguresAsync(HttpClient? caller = null) =>
        (await JsonAsync(await (caller ?? client).GetAsync(new Uri("/api/education/figures", UriKind.Relative)))).GetProperty("training");

    [Fact]
    public async Task A_working_age_member_enrols_completes_once_and_the_completion_is_announced()
    {
        var course = await CourseAsync("2026年食用菌栽培技术培训班第1期");
        var (household, adult, child) = await HouseholdAsync("钱桂兰");

        using var enrolled = await client.PostAsJsonAsync($"/api/education/training/courses/{course}/enrolments", new { memberId = adult.MemberId });
        Assert.Equal(HttpStatusCode.Created, enrolled.StatusCode);
        var enrolment = (await JsonAsync(enrolled)).GetProperty("id").GetGuid();

        using var twice = await client.PostAsJsonAsync($"/api/education/training/courses/{course}/enrolments", new { memberId = adult.MemberId });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        using var tooYoung = await client.PostAsJsonAsync($"/api/education/training/courses/{course}/enrolments", new { memberId = child.MemberId });
        Assert.Equal(HttpStatusCode.BadRequest, tooYoung.StatusCode);
        Assert.Contains("劳动年龄", (await JsonAsync(tooYoung)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var nobody = await client.PostAsJsonAsync($"/api/education/training/courses/{course}/enrolments", new { memberId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);

        using var future = await client.PostAsJsonAsync($"/api/education/training/enrolments/{enrolment}/completion", new { completedOn = Registry.Today.AddDays(3) });
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        using var completed = await client.PostAsJsonAsync($"/api/education/training/enrolments/{enrolment}/completion", new { completedOn = Registry.Today.AddDays(-10), certificate = "FX-2026-0001" });
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        using var again = await client.PostAsJsonAsync($"/api/education/training/enrolments/{enrolment}/completion", new { completedOn = Registry.Today.AddDays(-10) });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var announced = await Eventually.ReturnsAsync(
            () => Task.FromResult(fixture.Completions.FirstOrDefault(c => c.EnrolmentId == enrolment)),
            TimeSpan.FromSeconds(30),
            "industry hears of the completion");
        Assert.Equal((household.HouseholdId, adult.MemberId, course, "食用菌栽培"), (announced.HouseholdId, announced.MemberId, announced.CourseId, announced.Trade));
        Assert.Equal("FX-2026-0001", announced.Certificate);
        await fixture.DrainAsync();
        Assert.Single(fixture.Completions, c => c.EnrolmentId == enrolment);

        var training = await JsonAsync(await client.GetAsync(new Uri($"/api/education/households/{household.HouseholdId}/training", UriKind.Relative)));
        var row = Assert.Single(training.EnumerateArray());
        Assert.Equal(Registry.Today.AddDays(-10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), row.GetProperty("completedOn").GetString());
        Assert.DoesNotContain(adult.IdNumber, training.GetRawText(), StringComparison.Ordinal);

        using var badCourse = await client.PostAsJsonAsync("/api/education/training/courses", new { name = "", townshipCode = "4203", startsOn = Registry.Today, endsOn = Registry.Today.AddDays(-1) });
        Assert.Equal(HttpStatusCode.BadRequest, badCourse.StatusCode);
        var errors = (await JsonAsync(badCourse)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _) && errors.TryGetProperty("trade", out _) && errors.TryGetProperty("townshipCode", out _) && errors.TryGetProperty("endsOn", out _));
    }

    [Fact]
    public async Task Bulk_training_results_count_person_times_once_even_when_sent_twice()
    {
        var first = await CourseAsync("2026年电工技能培训班第1期");
        var second = await CourseAsync("2026年家政服务培训班第1期");
        var (_, adult, child) = await HouseholdAsync("孙秀英");
        var (_, neighbour, _) = await HouseholdAsync("李秀梅");
        var before = (await FiguresAsync()).GetProperty("personTimes").GetInt32();
        var done = Registry.Today.AddDays(-5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        TrainingResultRecord Result(string reference, MemberSnapshot who, Guid course, string completedOn = "") => new()
        {
            ClientRef = reference, IdNumber = who.IdNumber, Name = who.Name, CourseId = course.ToString(), CompletedOn = completedOn,
        };

        var records = new[]
        {
            Result("a1", adult, first, done),
            Result("a2", adult, second, done), // the same person on a second course: a second person-time
            Result("n1", neighbour, first), // enrolled only
            Result("child", child, first, done),
            Result("nocourse", neighbour, Guid.NewGuid(), done),
            new TrainingResultRecord { ClientRef = "name", IdNumber = neighbour.IdNumber, Name = "别人", CourseId = first.ToString() },
            Result("date", neighbour, second, "2026/01/01"),
        };
        using var channel = fixture.Host.CreateGrpcChannel(TestTokens.CountyOffice());
        var feed = new SkillsTraining.SkillsTrainingClient(channel);
        var summary = await EducationFixture.StreamAsync(feed.ImportTrainingResults(), records);
        Assert.Equal((7, 3, 4), (summary.Received, summary.Accepted, summary.Rejected));
        Assert.Equal((3, 2, 0), (summary.Enrolled, summary.Completed, summary.Unchanged));
        var rejections = summary.Rejections.ToDictionary(r => r.ClientRef);
        Assert.Equal("id_number", rejections["child"].Field);
        Assert.Equal("course_id", rejections["nocourse"].Field);
        Assert.Equal(("id_number", Platform.ServiceDefaults.People.PersonMatching.NotFoundReason), (rejections["name"].Field, rejections["name"].Reason));
        Assert.Equal("completed_on", rejections["date"].Field);
        Assert.Equal(before + 2, (await FiguresAsync()).GetProperty("personTimes").GetInt32());

        // The same feed again, now with the neighbour's completion: only that one is new.
        records[2] = Result("n1", neighbour, first, done);
        var again = await EducationFixture.StreamAsync(feed.ImportTrainingResults(), records);
        Assert.Equal((3, 0, 1, 2), (again.Accepted, again.Enrolled, again.Completed, again.Unchanged));
        Assert.Equal(before + 3, (await FiguresAsync()).GetProperty("personTimes").GetInt32());
        await Eventually.AssertAsync(
            () => Task.FromResult(fixture.Completions.Count(c => c.MemberId == adult.MemberId || c.MemberId == neighbour.MemberId) == 3),
            TimeSpan.FromSeconds(30),
            "each completion is announced once");
    }

    [Fact]
    public async Task Training_records_follow_a_household_that_moves_so_the_new_village_completes_them_and_the_old_one_cannot()
    {
        const string newVillage = "420325003002";
        var course = await CourseAsync("2026年茶叶加工培训班第1期");
        var (household, adult, _) = await HouseholdAsync("许红梅");
        using var enrolled = await client.PostAsJsonAsync($"/api/education/training/courses/{course}/enrolments", new { memberId = adult.MemberId });
        var enrolment = (await JsonAsync(enrolled)).GetProperty("id").GetGuid();

        await fixture.PublishAsync(new HouseholdMoved
        {
            EventId = Guid.NewGuid(), HouseholdId = household.HouseholdId, OccurredAt = DateTimeOffset.UtcNow,
            PreviousVillageCode = Village, TownshipCode = newVillage[..9], VillageCode = newVillage, Reason = "易地扶贫搬迁",
        });
        using var newCadre = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: newVillage));
        using var oldCadre = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: Village));
        await Eventually.AssertAsync(
            async () =>
            {
                using var response = await newCadre.GetAsync(new Uri($"/api/education/households/{household.HouseholdId}/training", UriKind.Relative));
                return response.IsSuccessStatusCode
                    && (await JsonAsync(response)).EnumerateArray().Any(e => e.GetProperty("id").GetGuid() == enrolment && e.GetProperty("villageCode").GetString() == newVillage);
            },
            TimeSpan.FromSeconds(30),
            "the enrolment is filed under the new village");

        var completion = new { completedOn = Registry.Today.AddDays(-5) };
        using var byOld = await oldCadre.PostAsJsonAsync($"/api/education/training/enrolments/{enrolment}/completion", completion);
        Assert.Equal(HttpStatusCode.NotFound, byOld.StatusCode);
        using var byNew = await newCadre.PostAsJsonAsync($"/api/education/training/enrolments/{enrolment}/completion", completion);
        Assert.Equal(HttpStatusCode.OK, byNew.StatusCode);
        Assert.Equal(newVillage, (await JsonAsync(byNew)).GetProperty("villageCode").GetString());
    }

    [Fact]
    public async Task Courses_are_listed_within_the_caller_s_township()
    {
        var course = await CourseAsync("2026年中药材种植培训班第1期");

        async Task<bool> SeesAsync(HttpClient caller)
        {
            var page = await JsonAsync(await caller.GetAsync(new Uri($"/api/education/training/courses?township={Village[..9]}&pageSize=200", UriKind.Relative)));
            return page.GetProperty("items").EnumerateArray().Any(c => c.GetProperty("id").GetGuid() == course);
        }

        using var ownTownship = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.TownshipOfficer, township: Village[..9]));
        using var ownVillage = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: Village));
        using var otherTownship = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.TownshipOfficer, township: "420325009"));
        using var otherVillage = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: "420325009001"));

        Assert.True(await SeesAsync(client));
        Assert.True(await SeesAsync(ownTownship));
        Assert.True(await SeesAsync(ownVillage));
        Assert.False(await SeesAsync(otherTownship));
        Assert.False(await SeesAsync(otherVillage));
    }
}
