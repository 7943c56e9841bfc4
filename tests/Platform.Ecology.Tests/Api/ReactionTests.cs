using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Ecology;
using Platform.Contracts.Households;
using Platform.Messaging.Stream;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.Ecology.Tests.Api;

/// <summary>
/// "A member died, moved away or lost labour ability (replica MemberLeft / MemberChanged) → the post ends
/// and the vacancy appears for the township; a household moved → its payments follow."
/// </summary>
public sealed class ReactionTests(EcologyFixture fixture) : IClassFixture<EcologyFixture>
{
    private static int ThisYear => County.ThisYear;

    /// <summary>
    /// A county's exits are one status change per household for each pillar; this pillar does nothing on a change of
    /// status, so the batch reads the household's row alone — not its members, not what the reactions prepare.
    /// </summary>
    [Fact]
    public async Task A_change_of_status_reads_the_household_s_row_alone()
    {
        var (_, village) = County.NewPlace();
        var household = await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, County.Person("石长青", 48), County.Person("石小青", 19, "之子")));
        using var recorder = new EfCommandRecorder();

        await fixture.PublishAsync(new HouseholdStatusChanged
        {
            EventId = Guid.NewGuid(), HouseholdId = household.HouseholdId, OccurredAt = DateTimeOffset.UtcNow, PreviousStatus = HouseholdStatus.Poor,
            Status = HouseholdStatus.Exited, Reason = "脱贫", Year = 2020,
        });
        Assert.Equal(0, await fixture.DrainAsync());

        Assert.Equal(HouseholdStatus.Exited, await fixture.QueryAsync(db => db.ReplicaHouseholds.Where(h => h.Id == household.HouseholdId).Select(h => h.Status).SingleAsync()));
        var batch = recorder.Commands.Where(c => c.Parameters.Any(p => p is IEnumerable<Guid> ids && ids.Contains(household.HouseholdId))).ToList();
        Assert.Contains(batch, c => c.Sql.Contains("replica_households", StringComparison.Ordinal));
        Assert.DoesNotContain(batch, c => c.Sql.Contains("replica_members", StringComparison.Ordinal) || c.Sql.Contains("ranger", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_ranger_who_died_loses_the_post_once_even_when_the_registry_s_event_comes_twice_and_the_township_has_a_vacancy()
    {
        var (township, village) = County.NewPlace();
        var ranger = County.Person("高山松", 52);
        var household = await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, ranger, County.Person("高小松", 20, "之子")));
        await fixture.QuotaAsync(ThisYear, township, 1);
        var post = (await fixture.SelectAsync(ranger.MemberId, ThisYear)).GetProperty("id").GetGuid();

        var died = County.Removed(household, ranger, MemberRemovalReason.Died);
        await fixture.PublishAsync(died);
        await StreamEvents.PublishAsync(fixture.VirtualHost, died, died.EventId);
        await StreamEvents.PublishAsync(fixture.VirtualHost, died with { EventId = Guid.NewGuid() });
        Assert.Equal(0, await fixture.DrainAsync());

        using var county = fixture.County();
        var ended = await county.GetFromJsonAsync<JsonElement>(new Uri($"/api/ecology/rangers/{post}", UriKind.Relative));
        Assert.Equal((false, "died"), (ended.GetProperty("inPost").GetBoolean(), ended.GetProperty("endReason").GetString()));
        var quota = (await county.GetFromJsonAsync<JsonElement>(new Uri($"/api/ecology/rangers/quotas?year={ThisYear}&vacant=true", UriKind.Relative)))
            .EnumerateArray().Single(q => q.GetProperty("townshipCode").GetString() == township);
        Assert.Equal((0, 1, 1), (quota.GetProperty("inPost").GetInt32(), quota.GetProperty("ended").GetInt32(), quota.GetProperty("vacancies").GetInt32()));
        var announced = Assert.Single(fixture.PostsEnded, e => e.PostId == post);
        Assert.Equal((RangerPostEndReason.Died, township), (announced.Reason, announced.TownshipCode));
    }

    [Theory]
    [InlineData(MemberRemovalReason.MovedOut, "moved-away")]
    [InlineData(MemberRemovalReason.MarriedOut, "moved-away")]
    [InlineData(MemberRemovalReason.RegistrationError, "left-household")]
    public async Task A_ranger_who_left_the_household_loses_the_post(MemberRemovalReason reason, string endReason)
    {
        var (township, village) = County.NewPlace();
        var ranger = County.Person("迁出人", 30);
        var household = await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, County.Person("户主", 55), ranger));
        await fixture.QuotaAsync(ThisYear, township, 1);
        var post = (await fixture.SelectAsync(ranger.MemberId, ThisYear)).GetProperty("id").GetGuid();

        await fixture.PublishAsync(County.Removed(household, ranger, reason));
        Assert.Equal(0, await fixture.DrainAsync());

        var ended = await fixture.QueryAsync(db => db.RangerPosts.SingleAsync(p => p.Id == post));
        Assert.Equal(endReason, Contracts.Codes.Of(ended.EndReason!.Value));
    }

    [Fact]
    public async Task A_ranger_whose_health_or_labour_ability_is_lost_in_the_registry_loses_the_post_and_a_chronic_illness_does_not()
    {
        var (township, village) = County.NewPlace();
        var seriouslyIll = County.Person("病重者", 48);
        var chronic = County.Person("慢病者", 47);
        var noLongerWorking = County.Person("伤残者", 46);
        var ill = await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, seriouslyIll));
        var mild = await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, chronic));
        var injured = await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, noLongerWorking));
        await fixture.QuotaAsync(ThisYear, township, 3);
        var illPost = (await fixture.SelectAsync(seriouslyIll.MemberId, ThisYear)).GetProperty("id").GetGuid();
        var mildPost = (await fixture.SelectAsync(chronic.MemberId, ThisYear)).GetProperty("id").GetGuid();
        var injuredPost = (await fixture.SelectAsync(noLongerWorking.MemberId, ThisYear)).GetProperty("id").GetGuid();

        await fixture.PublishAsync(
            County.HealthChanged(ill, seriouslyIll, "serious"),
            County.HealthChanged(mild, chronic, "chronic"),
            // A catch-up announcement carries the registry's labour ability: lost.
            new HouseholdAnnounced
            {
                EventId = Guid.NewGuid(), HouseholdId = injured.HouseholdId, OccurredAt = DateTimeOffset.UtcNow, HouseholdNumber = injured.HouseholdNumber,
                TownshipCode = township, VillageCode = village, Status = HouseholdStatus.Poor, Members = [noLongerWorking with { LabourAbility = "none" }],
            });
        Assert.Equal(0, await fixture.DrainAsync());

        var posts = await fixture.QueryAsync(db => db.RangerPosts.Where(p => p.Id == illPost || p.Id == mildPost || p.Id == injuredPost).ToDictionaryAsync(p => p.Id));
        Assert.Equal(RangerPostEndReason.LostLabourAbility, posts[illPost].EndReason);
        Assert.Equal(RangerPostEndReason.LostLabourAbility, posts[injuredPost].EndReason);
        Assert.True(posts[mildPost].InPost);
    }

    [Fact]
    public async Task A_post_whose_contract_year_is_over_is_left_as_it_was_when_the_ranger_dies_later()
    {
        var (township, village) = County.NewPlace();
        var ranger = County.Person("老护林", 50);
        var household = await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Exited, ranger));
        await fixture.QuotaAsync(2024, township, 1);
        var post = (await fixture.SelectAsync(ranger.MemberId, 2024)).GetProperty("id").GetGuid();

        await fixture.PublishAsync(County.Removed(household, ranger, MemberRemovalReason.Died));
        Assert.Equal(0, await fixture.DrainAsync());

        Assert.True((await fixture.QueryAsync(db => db.RangerPosts.SingleAsync(p => p.Id == post))).InPost);
        Assert.DoesNotContain(fixture.PostsEnded, e => e.PostId == post);
    }

    [Fact]
    public async Task A_household_that_moves_takes_its_compensation_to_the_new_village_and_the_ranger_post_stays_with_its_forest()
    {
        var (township, village) = County.NewPlace();
        var (newTownship, newVillage) = County.NewPlace();
        var head = County.Person("搬迁户主", 45);
        var household = await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, head));
        await fixture.QuotaAsync(ThisYear, township, 1);
        var post = (await fixture.SelectAsync(head.MemberId, ThisYear)).GetProperty("id").GetGuid();
        using var county = fixture.County();
        using (var paid = await county.PostAsJsonAsync(
            new Uri("/api/ecology/compensation", UriKind.Relative), new { householdId = household.HouseholdId, kind = "public-welfare-forest", year = 2025, areaMu = 20 }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, paid.StatusCode);
        }

        await fixture.PublishAsync(County.Moved(household, village, newVillage));
        Assert.Equal(0, await fixture.DrainAsync());

        using var oldPlace = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: village));
        using var newPlace = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: newVillage));
        Assert.Equal(0, (await oldPlace.GetFromJsonAsync<JsonElement>(new Uri("/api/ecology/compensation?year=2025", UriKind.Relative))).GetProperty("total").GetInt32());
        var moved = Assert.Single((await newPlace.GetFromJsonAsync<JsonElement>(new Uri("/api/ecology/compensation?year=2025", UriKind.Relative))).GetProperty("items").EnumerateArray());
        Assert.Equal((newTownship, newVillage, 315m), (moved.GetProperty("townshipCode").GetString(), moved.GetProperty("villageCode").GetString(), moved.GetProperty("amount").GetDecimal()));

        // The post is the old township's quota and forest: it stays there.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await oldPlace.GetAsync(new Uri($"/api/ecology/rangers/{post}", UriKind.Relative))).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await newPlace.GetAsync(new Uri($"/api/ecology/rangers/{post}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Registrations_in_a_rush_are_learned_in_batches_and_nothing_is_set_aside()
    {
        var households = Enumerable.Range(0, 300).Select(i => County.Household(County.Person("批量" + i, 30 + (i % 30)), County.Person("配偶" + i, 29, "配偶"))).ToList();
        await using (var stream = await EventStreamClient.ConnectAsync(fixture.VirtualHost, "rush"))
        {
            foreach (var household in households)
            {
                await stream.PublishAsync(household);
            }
        }

        Assert.Equal(0, await fixture.DrainAsync());
        var ids = households.Select(h => h.HouseholdId).ToList();
        Assert.Equal(600, await fixture.QueryAsync(db => db.ReplicaMembers.CountAsync(m => ids.Contains(m.HouseholdId))));
    }
}
