using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Contracts.Grpc.Education.V1;
using Platform.DemoCounty;
using Platform.Testing;

namespace Platform.EndToEnd.Tests.Portal;

/// <summary>A household of the village with a record in every pillar, and what the 360 view must show of each.</summary>
public sealed record EveryPillarHousehold(
    Guid Id, string Number, string HeadName, string SpouseName, string ChildName, string AidPolicyName, string CourseName, string Employer, Guid RelocationCase,
    Guid RangerPost, int RangerYear, Guid Enrolment, Guid Claim, string Hospital);

public sealed partial class PortalFixture
{
    /// <summary>The household with a record in every pillar (<see cref="RegisterEveryPillarAsync"/>).</summary>
    public EveryPillarHousehold EveryPillar { get; private set; } = null!;

    /// <summary>Every pillar's demo data through its feeds and REST, side by side, as the local start loads it after the campaign.</summary>
    private async Task LoadPillarsAsync(HttpClient http, GrpcChannel channel, string token)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var patience = TimeSpan.FromMinutes(4);
        var industry = new DemoIndustryLoader(http, channel, token, TextWriter.Null) { HouseholdsTimeout = patience }.LoadAsync(new DemoIndustry(County));
        var welfare = new DemoWelfareLoader(http, channel, token, TextWriter.Null) { MembersTimeout = patience }.LoadAsync(new DemoWelfare(County, today));
        var ecology = new DemoEcologyLoader(http, channel, token, TextWriter.Null) { HouseholdsTimeout = patience }.LoadAsync(new DemoEcology(County), County.HouseholdCount);
        var relocation = new DemoRelocationLoader(http, channel, token, TextWriter.Null) { FollowTimeout = patience }.LoadAsync(new DemoRelocation(County));
        var education = new DemoEducationLoader(http, channel, token, TextWriter.Null) { StudentsTimeout = TimeSpan.FromMinutes(3) }.LoadAsync(new DemoEducation(County, today));
        await Task.WhenAll(industry, welfare, ecology, relocation, education);
        Assert.Equal(0, (await industry).Rejected);
        var welfareFeeds = await welfare;
        Assert.Equal(0, new[] { welfareFeeds.Insurance, welfareFeeds.MeansChecks, welfareFeeds.Enrolments, welfareFeeds.Certificates, welfareFeeds.Disabilities, welfareFeeds.Claims, welfareFeeds.Payouts }.Sum(f => f?.Rejected ?? 0));
        Assert.Equal(0, (await relocation).Rejected);
    }

    /// <summary>Waits until the pillars that own a guarantee (welfare: basic medical care; relocation: housing and water) have assessed the household in the registry.</summary>
    private static Task WaitAssessedByTheirOwnersAsync(HttpClient http, Guid household) =>
        Eventually.AssertAsync(
            async () =>
            {
                var guarantees = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/households/{household}", UriKind.Relative))).RootElement.GetProperty("guarantees")
                    .EnumerateArray().Select(g => (g.GetProperty("guarantee").GetString(), g.GetProperty("source").GetString())).ToList();
                return guarantees.Contains(("basic-medical-care", "welfare")) && guarantees.Contains(("safe-housing", "relocation"))
                    && guarantees.Contains(("safe-drinking-water", "relocation"));
            },
            TimeSpan.FromSeconds(60),
            "the welfare and relocation pillars assess the new household");

    /// <summary>
    /// A poor household of the village with a record in every pillar, each made through the pillar's own API as its staff
    /// or department would: the child's school roll and this term's aid, the head's training and public-welfare post, a
    /// relocation case, the head as a forest ranger, 低保 for the household, and the spouse's hospital stay.
    /// </summary>
    private async Task<EveryPillarHousehold> RegisterEveryPillarAsync(HttpClient http, GrpcChannel channel, string token)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var head = TestCounty.NewPerson("高建国", "户主", new DateOnly(1978, 5, 20));
        var spouse = TestCounty.NewPerson("刘春梅", "配偶", new DateOnly(1980, 9, 9), male: false);
        var child = TestCounty.NewPerson("高小宇", "之子", TestCounty.BornAtSchoolAge(10));
        TestCounty.RegisteredHousehold household;
        // Numbered as the village's households are (the village's code first).
        var number = $"{Village}8001";
        using (var registered = await http.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative), TestCounty.RegistrationBody(number, Village, head, spouse, child)))
        {
            var answer = JsonDocument.Parse(await registered.Content.ReadAsStringAsync()).RootElement;
            Assert.True(registered.IsSuccessStatusCode, answer.ToString());
            foreach (var member in answer.GetProperty("members").EnumerateArray())
            {
                new[] { head, spouse, child }.Single(p => p.Name == member.GetProperty("name").GetString()).Id = member.GetProperty("id").GetGuid();
            }

            household = new TestCounty.RegisteredHousehold(answer.GetProperty("id").GetGuid(), number, Village, [head, spouse, child]);
        }

        await TestCounty.KnownToEducationAsync(http, household.Id, students: 1);
        foreach (var pillar in new[] { "industry", "relocation", "ecology", "welfare" })
        {
            await Eventually.AssertAsync(
                async () => (await http.GetAsync(new Uri($"/api/{pillar}/households/{household.Id}", UriKind.Relative))).IsSuccessStatusCode,
                TimeSpan.FromSeconds(60),
                $"the {pillar} pillar follows the household");
        }

        // Education: the child at primary school (the education bureau's roll), this term's nutrition meals, the head's course.
        using (var rolls = new SchoolRolls.SchoolRollsClient(channel).ImportSchoolRolls(new Metadata { { "authorization", $"Bearer {token}" } }))
        {
            await rolls.RequestStream.WriteAsync(new SchoolRollRecord
            {
                IdNumber = child.IdNumber, Name = child.Name, SchoolCode = "2142032501", SchoolName = "城关镇中心小学", Stage = "primary", Grade = 4, Status = "enrolled",
            });
            await rolls.RequestStream.CompleteAsync();
            Assert.Equal(1, (await rolls).Accepted);
        }

        var aid = await PostAsync(http, "/api/education/aid/grants", new { policy = "nutrition-meals", studentId = child.Id });
        var course = await PostAsync(http, "/api/education/training/courses", new
        {
            name = "全支柱户电工培训班", trade = "电工", townshipCode = Township, startsOn = today.AddDays(-20), endsOn = today.AddDays(-2),
        });
        await PostAsync(http, $"/api/education/training/courses/{course.GetProperty("id").GetString()}/enrolments", new { memberId = head.Id });

        // Industry: the head on a public-welfare post (村保洁员) since last month.
        await PostAsync(http, "/api/industry/employment", new
        {
            memberId = head.Id, kind = "public-welfare-post", employer = "村保洁员", startedOn = today.AddDays(-40), months = 1, monthlyWage = 800m,
        });

        // Relocation: planned for scattered resettlement.
        var relocation = await PostAsync(http, "/api/relocation/cases", new { householdId = household.Id, mode = "scattered", plannedOn = today.AddDays(-30) });

        // Ecology: the head a forest ranger of the township in the demo's year (a post added to its quota when none is vacant).
        const int year = DemoEcology.Year;
        var quotas = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/ecology/rangers/quotas?year={year}", UriKind.Relative))).RootElement;
        var quota = quotas.EnumerateArray().FirstOrDefault(q => q.GetProperty("townshipCode").GetString() == Township);
        if (quota.ValueKind != JsonValueKind.Object || quota.GetProperty("vacancies").GetInt32() == 0)
        {
            var posts = quota.ValueKind == JsonValueKind.Object ? quota.GetProperty("inPost").GetInt32() + 1 : 1;
            using var set = await http.PutAsJsonAsync(new Uri($"/api/ecology/rangers/quotas/{year}/{Township}", UriKind.Relative), new { posts });
            Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
        }

        var ranger = await PostAsync(http, "/api/ecology/rangers", new { memberId = head.Id, year, startsOn = new DateOnly(year, 1, 1), patrolArea = "村后山公益林", areaMu = 1800 });

        // Welfare: the spouse insured and treated at the county hospital; the household, without income this year, in 低保.
        await PostAsync(http, "/api/welfare/insurance/enrolments", new { memberId = spouse.Id });
        var claim = await PostAsync(http, "/api/welfare/claims", new
        {
            memberId = spouse.Id, hospital = "房县人民医院", diagnosis = "慢性支气管炎", admittedOn = today.AddDays(-12), dischargedOn = today.AddDays(-5),
            totalCost = 3_000m, withinPolicyCost = 2_600m, settlementNumber = "PORTAL-" + Guid.NewGuid().ToString("N")[..10],
        });
        var applied = await PostAsync(http, "/api/welfare/assistance/applications", new { householdId = household.Id });

        return new EveryPillarHousehold(
            household.Id, household.Number, head.Name, spouse.Name, child.Name, aid.GetProperty("policyName").GetString()!, course.GetProperty("name").GetString()!, "村保洁员",
            relocation.GetProperty("id").GetGuid(), ranger.GetProperty("id").GetGuid(), year, applied.GetProperty("enrolment").GetProperty("id").GetGuid(), claim.GetProperty("id").GetGuid(),
            "房县人民医院");
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, string.Create(CultureInfo.InvariantCulture, $"POST {path}: {(int)response.StatusCode} {text}"));
        return JsonDocument.Parse(text).RootElement;
    }
}
