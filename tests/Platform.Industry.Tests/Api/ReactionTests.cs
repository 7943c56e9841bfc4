using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Education;
using Platform.Contracts.Households;
using Platform.Contracts.Relocation;
using Platform.Messaging;
using Platform.Testing;

namespace Platform.Industry.Tests.Api;

/// <summary>What the pillar does when the registry's households change and when the other pillars report.</summary>
public sealed class ReactionTests(IndustryFixture fixture) : IClassFixture<IndustryFixture>
{
    [Fact]
    public async Task A_member_who_died_or_moved_away_ends_the_links_that_name_them_and_their_jobs_and_the_others_stay()
    {
        var died = Registry.Member("配偶", 58, "赵桂芝");
        var movedAway = Registry.Member("之子", 29, "赵小龙");
        var stays = Registry.Member("之女", 26, "赵小凤");
        var household = await fixture.RegisterAsync(others: [died, movedAway, stays]);
        var entity = await fixture.EntityAsync();
        var dividend = await fixture.LinkAsync(entity, died, "dividend");
        var wage = await fixture.LinkAsync(entity, movedAway, "wage");
        var lease = await fixture.LinkAsync(entity, stays, "land-lease");
        using var county = fixture.County();
        using var job = await county.PostAsJsonAsync("/api/industry/employment", new
        {
            memberId = movedAway.MemberId, kind = "transferred-out", employer = "东莞某鞋厂", destination = "广东省东莞市", destinationScope = "out-of-province",
            startedOn = $"{Registry.Today.Year}-01-01", months = 1, monthlyWage = 4000m,
        });
        Assert.Equal(HttpStatusCode.Created, job.StatusCode);

        await fixture.PublishAsync(Registry.Removed(household, died, MemberRemovalReason.Died), Registry.Removed(household, movedAway, MemberRemovalReason.MovedOut));
        Assert.Equal(0, await fixture.DrainAsync());

        var links = await fixture.QueryAsync(db => db.Links.Where(l => l.HouseholdId == household.HouseholdId).ToDictionaryAsync(l => l.Id));
        Assert.Contains("died", links[dividend].EndReason, StringComparison.Ordinal);
        Assert.Contains("moved-out", links[wage].EndReason, StringComparison.Ordinal);
        Assert.True(links[lease].IsOpen);
        var employment = await fixture.QueryAsync(db => db.Employment.SingleAsync(r => r.MemberId == movedAway.MemberId));
        Assert.False(employment.IsCurrent);
        Assert.Equal(Registry.Today, employment.EndedOn);
    }

    [Fact]
    public async Task A_relocated_household_gets_one_job_matching_task_for_the_workshops_near_its_site_closed_when_a_member_finds_a_job()
    {
        const string site = "420325001003";
        var worker = Registry.Member("之子", 33, "孙大伟");
        var elder = Registry.Member("之父", 72, "孙老汉", labour: "weak");
        var household = await fixture.RegisterAsync(others: [worker, elder]);
        var siteId = Guid.NewGuid();
        using var county = fixture.County();
        using var atSite = await county.PostAsJsonAsync("/api/industry/entities", new
        {
            code = "W" + Guid.NewGuid().ToString("N")[..12], kind = "workshop", name = "安置点扶贫车间", villageCode = "420325001009", industry = "edible-fungi",
            workshopSite = "resettlement-site", siteId, siteName = "城关镇安置点",
        });
        Assert.Equal(HttpStatusCode.Created, atSite.StatusCode);
        var inTownship = await fixture.EntityAsync(kind: "workshop", village: "420325001004");
        var elsewhere = await fixture.EntityAsync(kind: "workshop", village: Registry.OtherTownshipVillage);

        var relocated = new HouseholdRelocated
        {
            EventId = Guid.NewGuid(), HouseholdId = household.HouseholdId, OccurredAt = DateTimeOffset.UtcNow, CaseId = Guid.NewGuid(), SiteId = siteId, SiteName = "城关镇安置点",
            Mode = ResettlementMode.TownOrCounty, VillageCode = site, PreviousVillageCode = Registry.VillageCode, MovedInOn = Registry.Today.AddDays(-3),
        };
        await fixture.PublishAsync(relocated, relocated with { EventId = Guid.NewGuid() });
        Assert.Equal(0, await fixture.DrainAsync());
        var task = Assert.Single(await fixture.QueryAsync(db => db.MatchingTasks.Where(t => t.HouseholdId == household.HouseholdId).ToListAsync()));

        var detail = await IndustryFixture.GetJsonAsync(county, $"/api/industry/job-matching/tasks/{task.Id}");
        var members = detail.GetProperty("workingMembers").EnumerateArray().Select(m => m.GetProperty("member").GetProperty("id").GetGuid()).ToList();
        Assert.Contains(worker.MemberId, members);
        Assert.DoesNotContain(elder.MemberId, members);
        var workshops = detail.GetProperty("workshops").EnumerateArray().Select(w => (w.GetProperty("id").GetGuid(), w.GetProperty("nearness").GetInt32())).ToList();
        Assert.Equal(0, workshops[0].Item2);
        Assert.Contains((inTownship, 2), workshops);
        Assert.DoesNotContain(workshops, w => w.Item1 == elsewhere);

        using var hired = await county.PostAsJsonAsync("/api/industry/employment", new
        {
            memberId = worker.MemberId, kind = "workshop", workshopId = inTownship, startedOn = Registry.Today.AddDays(-1), months = 1, monthlyWage = 2000m,
        });
        Assert.Equal(HttpStatusCode.Created, hired.StatusCode);
        var closed = await IndustryFixture.GetJsonAsync(county, $"/api/industry/job-matching/tasks/{task.Id}");
        Assert.Equal("employed", closed.GetProperty("task").GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_member_who_completed_training_appears_in_job_matching_until_employed()
    {
        var trainee = Registry.Member("之子", 22, "周小平");
        var household = await fixture.RegisterAsync(others: [trainee]);
        var completed = new TrainingCompleted
        {
            EventId = Guid.NewGuid(), HouseholdId = household.HouseholdId, OccurredAt = DateTimeOffset.UtcNow, MemberId = trainee.MemberId, EnrolmentId = Guid.NewGuid(),
            CourseId = Guid.NewGuid(), CourseName = "2026年城关镇食用菌栽培技术培训班", Trade = "食用菌栽培", TownshipCode = "420325001", CompletedOn = Registry.Today.AddDays(-5),
        };
        await fixture.PublishAsync(completed, completed with { EventId = Guid.NewGuid() });
        using var county = fixture.County();
        async Task<List<Guid>> CandidatesAsync() =>
            (await IndustryFixture.GetJsonAsync(county, "/api/industry/job-matching/candidates?trade=食用菌栽培&pageSize=200"))
                .GetProperty("items").EnumerateArray().Select(c => c.GetProperty("member").GetProperty("id").GetGuid()).ToList();
        await Eventually.AssertAsync(async () => (await CandidatesAsync()).Contains(trainee.MemberId), TimeSpan.FromSeconds(30), "the trainee is a candidate");
        Assert.Equal(0, await fixture.DrainAsync());
        Assert.Equal(1, await fixture.QueryAsync(db => db.Skills.CountAsync(s => s.MemberId == trainee.MemberId)));

        using var hired = await county.PostAsJsonAsync("/api/industry/employment", new
        {
            memberId = trainee.MemberId, kind = "public-welfare-post", employer = "保洁员", startedOn = Registry.Today.AddDays(-1), months = 1, monthlyWage = 600m,
        });
        Assert.Equal(HttpStatusCode.Created, hired.StatusCode);
        Assert.DoesNotContain(trainee.MemberId, await CandidatesAsync());
    }

    [Fact]
    public async Task A_household_flagged_for_monitoring_appears_in_the_work_list_and_leaves_it_when_the_flag_is_removed()
    {
        var household = await fixture.RegisterAsync(status: HouseholdStatus.Exited);
        var flag = Guid.NewGuid();
        await fixture.PublishAsync(new MonitoringFlagRaised
        {
            EventId = Guid.NewGuid(), HouseholdId = household.HouseholdId, OccurredAt = DateTimeOffset.UtcNow, FlagId = flag, Category = MonitoringCategory.UnstableExited,
            Trigger = MonitoringTrigger.LargeExpense, RaisedOn = Registry.Today, Reason = "住院自付 8,000 元，超过 5,000 元监测标准",
        });
        using var county = fixture.County();
        async Task<List<(Guid Flag, bool Open)>> ListAsync() =>
            (await IndustryFixture.GetJsonAsync(county, $"/api/industry/work-list?pageSize=200")).GetProperty("items").EnumerateArray()
                .Select(e => (e.GetProperty("flagId").GetGuid(), e.GetProperty("removedOn").ValueKind == System.Text.Json.JsonValueKind.Null)).ToList();
        await Eventually.AssertAsync(async () => (await ListAsync()).Contains((flag, true)), TimeSpan.FromSeconds(30), "the household is on the work list");
        Assert.False((await IndustryFixture.GetJsonAsync(county, $"/api/industry/work-list?open=true&pageSize=200")).GetProperty("items").EnumerateArray()
            .Single(e => e.GetProperty("flagId").GetGuid() == flag).GetProperty("covered").GetBoolean());

        await fixture.PublishAsync(new MonitoringFlagRemoved
        {
            EventId = Guid.NewGuid(), HouseholdId = household.HouseholdId, OccurredAt = DateTimeOffset.UtcNow, FlagId = flag, Category = MonitoringCategory.UnstableExited,
            RemovedOn = Registry.Today, StableSince = Registry.Today.AddMonths(-6), Reason = "收入稳定",
        });
        await Eventually.AssertAsync(async () => (await ListAsync()).Contains((flag, false)), TimeSpan.FromSeconds(30), "the flag is removed from the open list");
    }

    [Fact]
    public async Task A_household_that_moves_takes_its_records_to_its_new_village()
    {
        var holder = Registry.Member("之子", 35, "吴大海");
        var household = await fixture.RegisterAsync(others: [holder]);
        await fixture.LinkAsync(await fixture.EntityAsync(), holder);
        using var oldVillage = fixture.Host.CreateHttpClient(TestTokens.ForRole("village-cadre", village: Registry.VillageCode));
        using var newVillage = fixture.Host.CreateHttpClient(TestTokens.ForRole("village-cadre", village: Registry.OtherTownshipVillage));
        Assert.Equal(1, (await IndustryFixture.GetJsonAsync(oldVillage, $"/api/industry/links?household={household.HouseholdId}")).GetProperty("total").GetInt32());

        await fixture.PublishAsync(new HouseholdMoved
        {
            EventId = Guid.NewGuid(), HouseholdId = household.HouseholdId, OccurredAt = DateTimeOffset.UtcNow, PreviousVillageCode = Registry.VillageCode,
            VillageCode = Registry.OtherTownshipVillage, TownshipCode = Registry.OtherTownshipVillage[..9], Reason = "易地扶贫搬迁",
        });
        await Eventually.AssertAsync(
            async () => (await IndustryFixture.GetJsonAsync(newVillage, $"/api/industry/links?household={household.HouseholdId}")).GetProperty("total").GetInt32() == 1,
            TimeSpan.FromSeconds(30),
            "the new village sees the household's link");
        // For the old village the household is gone: its list is "not found", not empty.
        Assert.Equal(HttpStatusCode.NotFound, (await oldVillage.GetAsync(new Uri($"/api/industry/links?household={household.HouseholdId}", UriKind.Relative))).StatusCode);
        Assert.Equal(0, (await IndustryFixture.GetJsonAsync(oldVillage, "/api/industry/links")).GetProperty("items").EnumerateArray()
            .Count(l => l.GetProperty("member").GetProperty("householdId").GetGuid() == household.HouseholdId));
        Assert.Equal(0u, await ErrorQueues.CountAsync(fixture.VirtualHost, "industry"));
    }
}
