using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.Registry;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.Households.Tests.Api;

/// <summary>Income records and guarantee assessments from the pillars, over the real RabbitMQ.</summary>
public class PillarReportTests(HouseholdsFixture fixture) : IClassFixture<HouseholdsFixture>
{
    private readonly HttpClient client = fixture.Host.CreateHttpClient(TestTokens.CountyOffice());

    private async Task<string> RegisterAsync()
    {
        var response = await client.PostAsJsonAsync("/api/households", Households.Body());
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    private Task PublishAsync(Platform.Contracts.IIntegrationEvent message, Guid messageId) =>
        StreamEvents.PublishAsync(fixture.VirtualHost, message, messageId);

    private static IncomeRecorded Income(Guid household, string source, decimal amount, IncomeKind kind = IncomeKind.Wage, bool counts = true) => new()
    {
        EventId = Guid.NewGuid(),
        HouseholdId = household,
        OccurredAt = DateTimeOffset.UtcNow,
        Year = 2020,
        Kind = kind,
        Amount = amount,
        CountsTowardExit = counts,
        Source = Pillar.Ecology,
        SourceRecordId = source,
        Description = "生态护林员 2020 年工资",
    };

    private async Task<JsonElement> IncomeAsync(string household) =>
        JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/households/{household}/income?year=2020", UriKind.Relative))).RootElement;

    [Fact]
    public async Task An_income_record_delivered_twice_counts_once()
    {
        var household = await RegisterAsync();
        var ranger = Income(Guid.Parse(household), "ranger-pay-2020-" + household, 4000m);

        await PublishAsync(ranger, ranger.EventId);
        await PublishAsync(ranger, ranger.EventId);
        // A later, different record proves both deliveries of the first have been handled.
        var aid = Income(Guid.Parse(household), "yulu-2020-" + household, 3000m, IncomeKind.Transfer, counts: false);
        await PublishAsync(aid, aid.EventId);

        await Eventually.AssertAsync(
            async () => (await IncomeAsync(household)).GetProperty("records").GetArrayLength() == 2,
            TimeSpan.FromSeconds(30),
            "both income records reach the registry");
        var income = await IncomeAsync(household);
        Assert.Equal(4000m, income.GetProperty("total").GetProperty("wage").GetDecimal());
        Assert.Equal(3500m, income.GetProperty("totalPerCapita").GetDecimal()); // (4000 + 3000) / 2 members
        Assert.Equal(2000m, income.GetProperty("stablePerCapita").GetDecimal()); // 雨露计划 does not count
    }

    /// <summary>
    /// A batch looks its income records up in one query; a record it did not find there is new, and is not looked up
    /// again on its own (one query per new record was over a quarter of the registry's CPU in a county's first load, perf).
    /// </summary>
    [Fact]
    public async Task New_income_records_are_not_looked_up_one_by_one_nor_the_guarantees_read()
    {
        var household = await RegisterAsync();
        var sources = Enumerable.Range(1, 3).Select(i => $"batch-lookup-{i}-{household}").ToList();
        using var recorder = new EfCommandRecorder();

        foreach (var source in sources)
        {
            var income = Income(Guid.Parse(household), source, 1000m);
            await PublishAsync(income, income.EventId);
        }

        await Eventually.AssertAsync(
            async () => (await IncomeAsync(household)).GetProperty("records").GetArrayLength() == sources.Count,
            TimeSpan.FromSeconds(30),
            "the three income records reach the registry");
        // Each record is looked up once, in its batch's query; a second lookup of a record not found there is the waste.
        foreach (var source in sources)
        {
            Assert.Single(recorder.Commands, c => c.Sql.Contains("income_records", StringComparison.Ordinal) && c.Sql.Contains("SELECT", StringComparison.Ordinal)
                && c.Parameters.Any(p => p is string value ? value == source : p is IEnumerable<string> values && values.Contains(source)));
        }

        // Income reports change no guarantee: the batch does not read the household's guarantee states.
        Assert.DoesNotContain(recorder.Commands, c => c.Sql.Contains("guarantee_states", StringComparison.Ordinal)
            && c.Parameters.Any(p => p is IEnumerable<Guid> ids && ids.Contains(Guid.Parse(household))));
    }

    /// <summary>
    /// The county's income by kind (the dashboard's figure): each kind's amount and households of a year, within the
    /// caller's scope, and the list behind a kind holds the households that had it. 2016: no other test reports that year.
    /// </summary>
    [Fact]
    public async Task Income_by_kind_sums_a_years_records_within_the_scope_and_lists_the_households_behind_each_kind()
    {
        var own = await RegisterAsync();
        using var other = await client.PostAsJsonAsync("/api/households", Households.Body(village: HouseholdsFixture.VillageCodes[1]));
        other.EnsureSuccessStatusCode();
        var otherId = JsonDocument.Parse(await other.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        var reports = new[]
        {
            Income(Guid.Parse(own), "wage-2016-" + own, 1200m) with { Year = 2016 },
            Income(Guid.Parse(own), "cost-2016-" + own, 200m, IncomeKind.ProductionCost) with { Year = 2016 },
            Income(otherId, "wage-2016-" + otherId, 800m) with { Year = 2016 },
            Income(otherId, "pension-2016-" + otherId, 300m, IncomeKind.Transfer) with { Year = 2016 },
        };
        foreach (var report in reports)
        {
            await PublishAsync(report, report.EventId);
        }

        using var ownCadre = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: HouseholdsFixture.VillageCodes[0]));
        async Task<JsonElement?> YearAsync(HttpClient caller) =>
            JsonDocument.Parse(await caller.GetStringAsync(new Uri("/api/households/statistics/income", UriKind.Relative))).RootElement
                .EnumerateArray().Where(y => y.GetProperty("year").GetInt32() == 2016).Select(y => (JsonElement?)y).SingleOrDefault();
        static decimal Amount(JsonElement year, string kind) =>
            year.GetProperty("byKind").EnumerateArray().Where(k => k.GetProperty("kind").GetString() == kind).Sum(k => k.GetProperty("amount").GetDecimal());

        await Eventually.AssertAsync(
            async () => await YearAsync(client) is { } y && Amount(y, "wage") == 2000m && Amount(y, "transfer") == 300m && Amount(y, "production-cost") == 200m,
            TimeSpan.FromSeconds(30),
            "the four reports reach the registry's income by kind");
        var county = (await YearAsync(client))!.Value;
        Assert.Equal((2L, 2100m), (county.GetProperty("households").GetInt64(), county.GetProperty("netIncome").GetDecimal())); // 1200 + 800 + 300 − 200
        var wage = county.GetProperty("byKind").EnumerateArray().Single(k => k.GetProperty("kind").GetString() == "wage");
        Assert.Equal(2L, wage.GetProperty("households").GetInt64());

        // The village cadre counts its own household only; the list behind a kind is the households that had it.
        var village = (await YearAsync(ownCadre))!.Value;
        Assert.Equal((1200m, 0m, 1L), (Amount(village, "wage"), Amount(village, "transfer"), village.GetProperty("households").GetInt64()));
        var href = village.GetProperty("byKind").EnumerateArray().Single(k => k.GetProperty("kind").GetString() == "wage").GetProperty("href").GetString()!;
        var listed = JsonDocument.Parse(await ownCadre.GetStringAsync(new Uri(href, UriKind.Relative))).RootElement.GetProperty("items").EnumerateArray()
            .Select(h => h.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([Guid.Parse(own)], listed);
        var transfers = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/households?income=transfer&incomeYear=2016", UriKind.Relative))).RootElement;
        Assert.Equal([otherId], transfers.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("id").GetGuid()));

        using var bad = await client.GetAsync(new Uri("/api/households?income=salary&incomeYear=2016", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("收入类别", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_source_record_reported_again_corrects_rather_than_adds()
    {
        var household = await RegisterAsync();
        var first = Income(Guid.Parse(household), "dividend-" + household, 500m, IncomeKind.Property);
        await PublishAsync(first, first.EventId);
        var corrected = first with { EventId = Guid.NewGuid(), Amount = 650m };
        await PublishAsync(corrected, corrected.EventId);

        await Eventually.AssertAsync(
            async () => (await IncomeAsync(household)).GetProperty("total").GetProperty("property").GetDecimal() == 650m,
            TimeSpan.FromSeconds(30),
            "the correction replaces the first report");
        Assert.Equal(1, (await IncomeAsync(household)).GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task The_latest_guarantee_assessment_wins_whatever_the_arrival_order()
    {
        var household = Guid.Parse(await RegisterAsync());
        var now = DateTimeOffset.UtcNow;
        GuaranteeAssessed Assessment(bool met, DateTimeOffset at, string reason) => new()
        {
            EventId = Guid.NewGuid(),
            HouseholdId = household,
            OccurredAt = at,
            Guarantee = Guarantee.CompulsoryEducation,
            Met = met,
            Reason = reason,
            Source = Pillar.Education,
            SourceRecordId = "dropout-case-1",
            AssessedAt = at,
        };

        var later = Assessment(true, now, "已劝返复学");
        var earlier = Assessment(false, now.AddDays(-3), "适龄儿童辍学");
        // One household's events are applied in the order they are published: the earlier assessment arrives last.
        await PublishAsync(later, later.EventId);
        await PublishAsync(earlier, earlier.EventId);

        await Eventually.AssertAsync(
            async () => await CountAssessmentsAsync(household) == 2,
            TimeSpan.FromSeconds(30),
            "both assessments are applied and kept as history");
        var detail = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/households/{household}", UriKind.Relative))).RootElement;
        var guarantee = Assert.Single(detail.GetProperty("guarantees").EnumerateArray());
        Assert.True(guarantee.GetProperty("met").GetBoolean());
        Assert.Equal("已劝返复学", guarantee.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task An_assessment_delivered_twice_is_recorded_once_and_nothing_is_set_aside()
    {
        var household = Guid.Parse(await RegisterAsync());
        var assessed = new GuaranteeAssessed
        {
            EventId = Guid.NewGuid(), HouseholdId = household, OccurredAt = DateTimeOffset.UtcNow, Guarantee = Guarantee.SafeHousing, Met = true,
            Reason = "房屋鉴定为B级", Source = Pillar.Relocation, SourceRecordId = "appraisal-1", AssessedAt = DateTimeOffset.UtcNow,
        };

        // The second copy, if applied, would add a second history row with the same id: only the inbox stops it.
        await PublishAsync(assessed, assessed.EventId);
        await PublishAsync(assessed, assessed.EventId);
        var errors = await StreamDrain.WaitAsync(fixture.Infrastructure, fixture.VirtualHost, TimeSpan.FromSeconds(60), fixture.DatabaseConnectionString);

        Assert.Equal(1, await CountAssessmentsAsync(household));
        Assert.Equal(0, errors);
    }

    private Task<long> CountAssessmentsAsync(Guid household) =>
        fixture.CountAsync($"SELECT count(*) FROM guarantee_assessments WHERE household_id = '{household}'");
}
