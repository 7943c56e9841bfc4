using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Registry;
using Platform.Testing;

namespace Platform.Industry.Tests.Api;

/// <summary>Benefit links and payments over REST: each payment one income record for the registry, a correction the same record again.</summary>
public sealed class LinkPaymentTests(IndustryFixture fixture) : IClassFixture<IndustryFixture>
{
    [Fact]
    public async Task A_dividend_paid_on_a_link_is_the_household_s_property_income_reported_once_and_a_correction_reports_the_same_record()
    {
        var holder = Registry.Member("之子", 24, "王小华");
        var household = await fixture.RegisterAsync(others: [holder]);
        var entity = await fixture.EntityAsync(model: "asset-dividend");
        var link = await fixture.LinkAsync(entity, holder);
        using var county = fixture.County();

        using var paid = await county.PostAsJsonAsync($"/api/industry/links/{link}/payments", new { reference = "FH-2020-0001", paidOn = "2020-12-20", amount = 800.00m });
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        var payment = (await IndustryFixture.JsonAsync(paid)).GetProperty("id").GetGuid();

        var income = Assert.Single(await fixture.IncomeOfAsync(payment.ToString()));
        Assert.Equal((household.HouseholdId, holder.MemberId, 2020), (income.HouseholdId, income.MemberId, income.Year));
        Assert.Equal((IncomeKind.Property, 800.00m, true, Pillar.Industry), (income.Kind, income.Amount, income.CountsTowardExit, income.Source));
        Assert.Contains("分红", income.Description, StringComparison.Ordinal);

        // The same reference again is refused and writes nothing; a correction is the same source record, corrected.
        var before = await fixture.RecordCountAsync();
        using var again = await county.PostAsJsonAsync($"/api/industry/links/{link}/payments", new { reference = "FH-2020-0001", paidOn = "2020-12-20", amount = 800.00m });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(before, await fixture.RecordCountAsync());

        using var corrected = await county.PutAsJsonAsync($"/api/industry/links/{link}/payments/{payment}", new { paidOn = "2020-12-21", amount = 850.00m });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var reports = await fixture.IncomeOfAsync(payment.ToString(), count: 2);
        Assert.Equal([800.00m, 850.00m], reports.Select(r => r.Amount));
        Assert.NotEqual(reports[0].EventId, reports[1].EventId);

        var file = await IndustryFixture.GetJsonAsync(county, $"/api/industry/households/{household.HouseholdId}");
        Assert.Equal(850.00m, file.GetProperty("links")[0].GetProperty("paid").GetDecimal());
        var row = Assert.Single(file.GetProperty("income").EnumerateArray());
        Assert.Equal((850.00m, "property"), (row.GetProperty("amount").GetDecimal(), row.GetProperty("kind").GetString()));
    }

    [Theory]
    [InlineData("wage", IncomeKind.Wage)]
    [InlineData("land-lease", IncomeKind.Property)]
    [InlineData("contract-purchase", IncomeKind.Business)]
    public async Task Each_kind_of_link_pays_its_kind_of_income(string kind, IncomeKind expected)
    {
        var worker = Registry.Member("之子", 30, "王小明");
        await fixture.RegisterAsync(others: [worker]);
        var link = await fixture.LinkAsync(await fixture.EntityAsync(), worker, kind);
        using var county = fixture.County();
        using var paid = await county.PostAsJsonAsync($"/api/industry/links/{link}/payments", new { paidOn = "2021-06-30", amount = 1200m });
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        var income = Assert.Single(await fixture.IncomeOfAsync((await IndustryFixture.JsonAsync(paid)).GetProperty("id").GetString()!));
        Assert.Equal((expected, true), (income.Kind, income.CountsTowardExit));
    }

    [Fact]
    public async Task A_bad_payment_is_a_400_naming_the_field_and_writes_nothing()
    {
        var holder = Registry.Member("配偶", 44, "李秀英");
        await fixture.RegisterAsync(others: [holder]);
        var link = await fixture.LinkAsync(await fixture.EntityAsync(), holder, "land-lease");
        using var county = fixture.County();
        var before = await fixture.RecordCountAsync();

        foreach (var (body, field) in new (object, string)[]
        {
            (new { paidOn = "2020-12-20", amount = 0m }, "amount"),
            (new { paidOn = "2020-12-20", amount = 10.001m }, "amount"),
            (new { paidOn = "2019-01-01", amount = 100m }, "paidOn"),
            (new { paidOn = Registry.Today.AddDays(2).ToString("yyyy-MM-dd"), amount = 100m }, "paidOn"),
            (new { amount = 100m }, "paidOn"),
        })
        {
            using var response = await county.PostAsJsonAsync($"/api/industry/links/{link}/payments", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await IndustryFixture.JsonAsync(response);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error on {field}: {problem}");
        }

        Assert.Equal(before, await fixture.RecordCountAsync());
    }

    [Fact]
    public async Task One_open_link_of_a_kind_between_an_entity_and_a_household_and_an_ended_link_takes_no_payment_after_its_end()
    {
        var holder = Registry.Member("之女", 28, "王小丽");
        await fixture.RegisterAsync(others: [holder]);
        var entity = await fixture.EntityAsync();
        var link = await fixture.LinkAsync(entity, holder, "contract-purchase");
        using var county = fixture.County();
        using var twice = await county.PostAsJsonAsync("/api/industry/links", new { entityId = entity, memberId = holder.MemberId, kind = "contract-purchase", startedOn = "2020-01-01" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        using var ended = await county.PostAsJsonAsync($"/api/industry/links/{link}/end", new { endedOn = "2021-12-31", reason = "订单合同到期" });
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        using var late = await county.PostAsJsonAsync($"/api/industry/links/{link}/payments", new { paidOn = "2022-01-05", amount = 300m });
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("已于2021-12-31终止", (await IndustryFixture.JsonAsync(late)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await fixture.QueryAsync(db => db.Payments.CountAsync(p => p.LinkId == link)));
    }

    [Fact]
    public async Task A_wage_link_with_a_child_is_refused()
    {
        var child = Registry.Member("之孙", 14, "王小宝", labour: "not-working-age");
        await fixture.RegisterAsync(others: [child]);
        var entity = await fixture.EntityAsync();
        using var county = fixture.County();
        using var response = await county.PostAsJsonAsync("/api/industry/links", new { entityId = entity, memberId = child.MemberId, kind = "wage", startedOn = Registry.Today.AddDays(-10) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await IndustryFixture.JsonAsync(response)).GetProperty("errors").TryGetProperty("memberId", out _));
    }
}
