using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.Contracts.Welfare;
using Platform.Testing;
using Platform.Welfare.Domain;

namespace Platform.Welfare.Tests.Api;

/// <summary>低保 and 特困 over REST: means test, applications, enrolment, monthly payments as income, 应保尽保.</summary>
public class AssistanceTests(WelfareFixture fixture) : IClassFixture<WelfareFixture>
{
    private const string Village = "420325002001";
    private static readonly int Year = WelfareFixture.Today.Year;
    private static readonly string Month = WelfareFixture.Today.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private async Task<AssistanceStandard> StandardAsync(HttpClient county)
    {
        var standards = await WelfareFixture.GetJsonAsync(county, "/api/welfare/assistance/standards");
        var s = standards.EnumerateArray().Single(x => x.GetProperty("year").GetInt32() == Year);
        return new AssistanceStandard(Year, s.GetProperty("minimumLivingAnnual").GetDecimal(), s.GetProperty("extremePovertyAnnual").GetDecimal(), s.GetProperty("minimumMonthlyPerPerson").GetDecimal());
    }

    private static async Task VerifyAsync(HttpClient county, Guid household, decimal income)
    {
        using var response = await county.PostAsJsonAsync("/api/welfare/assistance/means-checks", new { householdId = household, year = Year, verifiedIncome = income });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_household_under_the_standard_is_enrolled_in_minimum_living_for_the_gap_paid_monthly_once_as_income_that_counts()
    {
        using var county = fixture.County();
        var standard = await StandardAsync(county);
        var registered = await fixture.RegisterAsync(
            Village, WelfareFixture.Member("户主", 45, "蔡家富"), WelfareFixture.Member("配偶", 44, "蔡秀英"), WelfareFixture.Member("之女", 12, "蔡小花", labour: "not-working-age"));
        var income = (standard.MinimumLivingAnnual * 3) - 6_360m; // 530 a month short of the standard for three
        await VerifyAsync(county, registered.HouseholdId, income);

        using var applied = await county.PostAsJsonAsync("/api/welfare/assistance/applications", new { householdId = registered.HouseholdId, note = "本人申请" });
        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        var application = await WelfareFixture.JsonAsync(applied);
        Assert.True(application.GetProperty("approved").GetBoolean());
        var enrolment = application.GetProperty("enrolment");
        Assert.Equal(("minimum-living", 3, 530m), (enrolment.GetProperty("category").GetString(), enrolment.GetProperty("people").GetInt32(), enrolment.GetProperty("monthlyAmount").GetDecimal()));
        var granted = await Eventually.ReturnsAsync(
            () => Task.FromResult(fixture.Published<SocialAssistanceGranted>().FirstOrDefault(g => g.HouseholdId == registered.HouseholdId)),
            WelfareFixture.Patience,
            "the registry hears of the enrolment");
        Assert.Equal((SocialAssistanceCategory.MinimumLiving, 530m), (granted.Category, granted.MonthlyAmount));

        // This month's payments: paid once, however often the run is asked for.
        using var run = await county.PostAsJsonAsync("/api/welfare/assistance/payments", new { month = Month });
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.True((await WelfareFixture.JsonAsync(run)).GetProperty("paid").GetInt32() >= 1);
        using var again = await county.PostAsJsonAsync("/api/welfare/assistance/payments", new { month = Month });
        var second = await WelfareFixture.JsonAsync(again);
        Assert.Equal(0, second.GetProperty("paid").GetInt32());
        Assert.True(second.GetProperty("paidBefore").GetInt32() >= 1);

        Assert.Equal(0, await fixture.DrainAsync());
        var paid = Assert.Single(fixture.Published<IncomeRecorded>(), i => i.HouseholdId == registered.HouseholdId);
        Assert.Equal((IncomeKind.Transfer, 530m, true, Pillar.Welfare, Year), (paid.Kind, paid.Amount, paid.CountsTowardExit, paid.Source, paid.Year));
        Assert.Contains("农村最低生活保障金", paid.Description, StringComparison.Ordinal);
        var payments = await WelfareFixture.GetJsonAsync(county, $"/api/welfare/assistance/payments?householdId={registered.HouseholdId}");
        Assert.Equal(1, payments.GetProperty("total").GetInt32());

        // The household's own payment does not count in its next means test.
        var test = await WelfareFixture.GetJsonAsync(county, $"/api/welfare/households/{registered.HouseholdId}/means-test");
        Assert.Equal(income, test.GetProperty("annualIncome").GetDecimal());
    }

    [Fact]
    public async Task An_old_person_alone_who_cannot_work_is_enrolled_in_extreme_poverty_at_the_basic_living_standard()
    {
        using var county = fixture.County();
        var standard = await StandardAsync(county);
        var registered = await fixture.RegisterAsync(Village, WelfareFixture.Member("户主", 78, "孤老汉", labour: "none"));

        using var applied = await county.PostAsJsonAsync("/api/welfare/assistance/applications", new { householdId = registered.HouseholdId, category = "extreme-poverty" });
        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        var enrolment = (await WelfareFixture.JsonAsync(applied)).GetProperty("enrolment");
        Assert.Equal("extreme-poverty", enrolment.GetProperty("category").GetString());
        Assert.Equal(Math.Ceiling(standard.ExtremePovertyAnnual / 12m), enrolment.GetProperty("monthlyAmount").GetDecimal());

        // Enrolled already: a second application is a conflict and writes nothing.
        var outbox = await fixture.OutboxCountAsync();
        using var twice = await county.PostAsJsonAsync("/api/welfare/assistance/applications", new { householdId = registered.HouseholdId });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(outbox, await fixture.OutboxCountAsync());
    }

    [Fact]
    public async Task A_household_above_the_standard_is_refused_with_its_reason_and_a_wrong_request_writes_nothing()
    {
        using var county = fixture.County();
        var standard = await StandardAsync(county);
        var registered = await fixture.RegisterAsync(Village, WelfareFixture.Member("户主", 40, "郑有余"), WelfareFixture.Member("配偶", 38, "王春兰"));
        await VerifyAsync(county, registered.HouseholdId, standard.MinimumLivingAnnual * 2);

        using var refused = await county.PostAsJsonAsync("/api/welfare/assistance/applications", new { householdId = registered.HouseholdId });
        Assert.Equal(HttpStatusCode.Created, refused.StatusCode);
        var body = await WelfareFixture.JsonAsync(refused);
        Assert.False(body.GetProperty("approved").GetBoolean());
        Assert.Contains("不低于低保标准", body.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("enrolment").ValueKind);

        var poor = await fixture.RegisterAsync(Village, WelfareFixture.Member("户主", 41, "郑有难"));
        var outbox = await fixture.OutboxCountAsync();
        var applications = await fixture.QueryAsync(db => db.AssistanceApplications.CountAsync());
        foreach (var bad in new object[]
                 {
                     new { householdId = poor.HouseholdId, category = "extreme-poverty" }, // an able-bodied 41-year-old is not 特困
                     new { householdId = poor.HouseholdId, monthlyAmount = 99_999m },
                     new { householdId = poor.HouseholdId, category = "wubao" },
                     new { householdId = poor.HouseholdId, year = 2003 },
                 })
        {
            using var response = await county.PostAsJsonAsync("/api/welfare/assistance/applications", bad);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(outbox, await fixture.OutboxCountAsync());
        Assert.Equal(applications, await fixture.QueryAsync(db => db.AssistanceApplications.CountAsync()));
    }

    [Fact]
    public async Task Ending_an_enrolment_tells_the_registry_and_stops_later_months()
    {
        using var county = fixture.County();
        var registered = await fixture.RegisterAsync(Village, WelfareFixture.Member("户主", 66, "冯长顺", labour: "weak"));
        using var applied = await county.PostAsJsonAsync("/api/welfare/assistance/applications", new { householdId = registered.HouseholdId });
        var enrolmentId = (await WelfareFixture.JsonAsync(applied)).GetProperty("enrolment").GetProperty("id").GetGuid();

        using var noReason = await county.PostAsJsonAsync($"/api/welfare/assistance/enrolments/{enrolmentId}/ending", new { });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        using var ended = await county.PostAsJsonAsync($"/api/welfare/assistance/enrolments/{enrolmentId}/ending", new { reason = "子女务工收入稳定，家庭人均收入超过低保标准" });
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.NotEqual(JsonValueKind.Null, (await WelfareFixture.JsonAsync(ended)).GetProperty("endedOn").ValueKind);
        await Eventually.AssertAsync(
            () => Task.FromResult(fixture.Published<SocialAssistanceEnded>().Any(e => e.EnrolmentId == enrolmentId)),
            WelfareFixture.Patience,
            "the registry hears the enrolment ended");
        using var twice = await county.PostAsJsonAsync($"/api/welfare/assistance/enrolments/{enrolmentId}/ending", new { reason = "重复" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
    }

    [Fact]
    public async Task The_list_of_households_meeting_the_conditions_is_the_means_test_for_each_household_and_the_gaps_are_those_not_enrolled()
    {
        using var county = fixture.County();
        var standard = await StandardAsync(county);
        const string village = "420325002009";
        var kinds = new (MemberSnapshot[] Members, decimal? Verified, decimal Wage)[]
        {
            ([WelfareFixture.Member("户主", 80, "甲", labour: "none")], 3_000m, 0m), // 特困
            ([WelfareFixture.Member("户主", 30, "乙", labour: "none", health: "disabled", disability: 2), WelfareFixture.Member("之子", 5, "乙子", labour: "not-working-age")], null, 0m), // 特困
            ([WelfareFixture.Member("户主", 80, "丙", labour: "none")], null, standard.ExtremePovertyAnnual), // income at the 特困 standard: not 特困, above 低保
            ([WelfareFixture.Member("户主", 50, "丁"), WelfareFixture.Member("配偶", 48, "丁妻")], standard.MinimumLivingAnnual * 2 - 0.01m, 0m), // 低保 by a fen
            ([WelfareFixture.Member("户主", 50, "戊"), WelfareFixture.Member("配偶", 48, "戊妻")], null, standard.MinimumLivingAnnual * 2), // wages at the standard: none
            ([WelfareFixture.Member("户主", 50, "己"), WelfareFixture.Member("配偶", 48, "己妻")], 1_000m, 20_000m), // wages above the verified income: none
            ([WelfareFixture.Member("户主", 70, "庚", labour: "none"), WelfareFixture.Member("配偶", 45, "庚妻")], 2_000m, 0m), // an able spouse: 低保, not 特困
        };
        var expected = new Dictionary<Guid, SocialAssistanceCategory?>();
        foreach (var (members, verified, wage) in kinds)
        {
            var registered = await fixture.RegisterAsync(village, members);
            if (verified is { } v)
            {
                await VerifyAsync(county, registered.HouseholdId, v);
            }

            if (wage > 0)
            {
                await fixture.PublishAsync(new IncomeRecorded
                {
                    EventId = Guid.NewGuid(), HouseholdId = registered.HouseholdId, OccurredAt = DateTimeOffset.UtcNow, Year = Year, Kind = IncomeKind.Wage, Amount = wage,
                    CountsTowardExit = true, Source = Pillar.Industry, SourceRecordId = "wage-" + registered.HouseholdId, Description = "扶贫车间工资",
                });
            }

            var facts = members.Select(m => new MemberFacts(m.BirthDate, m.LabourAbility, m.Health, m.DisabilityGrade)).ToList();
            expected[registered.HouseholdId] = AssistanceRules.Qualifies(facts, Math.Max(wage, verified ?? wage), standard, WelfareFixture.Today);
        }

        Assert.Equal(0, await fixture.DrainAsync());
        var listed = await ListAsync(county, $"/api/welfare/assistance/qualifying?village={village}");
        Assert.Equal(
            expected.Where(e => e.Value is not null).Select(e => (e.Key, Codes.Of(e.Value!.Value))).OrderBy(e => e.Key),
            listed.Select(q => (q.GetProperty("householdId").GetGuid(), q.GetProperty("category").GetString()!)).OrderBy(e => e.Item1));
        Assert.Equal(4, listed.Count);

        // Enrol one: it leaves the gap list (应保未保) and stays among those meeting the conditions.
        var first = listed[0].GetProperty("householdId").GetGuid();
        using var applied = await county.PostAsJsonAsync("/api/welfare/assistance/applications", new { householdId = first });
        Assert.True((await WelfareFixture.JsonAsync(applied)).GetProperty("approved").GetBoolean());
        var gaps = await ListAsync(county, $"/api/welfare/assistance/gaps?village={village}");
        Assert.Equal(3, gaps.Count);
        Assert.DoesNotContain(gaps, g => g.GetProperty("householdId").GetGuid() == first);
        Assert.Equal(4, (await ListAsync(county, $"/api/welfare/assistance/qualifying?village={village}")).Count);
    }

    /// <summary>
    /// Another pillar's income report is kept for the means test and touches nothing of the household's copy: the batch
    /// reads neither its members nor what the reactions prepare (a county's first load sends about 200,000 of them here).
    /// </summary>
    [Fact]
    public async Task An_income_report_does_not_read_the_household_s_copy()
    {
        var registered = await fixture.RegisterAsync("420325002011", WelfareFixture.Member("户主", 44, "甘泉"));
        Assert.Equal(0, await fixture.DrainAsync());
        using var recorder = new EfCommandRecorder();

        await fixture.PublishAsync(new IncomeRecorded
        {
            EventId = Guid.NewGuid(), HouseholdId = registered.HouseholdId, OccurredAt = DateTimeOffset.UtcNow, Year = Year, Kind = IncomeKind.Wage, Amount = 8_000m,
            CountsTowardExit = true, Source = Pillar.Industry, SourceRecordId = "copy-untouched-" + registered.HouseholdId, Description = "扶贫车间工资",
        });
        Assert.Equal(0, await fixture.DrainAsync());

        Assert.True(await fixture.QueryAsync(db => db.IncomeRecords.AnyAsync(r => r.SourceRecordId == "copy-untouched-" + registered.HouseholdId)));
        Assert.DoesNotContain(recorder.Commands, c => c.Sql.Contains("replica_", StringComparison.Ordinal)
            && c.Parameters.Any(p => p is IEnumerable<Guid> ids && ids.Contains(registered.HouseholdId)));
    }

    [Fact]
    public async Task Income_another_pillar_reports_moves_a_household_out_of_the_conditions_and_its_correction_moves_it_back()
    {
        using var county = fixture.County();
        const string village = "420325002010";
        var registered = await fixture.RegisterAsync(village, WelfareFixture.Member("户主", 35, "黄山"));
        Assert.Single(await ListAsync(county, $"/api/welfare/assistance/gaps?village={village}"));

        var wage = new IncomeRecorded
        {
            EventId = Guid.NewGuid(), HouseholdId = registered.HouseholdId, OccurredAt = DateTimeOffset.UtcNow, Year = Year, Kind = IncomeKind.Wage, Amount = 30_000m,
            CountsTowardExit = true, Source = Pillar.Ecology, SourceRecordId = "ranger-pay-" + registered.HouseholdId, Description = "生态护林员工资",
        };
        var aid = wage with { EventId = Guid.NewGuid(), Kind = IncomeKind.Transfer, CountsTowardExit = false, Source = Pillar.Education, SourceRecordId = "grant-" + registered.HouseholdId };
        await fixture.PublishAsync(wage, aid);
        await Eventually.AssertAsync(async () => (await ListAsync(county, $"/api/welfare/assistance/gaps?village={village}")).Count == 0, WelfareFixture.Patience, "the wage counts");

        // The ranger post's pay corrected (same record, sent again): 1,000 only.
        await fixture.PublishAsync(wage with { EventId = Guid.NewGuid(), Amount = 1_000m });
        await Eventually.AssertAsync(async () => (await ListAsync(county, $"/api/welfare/assistance/gaps?village={village}")).Count == 1, WelfareFixture.Patience, "the correction replaces the wage");
        var test = await WelfareFixture.GetJsonAsync(county, $"/api/welfare/households/{registered.HouseholdId}/means-test");
        Assert.Equal(1_000m, test.GetProperty("annualIncome").GetDecimal());
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string path) =>
        (await WelfareFixture.GetJsonAsync(client, path + "&pageSize=200")).GetProperty("items").EnumerateArray().ToList();
}
