using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Contracts.Grpc.Relocation.V1;
using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.Testing;

namespace Platform.Relocation.Tests.Api;

/// <summary>What the pillar does with the registry's households: assess every one, find its houses, follow its moves.</summary>
public sealed class HouseholdStreamTests(RelocationFixture fixture) : IClassFixture<RelocationFixture>
{
    [Fact]
    public async Task Every_household_followed_is_assessed_at_once_and_not_met_without_records()
    {
        var registered = await fixture.RegisterAsync("420325004001");
        var housing = fixture.Latest(registered.HouseholdId, Guarantee.SafeHousing)!;
        var water = fixture.Latest(registered.HouseholdId, Guarantee.SafeDrinkingWater)!;
        Assert.Equal((false, false), (housing.Met, water.Met));
        Assert.Equal((Pillar.Relocation, "household:" + registered.HouseholdId), (housing.Source, housing.SourceRecordId));

        // Announced again (a catch-up): nothing changed, nothing more is sent.
        await fixture.PublishAsync(new HouseholdAnnounced
        {
            EventId = Guid.NewGuid(), HouseholdId = registered.HouseholdId, OccurredAt = DateTimeOffset.UtcNow, HouseholdNumber = registered.HouseholdNumber,
            TownshipCode = registered.TownshipCode, VillageCode = registered.VillageCode, Status = registered.Status, Members = registered.Members,
        });
        Assert.Equal(0, await fixture.DrainAsync());
        Assert.Equal(2, fixture.Assessments.Count(a => a.HouseholdId == registered.HouseholdId));
    }

    [Fact]
    public async Task A_house_appraised_before_its_household_was_registered_counts_from_the_household_s_first_assessment()
    {
        var head = People.Member("户主", "冯安居");
        using (var channel = fixture.Host.CreateGrpcChannel(TestTokens.CountyOffice()))
        {
            var summary = await RelocationFixture.StreamAsync(
                new HousingSafety.HousingSafetyClient(channel).ImportAppraisals(),
                Feeds.Appraisal(head.IdNumber, head.Name, "b", village: "420325004002"));
            Assert.Equal(1, summary.Accepted);
        }

        var registered = await fixture.RegisterAsync("420325004002", head);
        var housing = Assert.Single(fixture.Assessments, a => a.HouseholdId == registered.HouseholdId && a.Guarantee == Guarantee.SafeHousing);
        Assert.True(housing.Met);
        Assert.StartsWith("appraisal:", housing.SourceRecordId, StringComparison.Ordinal);
        Assert.Equal(registered.HouseholdId, await fixture.QueryAsync(db => db.Appraisals.Where(a => a.OwnerIdNumber == head.IdNumber).Select(a => a.HouseholdId).SingleAsync()));
    }

    [Fact]
    public async Task A_household_that_moves_takes_its_case_along_and_has_its_water_assessed_where_it_lives_now()
    {
        const string watered = "420325004003";
        const string dry = "420325004004";
        using (var channel = fixture.Host.CreateGrpcChannel(TestTokens.CountyOffice()))
        {
            var water = new DrinkingWater.DrinkingWaterClient(channel);
            var code = People.Code("GS");
            await RelocationFixture.StreamAsync(water.ImportWaterProjects(), Feeds.Centralised(code, watered));
            await RelocationFixture.StreamAsync(water.ImportWaterTests(), Feeds.Test(code, passed: true));
        }

        var registered = await fixture.RegisterAsync(watered);
        await fixture.AssessedAsync(registered.HouseholdId, Guarantee.SafeDrinkingWater, met: true);
        using var http = fixture.County();
        using var planned = await http.PostAsJsonAsync("/api/relocation/cases", new { householdId = registered.HouseholdId, mode = "scattered", plannedOn = "2026-03-01" });
        Assert.Equal(HttpStatusCode.Created, planned.StatusCode);

        await fixture.PublishAsync(new HouseholdMoved
        {
            EventId = Guid.NewGuid(), HouseholdId = registered.HouseholdId, OccurredAt = DateTimeOffset.UtcNow, PreviousVillageCode = watered,
            VillageCode = dry, TownshipCode = dry[..9], Reason = "户籍迁移",
        });
        var unmet = await fixture.AssessedAsync(registered.HouseholdId, Guarantee.SafeDrinkingWater, met: false);
        Assert.Contains("尚无供水工程覆盖", unmet.Reason, StringComparison.Ordinal);
        var relocation = await fixture.QueryAsync(db => db.Cases.SingleAsync(c => c.HouseholdId == registered.HouseholdId));
        Assert.Equal((dry, watered), (relocation.VillageCode, relocation.OriginVillageCode));
    }

    [Fact]
    public async Task A_household_registered_while_its_village_s_water_is_tested_ends_with_the_test_s_verdict()
    {
        const string village = "420325004005";
        var code = People.Code("GS");
        using var channel = fixture.Host.CreateGrpcChannel(TestTokens.CountyOffice());
        var water = new DrinkingWater.DrinkingWaterClient(channel);
        await RelocationFixture.StreamAsync(water.ImportWaterProjects(), Feeds.Centralised(code, village));

        // The batch that registers the household is held just before its commit (its outbox rows wait for a table lock),
        // after it assessed the water with the project untested; the test of the project is recorded meanwhile.
        await using var holder = new NpgsqlConnection(fixture.DatabaseConnectionString);
        await holder.OpenAsync();
        var hold = await holder.BeginTransactionAsync();
        await using (var lockOutbox = new NpgsqlCommand("LOCK TABLE outbox_messages IN EXCLUSIVE MODE", holder, hold))
        {
            await lockOutbox.ExecuteNonQueryAsync();
        }

        var registered = People.Registered(village, People.Member("户主", "王清泉"));
        await fixture.PublishAsync(registered);
        await Eventually.AssertAsync(async () => await WaitingAsync(holder, "relation") > 0, TimeSpan.FromSeconds(30), "the household's batch waits for the outbox");
        var tested = RelocationFixture.StreamAsync(water.ImportWaterTests(), Feeds.Test(code, passed: true));
        // The test's record either goes through at once (reading the village before the household is in it) or waits for the batch.
        await Eventually.AssertAsync(async () => tested.IsCompleted || await WaitingAsync(holder, "advisory") > 0, TimeSpan.FromSeconds(30), "the test's record is applied or waits");
        await hold.RollbackAsync();
        await hold.DisposeAsync();
        Assert.Equal(1, (await tested).Accepted);

        await fixture.AssessedAsync(registered.HouseholdId, Guarantee.SafeDrinkingWater, met: true);
        Assert.Equal(0, await fixture.DrainAsync());
        Assert.True(fixture.Latest(registered.HouseholdId, Guarantee.SafeDrinkingWater)!.Met);
    }

    private static async Task<long> WaitingAsync(NpgsqlConnection connection, string lockType)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE NOT granted AND locktype = @type", connection);
        command.Parameters.AddWithValue("type", lockType);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
