using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Grpc.Education.V1;
using Platform.Contracts.Households;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.People;
using Platform.Testing;

namespace Platform.Education.Tests.Api;

/// <summary>
/// The departmental feeds (bulk gRPC): who may send them, that they match people by ID number and name
/// with one neutral verdict for anyone not there, and that what they write names the real caller.
/// </summary>
public class FeedAccessTests(EducationFixture fixture) : IClassFixture<EducationFixture>
{
    private const string Village = "420325004001";
    private readonly HttpClient county = fixture.Host.CreateHttpClient(TestTokens.CountyOffice());

    public enum Feed
    {
        SchoolRolls,
        DropoutReports,
        AidGrants,
        TrainingResults,
    }

    public static TheoryData<string, Feed> PlaceBoundStaffAndFeeds()
    {
        var data = new TheoryData<string, Feed>();
        foreach (var role in new[] { PlatformRoles.TownshipOfficer, PlatformRoles.VillageCadre })
        {
            foreach (var feed in Enum.GetValues<Feed>())
            {
                data.Add(role, feed);
            }
        }

        return data;
    }

    /// <summary>A household of this village with a 12-year-old boarder enrolled in junior school and a 40-year-old.</summary>
    private async Task<(HouseholdRegistered Household, MemberSnapshot Pupil, MemberSnapshot Adult)> HouseholdAsync(string name)
    {
        var pupil = Registry.Member("之子", Registry.BornAged(12), name);
        var adult = Registry.Member("配偶", Registry.BornAged(40), name + "母");
        var registered = await fixture.RegisterAsync(county, Village, 1, pupil, adult);
        Assert.Equal(1, (await fixture.ImportRollsAsync(EducationFixture.Enrolled(pupil, "junior", 1, boarding: true))).Accepted);
        return (registered, pupil, adult);
    }

    private async Task<Guid> CourseAsync()
    {
        var start = Registry.Today.AddDays(-20);
        using var response = await county.PostAsJsonAsync("/api/education/training/courses", new
        {
            name = "电工培训班" + Guid.NewGuid().ToString("N")[..6], trade = "电工", townshipCode = Village[..9], startsOn = start, endsOn = start.AddDays(10),
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>Sends one feed with records about the given people (ID number and name as given) and returns the rejections (field, reason) by client ref.</summary>
    private static async Task<IReadOnlyDictionary<string, (string Field, string Reason)>> SendAsync(
        ServiceHost<Program> host, string token, Feed feed, Guid course, params (string Ref, string IdNumber, string Name)[] people)
    {
        using var channel = host.CreateGrpcChannel(token);
        var done = Registry.Today.AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        switch (feed)
        {
            case Feed.SchoolRolls or Feed.DropoutReports:
                var client = new SchoolRolls.SchoolRollsClient(channel);
                var rolls = people.Select(p => new SchoolRollRecord
                {
                    ClientRef = p.Ref, IdNumber = p.IdNumber, Name = p.Name, SchoolName = "城关镇初级中学", Stage = "junior", Grade = 1,
                    Status = feed == Feed.SchoolRolls ? "enrolled" : "dropped-out", Note = "连续两周未到校",
                    AdministrativeOfficer = new ResponsiblePerson { Name = "刘村长", Position = "村委会主任" },
                    EducationOfficer = new ResponsiblePerson { Name = "王老师", Position = "班主任" },
                }).ToArray();
                var rolled = await EducationFixture.StreamAsync(feed == Feed.SchoolRolls ? client.ImportSchoolRolls() : client.DropoutReports(), rolls);
                return rolled.Rejections.ToDictionary(r => r.ClientRef, r => (r.Field, r.Reason));
            case Feed.AidGrants:
                var grants = people.Select(p => new AidGrantRecord { ClientRef = p.Ref, IdNumber = p.IdNumber, Name = p.Name, Policy = "nutrition-meals" }).ToArray();
                var granted = await EducationFixture.StreamAsync(new StudentAid.StudentAidClient(channel).ImportAidGrants(), grants);
                return granted.Rejections.ToDictionary(r => r.ClientRef, r => (r.Field, r.Reason));
            default:
                var results = people.Select(p => new TrainingResultRecord { ClientRef = p.Ref, IdNumber = p.IdNumber, Name = p.Name, CourseId = course.ToString(), CompletedOn = done }).ToArray();
                var trained = await EducationFixture.StreamAsync(new SkillsTraining.SkillsTrainingClient(channel).ImportTrainingResults(), results);
                return trained.Rejections.ToDictionary(r => r.ClientRef, r => (r.Field, r.Reason));
        }
    }

    /// <summary>Rows a feed writes: rolls reported, cases, grants, enrolments, and events.</summary>
    private Task<(int Rolls, int Cases, int Grants, int Enrolments, int Outbox)> WrittenAsync() => fixture.QueryAsync(async db => (
        await db.Students.CountAsync(s => s.RollReportedAt != null),
        await db.DropoutCases.CountAsync(),
        await db.AidGrants.CountAsync(),
        await db.TrainingEnrolments.CountAsync(),
        await db.OutboxMessages.CountAsync()));

    [Theory]
    [MemberData(nameof(PlaceBoundStaffAndFeeds))]
    public async Task Township_and_village_staff_are_refused_every_bulk_feed_and_nothing_is_written(string role, Feed feed)
    {
        var (_, pupil, adult) = await HouseholdAsync("冯小" + (char)('甲' + (int)feed));
        var course = await CourseAsync();
        var person = feed == Feed.TrainingResults ? adult : pupil;
        var token = role == PlatformRoles.VillageCadre
            ? TestTokens.ForRole(role, village: Village)
            : TestTokens.ForRole(role, township: Village[..9]);
        var before = await WrittenAsync();

        // A record that the county office could send with success, about a child of the caller's own village.
        var error = await Assert.ThrowsAsync<RpcException>(() => SendAsync(fixture.Host, token, feed, course, ("r", person.IdNumber, person.Name)));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(before, await WrittenAsync());
        Assert.Empty(await SendAsync(fixture.Host, TestTokens.CountyOffice(), feed, course, ("r", person.IdNumber, person.Name)));
    }

    [Theory]
    [InlineData(Feed.SchoolRolls)]
    [InlineData(Feed.DropoutReports)]
    [InlineData(Feed.AidGrants)]
    [InlineData(Feed.TrainingResults)]
    public async Task A_wrong_name_an_unknown_number_and_a_missing_name_get_verdicts_that_tell_nothing_about_the_registry(Feed feed)
    {
        var (_, pupil, adult) = await HouseholdAsync("蒋小" + (char)('子' + (int)feed));
        var course = await CourseAsync();
        var person = feed == Feed.TrainingResults ? adult : pupil;
        var stranger = Registry.Member("之子", Registry.BornAged(feed == Feed.TrainingResults ? 40 : 12), "路人丙"); // never registered
        var before = await WrittenAsync();

        var rejections = await SendAsync(
            fixture.Host, TestTokens.ForRole(PlatformRoles.DepartmentOfficer), feed, course,
            ("wrong-name", person.IdNumber, "别人"),
            ("unknown", stranger.IdNumber, stranger.Name),
            ("no-name", person.IdNumber, " "));

        Assert.Equal(("id_number", PersonMatching.NotFoundReason), rejections["wrong-name"]);
        Assert.Equal(rejections["wrong-name"], rejections["unknown"]);
        Assert.Equal("name", rejections["no-name"].Field);
        Assert.Equal(before, await WrittenAsync());
    }

    [Fact]
    public async Task What_a_department_sends_is_recorded_under_its_own_name()
    {
        var (household, pupil, adult) = await HouseholdAsync("韩小东");
        var course = await CourseAsync();
        var department = TestTokens.ForRole(PlatformRoles.DepartmentOfficer);
        const string subject = "department-officer-education"; // the token's subject: who acts

        Assert.Empty(await SendAsync(fixture.Host, department, Feed.AidGrants, course, ("grant", pupil.IdNumber, pupil.Name)));
        Assert.Empty(await SendAsync(fixture.Host, department, Feed.DropoutReports, course, ("case", pupil.IdNumber, pupil.Name)));
        Assert.Empty(await SendAsync(fixture.Host, department, Feed.TrainingResults, course, ("training", adult.IdNumber, adult.Name)));

        var recorded = await fixture.QueryAsync(async db => (
            await db.DropoutCases.Where(c => c.HouseholdId == household.HouseholdId).Select(c => c.OpenedBy).SingleAsync(),
            await db.AidGrants.Where(g => g.StudentId == pupil.MemberId).Select(g => g.GrantedBy).SingleAsync(),
            await db.TrainingEnrolments.Where(e => e.MemberId == adult.MemberId).Select(e => e.EnrolledBy).SingleAsync()));
        Assert.Equal((subject, subject, subject), recorded);
    }
}
