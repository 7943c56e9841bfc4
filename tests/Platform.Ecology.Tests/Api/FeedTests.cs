using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Grpc.Ecology.V1;
using Platform.Contracts.Households;
using Platform.Contracts.People;
using Platform.Contracts.Registry;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.Ecology.Tests.Api;

/// <summary>
/// The forestry bureau's feeds over real HTTP/2: one summary with a verdict per record, nothing of a
/// refused record written, a record sent again recorded once, people matched by ID number and name inside
/// the caller's scope, and only county roles and the pillar's department as callers.
/// </summary>
public sealed class FeedTests(EcologyFixture fixture) : IClassFixture<EcologyFixture>
{
    private const int Year = 2022;

    [Fact]
    public async Task Selections_in_bulk_are_judged_one_by_one_and_a_record_sent_again_is_unchanged()
    {
        var (township, village) = County.NewPlace();
        var able = County.Person("批量甲", 40);
        var other = County.Person("批量乙", 41);
        var unable = County.Person("批量丙", 42, labour: "none");
        await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, able));
        await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, other));
        await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, unable));
        await fixture.QuotaAsync(Year, township, 2);
        var stranger = ResidentIdNumber.Create("420325", new DateOnly(1980, 1, 1), 777).Value;
        var before = await fixture.RowsAsync();

        using var channel = fixture.Host.CreateGrpcChannel(TestTokens.CountyOffice());
        var summary = await SelectAsync(
            channel,
            Selection("a", able),
            Selection("wrong-name", other, name: "别人"),
            Selection("bad-number", able, idNumber: "420325198001011234"),
            new RangerSelectionRecord { ClientRef = "nobody", IdNumber = stranger, Name = "无此人", Year = Year },
            Selection("unable", unable),
            Selection("bad-date", other, startsOn: "2022/01/01"),
            Selection("b", other));

        Assert.Equal((7, 2, 0, 5), (summary.Received, summary.Accepted, summary.Unchanged, summary.Rejected));
        var reasons = summary.Rejections.ToDictionary(r => r.ClientRef, r => (r.Field, r.Reason));
        // Not registered, or registered under another name: one neutral verdict.
        Assert.Equal(reasons["wrong-name"], reasons["nobody"]);
        Assert.Equal("id_number", reasons["wrong-name"].Field);
        Assert.Equal("id_number", reasons["bad-number"].Field);
        Assert.Contains("劳动能力", reasons["unable"].Reason, StringComparison.Ordinal);
        Assert.Equal("starts_on", reasons["bad-date"].Field);
        Assert.Equal(before.Posts + 2, (await fixture.RowsAsync()).Posts);

        var again = await SelectAsync(channel, Selection("a", able), Selection("b", other));
        Assert.Equal((2, 0, 2, 0), (again.Received, again.Accepted, again.Unchanged, again.Rejected));
        Assert.Equal(before.Posts + 2, (await fixture.RowsAsync()).Posts);
    }

    [Fact]
    public async Task A_person_outside_the_caller_s_scope_is_simply_not_found_and_township_and_village_staff_may_not_send_feeds()
    {
        var (township, village) = County.NewPlace();
        var person = County.Person("范围甲", 40);
        await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, person));
        await fixture.QuotaAsync(Year, township, 1);

        foreach (var token in new[]
        {
            TestTokens.ForRole(PlatformRoles.TownshipOfficer, township: township),
            TestTokens.ForRole(PlatformRoles.VillageCadre, village: village),
            TestTokens.ForRole(PlatformRoles.Auditor),
            TestTokens.ForRole(PlatformRoles.DepartmentOfficer, pillar: PlatformScopes.Education),
        })
        {
            using var refused = fixture.Host.CreateGrpcChannel(token);
            var error = await Assert.ThrowsAsync<RpcException>(() => SelectAsync(refused, Selection("x", person)));
            Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        }

        Assert.Equal(0, await fixture.QueryAsync(db => db.RangerPosts.CountAsync(p => p.MemberId == person.MemberId)));
        using var forestry = fixture.Host.CreateGrpcChannel(TestTokens.ForRole(PlatformRoles.DepartmentOfficer, pillar: PlatformScopes.Ecology));
        Assert.Equal(1, (await SelectAsync(forestry, Selection("x", person))).Accepted);
    }

    [Fact]
    public async Task Pay_in_bulk_is_each_household_s_wage_income_once_and_another_amount_for_a_paid_year_is_refused()
    {
        var (township, village) = County.NewPlace();
        var first = County.Person("工资甲", 40);
        var second = County.Person("工资乙", 44);
        var notRanger = County.Person("工资丙", 45);
        var households = new[]
        {
            await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, first)),
            await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, second)),
            await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, notRanger)),
        };
        await fixture.QuotaAsync(Year, township, 2);
        using var channel = fixture.Host.CreateGrpcChannel(TestTokens.CountyOffice());
        Assert.Equal(2, (await SelectAsync(channel, Selection("a", first), Selection("b", second))).Accepted);
        var client = new ForestRangers.ForestRangersClient(channel);

        var paid = await EcologyFixture.StreamAsync(
            client.PayRangers(),
            Pay("a", first, null),
            Pay("b", second, "3000.00"),
            Pay("c", notRanger, null),
            Pay("too-much", first, "4000.01"));
        Assert.Equal((4, 2, 0, 2), (paid.Received, paid.Accepted, paid.Unchanged, paid.Rejected));
        Assert.Equal("year", paid.Rejections.Single(r => r.ClientRef == "c").Field);

        var again = await EcologyFixture.StreamAsync(client.PayRangers(), Pay("a", first, null), Pay("b", second, "3000.00"), Pay("b2", second, "3500.00"));
        Assert.Equal((0, 2, 1), (again.Accepted, again.Unchanged, again.Rejected));
        Assert.Contains("已发3000.00元", again.Rejections.Single().Reason, StringComparison.Ordinal);

        Assert.Equal(0, await fixture.DrainAsync());
        var ids = households.Select(h => h.HouseholdId).ToHashSet();
        var incomes = fixture.Incomes.Where(i => ids.Contains(i.HouseholdId)).OrderByDescending(i => i.Amount).Select(i => (i.Kind, i.Amount, i.Year)).ToList();
        Assert.Equal([(IncomeKind.Wage, 4000m, Year), (IncomeKind.Wage, 3000m, Year)], incomes);
    }

    [Fact]
    public async Task Patrols_in_bulk_find_the_post_of_the_day_and_a_day_sent_again_is_unchanged()
    {
        var (township, village) = County.NewPlace();
        var ranger = County.Person("巡护甲", 39);
        await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, ranger));
        await fixture.QuotaAsync(Year, township, 1);
        using var channel = fixture.Host.CreateGrpcChannel(TestTokens.CountyOffice());
        Assert.Equal(1, (await SelectAsync(channel, Selection("a", ranger))).Accepted);
        var client = new ForestRangers.ForestRangersClient(channel);

        var summary = await EcologyFixture.StreamAsync(
            client.RecordPatrols(),
            Patrol("1", ranger, "2022-03-01", "4.5"),
            Patrol("2", ranger, "2022-03-02", null),
            Patrol("dup", ranger, "2022-03-01", "3"),
            Patrol("no-post", ranger, "2021-03-01", null),
            Patrol("hours", ranger, "2022-03-03", "30"));
        Assert.Equal((2, 1, 2), (summary.Accepted, summary.Unchanged, summary.Rejected));
        Assert.Equal(["patrolled_on", "hours"], summary.Rejections.Select(r => r.Field).ToList());
    }

    [Fact]
    public async Task Compensation_and_project_incomes_in_bulk_are_paid_once_to_the_household_of_the_member_named()
    {
        var (_, village) = County.NewPlace();
        var head = County.Person("补偿户主", 50);
        var spouse = County.Person("补偿配偶", 48, "配偶");
        var household = await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, head, spouse));
        using var county = fixture.County();
        using var created = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(
            county, new Uri("/api/ecology/projects", UriKind.Relative), new { name = "黄桃示范园", kind = "orchard", crop = "yellow-peach", villageCode = village, areaMu = 120, year = 2019 });
        var project = (await EcologyFixture.JsonAsync(created)).GetProperty("id").GetString()!;
        using var channel = fixture.Host.CreateGrpcChannel(TestTokens.CountyOffice());

        var compensation = await EcologyFixture.StreamAsync(
            new EcologicalCompensation.EcologicalCompensationClient(channel).PayCompensation(),
            new CompensationRecord { ClientRef = "f", IdNumber = spouse.IdNumber, Name = spouse.Name, Kind = "public-welfare-forest", Year = 2021, AreaMu = "40" },
            new CompensationRecord { ClientRef = "f-again", IdNumber = head.IdNumber, Name = head.Name, Kind = "public-welfare-forest", Year = 2021, AreaMu = "40.00" },
            new CompensationRecord { ClientRef = "f-other", IdNumber = head.IdNumber, Name = head.Name, Kind = "public-welfare-forest", Year = 2021, AreaMu = "41" },
            new CompensationRecord { ClientRef = "kind", IdNumber = head.IdNumber, Name = head.Name, Kind = "grassland", Year = 2021, AreaMu = "1" });
        Assert.Equal((1, 1, 2), (compensation.Accepted, compensation.Unchanged, compensation.Rejected));

        var incomes = await EcologyFixture.StreamAsync(
            new EcologyProjects.EcologyProjectsClient(channel).RecordProjectIncomes(),
            new ProjectIncomeRecord { ClientRef = "w", ProjectId = project, IdNumber = head.IdNumber, Name = head.Name, Kind = "wage", Year = 2021, Amount = "4200" },
            new ProjectIncomeRecord { ClientRef = "d", ProjectId = project, IdNumber = spouse.IdNumber, Name = spouse.Name, Kind = "dividend", Year = 2021, Amount = "600" },
            new ProjectIncomeRecord { ClientRef = "w-again", ProjectId = project, IdNumber = head.IdNumber, Name = head.Name, Kind = "wage", Year = 2021, Amount = "4200.00" },
            new ProjectIncomeRecord { ClientRef = "nowhere", ProjectId = Guid.NewGuid().ToString(), IdNumber = head.IdNumber, Name = head.Name, Kind = "wage", Year = 2021, Amount = "1" });
        Assert.Equal((2, 1, 1), (incomes.Accepted, incomes.Unchanged, incomes.Rejected));

        Assert.Equal(0, await fixture.DrainAsync());
        var recorded = fixture.Incomes.Where(i => i.HouseholdId == household.HouseholdId).OrderBy(i => i.Amount).Select(i => (i.Kind, i.Amount)).ToList();
        Assert.Equal([(IncomeKind.Property, 600m), (IncomeKind.Transfer, 630m), (IncomeKind.Wage, 4200m)], recorded);
    }

    private static RangerSelectionRecord Selection(string clientRef, MemberSnapshot person, string? name = null, string? idNumber = null, string? startsOn = null) => new()
    {
        ClientRef = clientRef, IdNumber = idNumber ?? person.IdNumber, Name = name ?? person.Name, Year = Year, PatrolArea = "后山", AreaMu = "1200", StartsOn = startsOn ?? string.Empty,
    };

    private static RangerPayRecord Pay(string clientRef, MemberSnapshot person, string? amount) => new()
    {
        ClientRef = clientRef, IdNumber = person.IdNumber, Name = person.Name, Year = Year, Amount = amount ?? string.Empty, PaidOn = "2022-12-20",
    };

    private static PatrolRecord Patrol(string clientRef, MemberSnapshot person, string day, string? hours) => new()
    {
        ClientRef = clientRef, IdNumber = person.IdNumber, Name = person.Name, PatrolledOn = day, Hours = hours ?? string.Empty,
    };

    private static Task<FeedSummary> SelectAsync(GrpcChannel channel, params RangerSelectionRecord[] records) =>
        EcologyFixture.StreamAsync(new ForestRangers.ForestRangersClient(channel).SelectRangers(), records);
}
