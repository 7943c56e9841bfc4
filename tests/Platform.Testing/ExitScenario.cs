using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts;
using Platform.Contracts.Registry;
using Xunit;

namespace Platform.Testing;

/// <summary>What a household needs to exit, sent as the pillars send it: income records and every owner's assessment.</summary>
public static class ExitScenario
{
    /// <summary>Publishes (with <paramref name="publish"/>, the event id as message id) a 2020 wage of <paramref name="income"/> (counts toward exit) and all six guarantees met, each from its owner.</summary>
    public static async Task ReportEligibleAsync(Func<IIntegrationEvent, Task> publish, Guid household, decimal income = 12_000m, DateTimeOffset? assessedAt = null)
    {
        var wage = PillarReports.Wage(Pillar.Industry, "workshop-wage-2020-" + household, household, income, "扶贫车间工资");
        await publish(wage);
        foreach (var guarantee in GuaranteeOwners.All)
        {
            var assessed = new GuaranteeAssessed
            {
                EventId = Guid.NewGuid(), HouseholdId = household, OccurredAt = DateTimeOffset.UtcNow, Guarantee = guarantee, Met = true, Reason = "达标",
                Source = GuaranteeOwners.OwnerOf(guarantee), SourceRecordId = $"{guarantee}-{household}", AssessedAt = assessedAt ?? DateTimeOffset.UtcNow,
            };
            await publish(assessed);
        }
    }

    /// <summary>Waits until the registry's verdict for 2020 is eligible.</summary>
    public static Task WaitEligibleAsync(HttpClient client, Guid household) =>
        Eventually.AssertAsync(
            async () => JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/households/{household}/eligibility?year=2020", UriKind.Relative)))
                .RootElement.GetProperty("eligible").GetBoolean(),
            TimeSpan.FromSeconds(30),
            "the pillars' reports make the household eligible");

    /// <summary>Runs a batch of one village through every step, dated in the autumn of 2020.</summary>
    public static async Task<JsonElement> ExitAsync(HttpClient client, string villageCode, params Guid[] households)
    {
        var created = await client.PostAsJsonAsync("/api/households/exit-batches", new
        {
            villageCode, year = 2020, name = "2020年脱贫退出-" + Guid.NewGuid().ToString("N")[..6], householdIds = households, on = "2020-10-01",
        });
        created.EnsureSuccessStatusCode();
        var batch = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("batch").GetProperty("id").GetString();
        foreach (var (step, body) in new (string, object)[]
        {
            ("review", new { on = "2020-10-10", note = "村民代表大会民主评议" }),
            ("check", new { on = "2020-10-15" }),
            ("confirmation", new { on = "2020-10-16" }),
            ("notice", new { on = "2020-10-17", until = "2020-10-24" }),
            ("announcement", new { on = "2020-10-26" }),
            ("exit", new { on = "2020-11-01" }),
        })
        {
            var response = await client.PostAsJsonAsync($"/api/households/exit-batches/{batch}/steps/{step}", body);
            Assert.True(response.IsSuccessStatusCode, $"{step}: {await response.Content.ReadAsStringAsync()}");
        }

        return JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/households/exit-batches/{batch}", UriKind.Relative))).RootElement;
    }
}
