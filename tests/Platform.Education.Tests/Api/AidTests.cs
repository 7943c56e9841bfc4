using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Grpc.Education.V1;
using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.Education.Domain;
using Platform.Testing;

namespace Platform.Education.Tests.Api;

/// <summary>Student aid over REST and gRPC, the income records the registry receives, and the coverage list.</summary>
public class AidTests(EducationFixture fixture) : IClassFixture<EducationFixture>
{
    private const string Village = "420325002003";
    private static readonly string CurrentTerm = Term.Of(Registry.Today).ToString();
    private readonly HttpClient client = fixture.Host.CreateHttpClient(TestTokens.CountyOffice());

    /// <summary>A household with a boarder in junior school (grade fitting age 12), enrolled by school roll.</summary>
    private async Task<(HouseholdRegistered Household, MemberSnapshot Pupil)> BoarderAsync(string name, bool boarding = true)
    {
        var pupil = Registry.Member("之子", Registry.BornAged(12), name);
        var registered = await fixture.RegisterAsync(client, Village, 1, pupil);
        var summary = await fixture.ImportRollsAsync(EducationFixture.Enrolled(pupil, "junior", 1, boarding));
        Assert.Equal(1, summary.Accepted);
        return (registered, pupil);
    }

    private Task<HttpResponseMessage> GrantAsync(object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/education/aid/grants") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return client.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private Task<int> GrantsOfAsync(Guid student) => fixture.QueryAsync(db => db.AidGrants.CountAsync(g => g.StudentId == student));

    [Fact]
    public async Task A_grant_reaches_the_household_s_income_once_as_a_transfer_that_does_not_count_toward_exit()
    {
        var (household, pupil) = await BoarderAsync("周小林");

        using var created = await GrantAsync(new { policy = "living-subsidy", studentId = pupil.MemberId });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var grant = await JsonAsync(created);
        Assert.Equal(625m, grant.GetProperty("amount").GetDecimal());
        Assert.Equal(CurrentTerm, grant.GetProperty("term").GetString());
        Assert.False(grant.GetProperty("countsTowardExit").GetBoolean());
        var grantId = grant.GetProperty("id").GetGuid().ToString();

        var income = await Eventually.ReturnsAsync(
            () => Task.FromResult(fixture.Incomes.FirstOrDefault(i => i.SourceRecordId == grantId)),
            TimeSpan.FromSeconds(30),
            "the registry receives the grant as income");
        Assert.Equal(household.HouseholdId, income.HouseholdId);
        Assert.Equal(pupil.MemberId, income.MemberId);
        Assert.Equal(IncomeKind.Transfer, income.Kind);
        Assert.Equal(Pillar.Education, income.Source);
        Assert.Equal(625m, income.Amount);
        Assert.False(income.CountsTowardExit);
        Assert.Equal(Term.Of(Registry.Today).Start.Year, income.Year);

        // The same policy, student and term again: refused, and nothing more is written.
        var outbox = await fixture.OutboxCountAsync();
        using var again = await GrantAsync(new { policy = "living-subsidy", studentId = pupil.MemberId, term = CurrentTerm, amount = 100 });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("不能重复发放", (await JsonAsync(again)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await GrantsOfAsync(pupil.MemberId));
        Assert.Equal(outbox, await fixture.OutboxCountAsync());

        // Another policy the pupil is entitled to is another grant.
        using var meals = await GrantAsync(new { policy = "nutrition-meals", studentId = pupil.MemberId });
        Assert.Equal(HttpStatusCode.Created, meals.StatusCode);
        using var list = await client.GetAsync(new Uri($"/api/education/students/{pupil.MemberId}/aid", UriKind.Relative));
        Assert.Equal(2, (await JsonAsync(list)).GetArrayLength());
        await fixture.DrainAsync();
        Assert.Single(fixture.Incomes, i => i.SourceRecordId == grantId);
    }

    [Fact]
    public async Task A_retried_grant_with_the_same_Idempotency_Key_replays_the_first_answer()
    {
        var (_, pupil) = await BoarderAsync("周小森");
        var body = new { policy = "nutrition-meals", studentId = pupil.MemberId };
        using var first = await GrantAsync(body, "grant-retry-1");
        using var second = await GrantAsync(body, "grant-retry-1");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal((await JsonAsync(first)).GetProperty("id").GetGuid(), (await JsonAsync(second)).GetProperty("id").GetGuid());
        Assert.Equal(1, await GrantsOfAsync(pupil.MemberId));
    }

    [Fact]
    public async Task Bad_grants_are_refused_with_problem_details_and_nothing_is_written()
    {
        var (_, pupil) = await BoarderAsync("周小木", boarding: false);
        var outbox = await fixture.OutboxCountAsync();

        async Task<JsonElement> RefusedAsync(object body, HttpStatusCode status, string field)
        {
            using var response = await GrantAsync(body);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await JsonAsync(response);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors names {field}: {problem}");
            return problem;
        }

        var unknown = await RefusedAsync(new { policy = "nutrition-meals", studentId = Guid.NewGuid() }, HttpStatusCode.NotFound, "studentId");
        Assert.Equal("学生不存在", unknown.GetProperty("detail").GetString());
        var negative = await RefusedAsync(new { policy = "nutrition-meals", studentId = pupil.MemberId, amount = -50 }, HttpStatusCode.BadRequest, "amount");
        Assert.Contains("大于0", negative.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await RefusedAsync(new { policy = "nutrition-meals", studentId = pupil.MemberId, amount = 0 }, HttpStatusCode.BadRequest, "amount");
        await RefusedAsync(new { policy = "nutrition-meals", studentId = pupil.MemberId, amount = 5000 }, HttpStatusCode.BadRequest, "amount");
        var closed = await RefusedAsync(new { policy = "nutrition-meals", studentId = pupil.MemberId, term = "2020-autumn" }, HttpStatusCode.BadRequest, "term");
        Assert.Contains("已于2021年2月28日结束", closed.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await RefusedAsync(new { policy = "nutrition-meals", studentId = pupil.MemberId, term = "next-term" }, HttpStatusCode.BadRequest, "term");
        var dayPupil = await RefusedAsync(new { policy = "living-subsidy", studentId = pupil.MemberId }, HttpStatusCode.BadRequest, "policy");
        Assert.Contains("寄宿生", dayPupil.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await RefusedAsync(new { policy = "high-school-grant", studentId = pupil.MemberId }, HttpStatusCode.BadRequest, "policy");
        await RefusedAsync(new { policy = "scholarship", studentId = pupil.MemberId }, HttpStatusCode.BadRequest, "policy");

        Assert.Equal(0, await GrantsOfAsync(pupil.MemberId));
        Assert.Equal(outbox, await fixture.OutboxCountAsync());
    }

    [Fact]
    public async Task The_coverage_list_names_entitled_students_without_the_aid_until_they_have_it()
    {
        var (_, boarder) = await BoarderAsync("吴小川");
        async Task<List<JsonElement>> GapsAsync(string query) =>
            (await JsonAsync(await client.GetAsync(new Uri($"/api/education/aid/coverage?village={Village}&pageSize=200{query}", UriKind.Relative))))
                .GetProperty("items").EnumerateArray().Where(g => g.GetProperty("studentId").GetGuid() == boarder.MemberId).ToList();

        var gaps = await GapsAsync("");
        Assert.Equal(["living-subsidy", "nutrition-meals"], gaps.Select(g => g.GetProperty("policy").GetString()).Order().ToList());
        Assert.DoesNotContain(boarder.IdNumber, gaps[0].GetRawText(), StringComparison.Ordinal);

        using (await GrantAsync(new { policy = "living-subsidy", studentId = boarder.MemberId }))
        {
        }

        Assert.Equal(["nutrition-meals"], (await GapsAsync("")).Select(g => g.GetProperty("policy").GetString()).ToList());
        Assert.Empty(await GapsAsync("&policy=living-subsidy"));
        Assert.Single(await GapsAsync("&policy=nutrition-meals"));

        // Another village's cadre does not see the list of this village.
        using var other = fixture.Host.CreateHttpClient(TestTokens.ForRole(Platform.ServiceDefaults.Auth.PlatformRoles.VillageCadre, village: "420325002099"));
        var theirs = await JsonAsync(await other.GetAsync(new Uri("/api/education/aid/coverage?pageSize=200", UriKind.Relative)));
        Assert.Equal(0, theirs.GetProperty("total").GetInt64());

        using var bad = await client.GetAsync(new Uri("/api/education/aid/coverage?policy=x&term=y&pageSize=0", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await JsonAsync(bad)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("policy", out _) && errors.TryGetProperty("term", out _) && errors.TryGetProperty("pageSize", out _));
    }

    [Fact]
    public async Task Bulk_grants_apply_the_same_rules_and_report_each_rejection()
    {
        var (_, boarder) = await BoarderAsync("郑小河");
        var stranger = Registry.Member("之子", Registry.BornAged(12), "路人乙");
        using var channel = fixture.Host.CreateGrpcChannel(TestTokens.CountyOffice());
        var aid = new StudentAid.StudentAidClient(channel);

        AidGrantRecord Record(string reference, string policy, string term = "", string amount = "", MemberSnapshot? who = null) => new()
        {
            ClientRef = reference, IdNumber = (who ?? boarder).IdNumber, Name = (who ?? boarder).Name, Policy = policy, Term = term, Amount = amount,
        };

        var summary = await EducationFixture.StreamAsync(
            aid.ImportAidGrants(),
            Record("ok", "living-subsidy"),
            Record("twice", "living-subsidy", CurrentTerm),
            Record("closed", "nutrition-meals", "2019-spring"),
            Record("negative", "nutrition-meals", amount: "-1"),
            Record("stage", "rain-dew"),
            Record("unknown", "nutrition-meals", who: stranger),
            Record("meals", "nutrition-meals", amount: "399.50"));
        Assert.Equal((7, 2, 5, 1), (summary.Received, summary.Accepted, summary.Rejected, summary.AlreadyGranted));
        var rejections = summary.Rejections.ToDictionary(r => r.ClientRef);
        Assert.Equal("id_number", rejections["twice"].Field);
        Assert.Equal("term", rejections["closed"].Field);
        Assert.Equal("amount", rejections["negative"].Field);
        Assert.Equal("policy", rejections["stage"].Field);
        Assert.Equal("id_number", rejections["unknown"].Field);
        Assert.Equal(2, await GrantsOfAsync(boarder.MemberId));

        // Sent again: every grant is there already, nothing is granted twice.
        var again = await EducationFixture.StreamAsync(aid.ImportAidGrants(), Record("ok", "living-subsidy"), Record("meals", "nutrition-meals"));
        Assert.Equal((0, 2), (again.Accepted, again.AlreadyGranted));
        Assert.Equal(2, await GrantsOfAsync(boarder.MemberId));
    }
}
