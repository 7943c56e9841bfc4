using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Contracts.Grpc.Relocation.V1;
using Platform.Contracts.Registry;
using Platform.Contracts.Relocation;
using Platform.Relocation.Data;
using Platform.Relocation.Guarantees;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.People;
using Platform.Testing;

namespace Platform.Relocation.Tests.Api;

/// <summary>The bureaus' feeds over real HTTP/2: one verdict per record, nothing half-applied, people matched by ID number and name.</summary>
public sealed class FeedTests(RelocationFixture fixture) : IClassFixture<RelocationFixture>
{
    [Fact]
    public async Task Sites_are_created_by_code_sent_again_unchanged_and_a_bad_record_is_refused_alone()
    {
        using var channel = fixture.Host.CreateGrpcChannel(TestTokens.CountyOffice());
        var sites = new ResettlementSites.ResettlementSitesClient(channel);
        var code = People.Code("AZD");
        var facilities = new[] { "service-centre", "clinic", "school", "culture-square", "workshop", "shop", "sanitation" };
        var summary = await RelocationFixture.StreamAsync(
            sites.ImportSites(),
            Feeds.Site(code, facilities: facilities),
            Feeds.Site(People.Code("AZD"), mode: "scattered"),
            Feeds.Site(People.Code("AZD"), completed: "2099-01-01"),
            Feeds.Site(People.Code("AZD"), village: "4203"));
        Assert.Equal((4, 1, 3), (summary.Received, summary.Accepted, summary.Rejected));
        Assert.Equal(["mode", "completed_on", "village_code"], summary.Rejections.Select(r => r.Field));

        var again = await RelocationFixture.StreamAsync(sites.ImportSites(), Feeds.Site(code, facilities: facilities));
        Assert.Equal((0, 1), (again.Accepted, again.Unchanged));
        var site = await fixture.QueryAsync(db => db.Sites.Include(s => s.Facilities).SingleAsync(s => s.Code == code));
        Assert.True(site.FullyEquipped);
    }

    [Fact]
    public async Task A_case_reaching_moved_in_tells_the_registry_to_file_the_household_under_the_site_s_village_and_meets_its_housing_guarantee()
    {
        var head = People.Member("户主", "张德才");
        var registered = await fixture.RegisterAsync(People.OtherTownshipVillage, head, People.Member("之子", "张小才", 2008));
        Assert.False(fixture.Latest(registered.HouseholdId, Guarantee.SafeHousing)!.Met);

        using var channel = fixture.Host.CreateGrpcChannel(TestTokens.CountyOffice());
        var code = People.Code("AZD");
        await RelocationFixture.StreamAsync(new ResettlementSites.ResettlementSitesClient(channel).ImportSites(), Feeds.Site(code));
        var record = Feeds.Case(head, code, demolished: "2019-03-01");
        record.SubsidyFen = 5_000_000;
        var summary = await RelocationFixture.StreamAsync(new RelocationCases.RelocationCasesClient(channel).ImportCases(), record);
        Assert.Equal(1, summary.Accepted);

        var relocated = await Eventually.ReturnsAsync(
            () => Task.FromResult(fixture.Relocations.SingleOrDefault(r => r.HouseholdId == registered.HouseholdId)),
            TimeSpan.FromSeconds(30),
            "the registry is told the household moved in");
        Assert.Equal((People.Village, People.OtherTownshipVillage, ResettlementMode.TownOrCounty, new DateOnly(2018, 9, 1)),
            (relocated.VillageCode, relocated.PreviousVillageCode, relocated.Mode, relocated.MovedInOn));
        var housing = await fixture.AssessedAsync(registered.HouseholdId, Guarantee.SafeHousing, met: true);
        Assert.Equal("relocation-case:" + relocated.CaseId, housing.SourceRecordId);

        var income = await Eventually.ReturnsAsync(
            () => Task.FromResult(fixture.Incomes.SingleOrDefault(i => i.HouseholdId == registered.HouseholdId)),
            TimeSpan.FromSeconds(30),
            "the relocation subsidy reaches the registry as income");
        Assert.Equal((IncomeKind.Transfer, 50_000m, false, 2018), (income.Kind, income.Amount, income.CountsTowardExit, income.Year));

        var relocation = await fixture.QueryAsync(db => db.Cases.SingleAsync(c => c.HouseholdId == registered.HouseholdId));
        Assert.Equal((Platform.Relocation.Domain.RelocationStep.OldHouseDemolished, 2, "county-office"), (relocation.Step, relocation.People, relocation.MovedInBy));

        // Sent again: unchanged, and nothing more for the registry.
        var outbox = await fixture.OutboxCountAsync();
        var again = await RelocationFixture.StreamAsync(new RelocationCases.RelocationCasesClient(channel).ImportCases(), record);
        Assert.Equal((0, 1), (again.Accepted, again.Unchanged));
        Assert.Equal(outbox, await fixture.OutboxCountAsync());
    }

    [Fact]
    public async Task A_record_refused_halfway_leaves_nothing_behind_while_the_others_of_the_call_are_applied()
    {
        var first = People.Member("户主", "李春生");
        var second = People.Member("户主", "王秋生");
        var one = await fixture.RegisterAsync(People.Village, first, People.Member("配偶", "李春花"));
        var two = await fixture.RegisterAsync(People.Village, second, People.Member("配偶", "王秋菊"));
        using var channel = fixture.Host.CreateGrpcChannel(TestTokens.CountyOffice());
        var code = People.Code("AZD");
        // Completed after the second household's move-in date: its housing would be allocated, then the move-in refused.
        await RelocationFixture.StreamAsync(new ResettlementSites.ResettlementSitesClient(channel).ImportSites(), Feeds.Site(code, completed: "2018-08-01", capacity: 5));
        var summary = await RelocationFixture.StreamAsync(
            new RelocationCases.RelocationCasesClient(channel).ImportCases(),
            Feeds.Case(first, code),
            Feeds.Case(second, code, allocated: "2018-03-01", movedIn: "2018-07-01"));
        Assert.True((1, 1) == (summary.Accepted, summary.Rejected), string.Join("; ", summary.Rejections));
        Assert.Equal((1, "moved_in_on"), (summary.Rejections[0].Index, summary.Rejections[0].Field));

        Assert.True(await fixture.QueryAsync(db => db.Cases.AnyAsync(c => c.HouseholdId == one.HouseholdId)));
        Assert.False(await fixture.QueryAsync(db => db.Cases.AnyAsync(c => c.HouseholdId == two.HouseholdId)));
        Assert.Equal(1, await fixture.QueryAsync(db => db.Sites.Where(s => s.Code == code).Select(s => s.AllocatedHouseholds).SingleAsync()));
        Assert.Equal(0, await fixture.DrainAsync());
        Assert.DoesNotContain(fixture.Relocations, r => r.HouseholdId == two.HouseholdId);
    }

    [Fact]
    public async Task What_a_feed_records_names_the_department_that_sent_it()
    {
        var head = People.Member("户主", "冯实名");
        var registered = await fixture.RegisterAsync(People.Village, head);
        using var bureau = fixture.Host.CreateGrpcChannel(TestTokens.ForRole(PlatformRoles.DepartmentOfficer, pillar: PlatformScopes.Relocation));
        var record = Feeds.Case(head, string.Empty, mode: "scattered", allocated: null, movedIn: null);
        var summary = await RelocationFixture.StreamAsync(new RelocationCases.RelocationCasesClient(bureau).ImportCases(), record);
        Assert.True(summary.Accepted == 1, string.Join("; ", summary.Rejections.Select(r => $"{r.Field}: {r.Reason}")));
        Assert.Equal(
            "department-officer-relocation",
            await fixture.QueryAsync(db => db.Cases.Where(c => c.HouseholdId == registered.HouseholdId).Select(c => c.PlannedBy).SingleAsync()));
    }

    [Fact]
    public async Task Whoever_the_feed_names_wrongly_gets_one_neutral_verdict()
    {
        var head = People.Member("户主", "赵明理");
        await fixture.RegisterAsync(People.Village, head);
        using var channel = fixture.Host.CreateGrpcChannel(TestTokens.CountyOffice());
        var code = People.Code("AZD");
        await RelocationFixture.StreamAsync(new ResettlementSites.ResettlementSitesClient(channel).ImportSites(), Feeds.Site(code));
        var wrongName = Feeds.Case(head, code);
        wrongName.Member.Name = "赵明礼";
        var unknown = Feeds.Case(People.Member("户主", "钱多多"), code);
        var malformed = Feeds.Case(head, code);
        malformed.Member.IdNumber = "420325198001011234";
        var summary = await RelocationFixture.StreamAsync(new RelocationCases.RelocationCasesClient(channel).ImportCases(), wrongName, unknown, malformed);
        Assert.Equal(3, summary.Rejected);
        Assert.Equal(summary.Rejections[0].Reason, summary.Rejections[1].Reason);
        Assert.Equal((PersonMatching.NotFoundReason, "member.id_number"), (summary.Rejections[0].Reason, summary.Rejections[0].Field));
        Assert.NotEqual(PersonMatching.NotFoundReason, summary.Rejections[2].Reason);
    }

    [Fact]
    public async Task Appraisals_count_for_a_registered_household_and_are_kept_for_a_household_not_registered()
    {
        var head = People.Member("户主", "孙立本");
        var registered = await fixture.RegisterAsync(People.Village, head);
        using var channel = fixture.Host.CreateGrpcChannel(TestTokens.CountyOffice());
        var housing = new HousingSafety.HousingSafetyClient(channel);
        var stranger = People.NewIdNumber();
        var dangerous = Feeds.Appraisal(head.IdNumber, head.Name, "d", "2019-04-01");
        var summary = await RelocationFixture.StreamAsync(
            housing.ImportAppraisals(),
            dangerous,
            Feeds.Appraisal(stranger, "周邻居", "c", village: People.Village),
            Feeds.Appraisal(People.NewIdNumber(), "吴无村", "a"));
        Assert.Equal((2, 1), (summary.Accepted, summary.Rejected));
        Assert.Equal("village_code", summary.Rejections[0].Field);
        Assert.False((await fixture.AssessedAsync(registered.HouseholdId, Guarantee.SafeHousing, met: false)).Met);
        var notRegistered = await fixture.QueryAsync(db => db.Appraisals.SingleAsync(a => a.OwnerIdNumber == stranger));
        Assert.Null(notRegistered.HouseholdId);

        var renovation = new RenovationRecord
        {
            ClientRef = "r", Owner = new PersonRef { IdNumber = head.IdNumber, Name = head.Name }, ProjectNumber = People.Code("WG"), Programme = "non-differentiated",
            Method = "reinforcement", StartedOn = "2019-05-01", AcceptedOn = "2019-09-01", AcceptedBy = "县住建局验收组", SubsidyFen = 2_000_000,
        };
        Assert.Equal(1, (await RelocationFixture.StreamAsync(housing.ImportRenovations(), renovation)).Accepted);
        var met = await fixture.AssessedAsync(registered.HouseholdId, Guarantee.SafeHousing, met: true);
        Assert.StartsWith("renovation:", met.SourceRecordId, StringComparison.Ordinal);
        var income = await Eventually.ReturnsAsync(
            () => Task.FromResult(fixture.Incomes.SingleOrDefault(i => i.HouseholdId == registered.HouseholdId)),
            TimeSpan.FromSeconds(30),
            "the renovation subsidy reaches the registry");
        Assert.Equal((20_000m, false), (income.Amount, income.CountsTowardExit));

        Assert.Equal(1, (await RelocationFixture.StreamAsync(housing.ImportAppraisals(), dangerous)).Unchanged);
    }

    [Fact]
    public async Task A_feed_waits_for_owners_another_unit_of_work_holds_longer_than_one_of_its_commands_may_run()
    {
        // A second instance of the pillar whose commands time out after 2 s (30 s by default), on the same database.
        var shortCommands = new NpgsqlConnectionStringBuilder(fixture.DatabaseConnectionString) { CommandTimeout = 2 }.ConnectionString;
        await using var instance = ServiceHost<Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:relocation"] = shortCommands,
            ["ConnectionStrings:rabbitmq"] = fixture.VirtualHost.ToString(),
        });
        var owner = People.NewIdNumber();

        // Another unit of work (a batch of the registry's events, say) holds the owner until it ends.
        await using var scope = fixture.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RelocationDbContext>();
        var holding = await db.Database.BeginTransactionAsync();
        await scope.ServiceProvider.GetRequiredService<SafetyBook>().LockOwnersAsync([owner], CancellationToken.None);

        using var channel = instance.CreateGrpcChannel(TestTokens.CountyOffice());
        var appraisal = RelocationFixture.StreamAsync(
            new HousingSafety.HousingSafetyClient(channel).ImportAppraisals(), Feeds.Appraisal(owner, "钱守候", "b", village: People.Village));
        await Eventually.AssertAsync(
            async () => appraisal.IsCompleted || await LongestAdvisoryWaitAsync() > 4,
            TimeSpan.FromSeconds(30),
            "the feed waits for the owner's lock longer than its commands may run");
        Assert.False(appraisal.IsCompleted, "the feed ended while the owner was still held");

        await holding.RollbackAsync();
        await holding.DisposeAsync();
        Assert.Equal(1, (await appraisal).Accepted);
        Assert.Equal(owner, (await fixture.QueryAsync(db => db.Appraisals.SingleAsync(a => a.OwnerIdNumber == owner))).OwnerIdNumber);
    }

    // Seconds the longest-waiting session of the pillar's database has waited for an advisory lock.
    private async Task<double> LongestAdvisoryWaitAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(max(extract(epoch FROM now() - query_start)), 0)::float8 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'",
            connection);
        return (double)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_water_project_and_its_tests_decide_the_safe_water_guarantee_of_every_household_of_its_villages()
    {
        const string village = "420325003001";
        var registered = await fixture.RegisterAsync(village, People.Member("户主", "郑水生"));
        Assert.False(fixture.Latest(registered.HouseholdId, Guarantee.SafeDrinkingWater)!.Met);
        using var channel = fixture.Host.CreateGrpcChannel(TestTokens.CountyOffice());
        var water = new DrinkingWater.DrinkingWaterClient(channel);
        var code = People.Code("GS");
        Assert.Equal(1, (await RelocationFixture.StreamAsync(water.ImportWaterProjects(), Feeds.Centralised(code, village))).Accepted);
        Assert.Equal(1, (await RelocationFixture.StreamAsync(water.ImportWaterTests(), Feeds.Test(code, passed: true))).Accepted);
        await fixture.AssessedAsync(registered.HouseholdId, Guarantee.SafeDrinkingWater, met: true);

        var failed = await RelocationFixture.StreamAsync(water.ImportWaterTests(), Feeds.Test(code, passed: false, sampled: "2026-10-01"));
        Assert.Equal(1, failed.Accepted);
        var unmet = await fixture.AssessedAsync(registered.HouseholdId, Guarantee.SafeDrinkingWater, met: false);
        Assert.Contains("水质检测不合格", unmet.Reason, StringComparison.Ordinal);

        // A household registered afterwards in that village is assessed against the project at once.
        var later = await fixture.RegisterAsync(village, People.Member("户主", "郑水旺"));
        Assert.Contains("水质检测不合格", fixture.Latest(later.HouseholdId, Guarantee.SafeDrinkingWater)!.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PlatformRoles.TownshipOfficer)]
    [InlineData(PlatformRoles.VillageCadre)]
    [InlineData(PlatformRoles.Auditor)]
    public async Task Only_county_roles_and_the_pillar_s_department_send_feeds(string role)
    {
        var token = TestTokens.ForRole(role, township: role == PlatformRoles.TownshipOfficer ? People.Township : null, village: role == PlatformRoles.VillageCadre ? People.Village : null);
        using var channel = fixture.Host.CreateGrpcChannel(token);
        var code = People.Code("AZD");
        var error = await Assert.ThrowsAsync<RpcException>(() => RelocationFixture.StreamAsync(new ResettlementSites.ResettlementSitesClient(channel).ImportSites(), Feeds.Site(code)));
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.False(await fixture.QueryAsync(db => db.Sites.AnyAsync(s => s.Code == code)));

        using var bureau = fixture.Host.CreateGrpcChannel(TestTokens.ForRole(PlatformRoles.DepartmentOfficer, pillar: PlatformScopes.Relocation));
        Assert.Equal(1, (await RelocationFixture.StreamAsync(new ResettlementSites.ResettlementSitesClient(bureau).ImportSites(), Feeds.Site(code))).Accepted);
        using var otherBureau = fixture.Host.CreateGrpcChannel(TestTokens.ForRole(PlatformRoles.DepartmentOfficer, pillar: PlatformScopes.Education));
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(() =>
            RelocationFixture.StreamAsync(new ResettlementSites.ResettlementSitesClient(otherBureau).ImportSites(), Feeds.Site(People.Code("AZD"))))).StatusCode);
    }
}
