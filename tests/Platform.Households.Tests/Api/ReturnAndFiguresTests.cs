using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Platform.Testing;

namespace Platform.Households.Tests.Api;

/// <summary>A return to poverty and the monitoring flag; the exit figures counting people from the households' rows, exactly.</summary>
public class ReturnAndFiguresTests(HouseholdsFixture fixture) : IClassFixture<HouseholdsFixture>
{
    private readonly HttpClient client = fixture.Host.CreateHttpClient(TestTokens.CountyOffice());

    private async Task<Guid> ExitedHouseholdAsync()
    {
        var response = await client.PostAsJsonAsync("/api/households", Households.Body());
        response.EnsureSuccessStatusCode();
        var household = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await ExitScenario.ReportEligibleAsync(e => StreamEvents.PublishAsync(fixture.VirtualHost, e), household);
        await ExitScenario.WaitEligibleAsync(client, household);
        await ExitScenario.ExitAsync(client, HouseholdsFixture.VillageCodes[0], household);
        return household;
    }

    private async Task<JsonElement> ExitFiguresAsync() => await client.GetFromJsonAsync<JsonElement>(new Uri("/api/households/figures/exit", UriKind.Relative));

    private static long Unstable(JsonElement figures) =>
        figures.GetProperty("monitoring").EnumerateArray().Single(c => c.GetProperty("category").GetString() == "unstable-exited").GetProperty("households").GetInt64();

    /// <summary>The household's events in the outbox, in the order they are published.</summary>
    private async Task<List<string>> EventsOfAsync(Guid household)
    {
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT message_type FROM outbox_messages WHERE partition_key = '{household:N}' ORDER BY sequence", connection);
        var types = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            types.Add(reader.GetString(0).Split(',')[0].Split('.')[^1]);
        }

        return types;
    }

    /// <summary>
    /// A poor household is helped as poor, not monitored: a return to poverty (返贫) closes the open flag in the same commit,
    /// its record kept with why it ended, and the pillars hear of the closing after the status change.
    /// </summary>
    [Fact]
    public async Task A_return_to_poverty_closes_the_open_flag_and_the_pillars_hear_it_after_the_status_change()
    {
        var household = await ExitedHouseholdAsync();
        var before = Unstable(await ExitFiguresAsync());
        using var raised = await client.PostAsJsonAsync("/api/households/monitoring/flags", new { householdId = household, category = "unstable-exited", trigger = "cadre-visit", reason = "家庭成员患病，收入下降" });
        Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
        var flag = (await raised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("flag").GetProperty("id").GetGuid();
        Assert.Equal(before + 1, Unstable(await ExitFiguresAsync()));

        using var returned = await client.PostAsJsonAsync($"/api/households/{household}/status", new { status = "poor", reason = "因病返贫", year = 2026 });
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);

        var detail = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/households/monitoring/flags/{flag}", UriKind.Relative));
        Assert.Equal("became-poor", detail.GetProperty("ending").GetString());
        Assert.NotEqual(JsonValueKind.Null, detail.GetProperty("flag").GetProperty("removedOn").ValueKind);
        Assert.Contains("因病返贫", detail.GetProperty("removalReason").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, Unstable(await ExitFiguresAsync()));
        Assert.Equal(["MonitoringFlagRaised", "HouseholdStatusChanged", "MonitoringFlagClosed"], (await EventsOfAsync(household))[^3..]);

        // The first exit year is kept through the return to poverty.
        var history = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/households/{household}/exit-history", UriKind.Relative));
        Assert.Equal(2020, history.GetProperty("firstExitYear").GetInt32());
    }

    /// <summary>
    /// The exit figures count people as the households' sizes on their rows: a member born into an exited household
    /// counts at once, one who dies stops counting, and the drill-down lists the same people the figure counts.
    /// </summary>
    [Fact]
    public async Task The_exit_figures_count_the_households_sizes_exactly_through_member_changes()
    {
        var household = await ExitedHouseholdAsync();
        var before = await ExitFiguresAsync();
        using var born = await client.PostAsJsonAsync($"/api/households/{household}/members", new
        {
            reason = "born", member = Households.Member("之孙子", Households.NewIdNumber(new DateOnly(2026, 3, 1)), "王小宝"),
        });
        Assert.Equal(HttpStatusCode.Created, born.StatusCode);
        var after = await ExitFiguresAsync();
        Assert.Equal(before.GetProperty("exitedPeople").GetInt64() + 1, after.GetProperty("exitedPeople").GetInt64());
        Assert.Equal(before.GetProperty("exitedHouseholds").GetInt64(), after.GetProperty("exitedHouseholds").GetInt64());

        var year = after.GetProperty("exitsByYear").EnumerateArray().Single(y => y.GetProperty("year").GetInt32() == 2020);
        long listed = 0;
        for (var page = 1; ; page++)
        {
            var items = (await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/households/exits?year=2020&pageSize=200&page={page}", UriKind.Relative))).GetProperty("items");
            listed += items.EnumerateArray().Sum(h => h.GetProperty("people").GetInt64());
            if (items.GetArrayLength() < 200)
            {
                break;
            }
        }

        Assert.Equal(year.GetProperty("people").GetInt64(), listed);
        var figures = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/households/figures", UriKind.Relative));
        Assert.Equal(after.GetProperty("exitedPeople").GetInt64(), figures.GetProperty("exitedPeople").GetInt64());
        Assert.Equal(await fixture.CountAsync("SELECT count(*) FROM members m JOIN households h ON h.id = m.household_id WHERE m.removed_at IS NULL AND h.status = 1"), figures.GetProperty("exitedPeople").GetInt64());
    }

    /// <summary>
    /// The figures read what the registry keeps (sizes and helpers on the rows, the database's tallies): after every kind of
    /// change — a registration, a bulk import, members born and gone, a move, an exit, a return to poverty, a pairing and its
    /// end — what is kept agrees with a count of the records.
    /// </summary>
    [Fact]
    public async Task What_the_figures_read_agrees_with_a_count_of_the_records_after_every_kind_of_change()
    {
        var household = await ExitedHouseholdAsync();
        using (var channel = fixture.Host.CreateGrpcChannel(TestTokens.CountyOffice()))
        using (var call = fixture.GrpcClient(channel).ImportHouseholds())
        {
            var record = new Platform.Contracts.Grpc.Households.V1.HouseholdRecord
            {
                HouseholdNumber = Households.NewHouseholdNumber(), VillageCode = HouseholdsFixture.VillageCodes[1], Status = "poor", MainCause = "skills", RegisteredYear = 2017,
            };
            record.Members.Add(new Platform.Contracts.Grpc.Households.V1.MemberRecord { IdNumber = Households.NewIdNumber(new DateOnly(1975, 5, 5)), Name = "赵大山", Relation = "户主" });
            await call.RequestStream.WriteAsync(record);
            await call.RequestStream.CompleteAsync();
            Assert.Equal(1, (await call).Accepted);
        }

        var detail = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/households/{household}", UriKind.Relative));
        (await client.PostAsJsonAsync($"/api/households/{household}/members", new { reason = "married-in", member = Households.Member("之儿媳", Households.NewIdNumber(new DateOnly(1995, 1, 1), male: false), "孙小梅") })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync($"/api/households/{household}/members/{detail.GetProperty("members")[1].GetProperty("id").GetGuid()}/removal", new { reason = "died" })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync($"/api/households/{household}/move", new { villageCode = HouseholdsFixture.VillageCodes[2], reason = "易地扶贫搬迁" })).EnsureSuccessStatusCode();
        using var helper = await client.PostAsJsonAsync("/api/households/helpers", new { name = "钱帮扶", workUnit = "县林业局", kind = "cadre" });
        var helperId = (await helper.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("helper").GetProperty("id").GetGuid();
        using var paired = await client.PostAsJsonAsync($"/api/households/{household}/pairings", new { cadreId = helperId });
        Assert.Empty(await RegistryConsistency.DisagreementsAsync(fixture.DatabaseConnectionString));
        var exit = await ExitFiguresAsync();
        Assert.True(exit.GetProperty("helpers").GetProperty("pairedHouseholds").GetInt64() >= 1);
        Assert.True(exit.GetProperty("helpers").GetProperty("pairedCadres").GetInt64() >= 1);

        var pairing = (await paired.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await client.PostAsJsonAsync($"/api/households/{household}/pairings/{pairing}/end", new { reason = "调整" })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync($"/api/households/{household}/status", new { status = "poor", reason = "因灾返贫", year = 2026 })).EnsureSuccessStatusCode();
        Assert.Empty(await RegistryConsistency.DisagreementsAsync(fixture.DatabaseConnectionString));
    }
}
