using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Npgsql;
using Platform.Contracts.Grpc.Households.V1;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.Households.Tests.Api;

/// <summary>
/// The campaign's history over gRPC (real HTTP/2): each village's history runs through the registry's own rules on its
/// historical dates — domain.md: "village democratic review → check by the village committee and the village work team →
/// the household confirms → public notice in the village (公示, at least a week, no objection upheld) → announcement (公告)
/// → marked exited in the registry. No step may be skipped; each is recorded with who and when" — and is applied whole or
/// refused whole, with nothing written.
/// </summary>
public class CampaignHistoryTests(HouseholdsFixture fixture) : IClassFixture<HouseholdsFixture>
{
    private static int villageSerial = 100;
    private readonly HttpClient client = fixture.Host.CreateHttpClient(TestTokens.CountyOffice());

    /// <summary>A new poor village of the fixture's township (rural population given) with two registered poor households.</summary>
    private async Task<(string Village, string[] Households)> VillageAsync(int ruralPopulation = 1000)
    {
        var code = HouseholdsFixture.TownshipCode + Interlocked.Increment(ref villageSerial).ToString("000", CultureInfo.InvariantCulture);
        using (var channel = fixture.Host.CreateGrpcChannel(TestTokens.CountyOffice()))
        {
            var request = new ImportVillagesRequest();
            request.Villages.Add(new VillageRecord { Code = code, Name = "历史" + code[^3..] + "村", TownshipCode = HouseholdsFixture.TownshipCode, RuralPopulation = ruralPopulation, IsPoorVillage = true });
            await fixture.GrpcClient(channel).ImportVillagesAsync(request);
        }

        var numbers = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var number = Households.NewHouseholdNumber();
            (await client.PostAsJsonAsync("/api/households", Households.Body(number, code))).EnsureSuccessStatusCode();
            numbers.Add(number);
        }

        return (code, [.. numbers]);
    }

    private static HistoryStep Step(string on, string by) => new() { On = on, By = by, Note = "历史记录" };

    /// <summary>A complete 2019 history: income above the line, every guarantee met by its owner, every step, the village's exit, a team, a helper, a flag.</summary>
    private static VillageHistory History(string village, string[] households, decimal wage = 12_000m)
    {
        var record = new VillageHistory { ClientRef = "test-" + village, VillageCode = village };
        foreach (var number in households)
        {
            record.Income.Add(new HistoryIncome
            {
                HouseholdNumber = number, Year = 2019, Kind = "wage", Amount = wage.ToString("0.00", CultureInfo.InvariantCulture), CountsTowardExit = true,
                Source = "registry", SourceRecordId = $"test-2019-{number}-wage", Description = "务工收入",
            });
            foreach (var (guarantee, owner) in new[] { ("food", "registry"), ("clothing", "registry"), ("compulsory-education", "education"), ("basic-medical-care", "welfare"), ("safe-housing", "relocation"), ("safe-drinking-water", "relocation") })
            {
                record.Assessments.Add(new HistoryAssessment
                {
                    HouseholdNumber = number, Guarantee = guarantee, Met = true, Reason = "达标", Source = owner, SourceRecordId = $"test-2019-{number}-{guarantee}", AssessedOn = "2019-08-20",
                });
            }
        }

        var batch = new HistoryExitBatch
        {
            Name = "2019年度脱贫退出", Year = 2019,
            Proposal = Step("2019-09-01", "村委会"), Review = Step("2019-09-10", "村民代表大会"), Check = Step("2019-09-18", "村委会、驻村工作队"),
            Confirmation = Step("2019-09-20", "贫困户签字"), Notice = Step("2019-09-22", "村委会"), NoticeUntil = "2019-09-29",
            Announcement = Step("2019-10-02", "乡镇人民政府"), Exit = Step("2019-10-12", "县扶贫开发领导小组"),
        };
        batch.HouseholdNumbers.AddRange(households);
        batch.Objections.Add(new HistoryObjection
        {
            HouseholdNumber = households[0], RaisedOn = "2019-09-24", RaisedBy = "村民代表", Content = "收入未达标", Upheld = false,
            Resolution = "复核属实，异议不成立", ResolvedOn = "2019-09-26", ResolvedBy = "村委会",
        });
        record.ExitBatches.Add(batch);
        record.VillageExit = new HistoryVillageExit
        {
            Year = 2019, Proposal = Step("2019-11-20", "村委会"), Check = Step("2019-12-01", "联合核查组"), Notice = Step("2019-12-02", "村委会"), NoticeUntil = "2019-12-10",
            Exit = Step("2019-12-15", "县人民政府"),
            PavedRoadWithBus = true, SafeDrinkingWater = true, Electricity = true, Broadband = true, Clinic = true, ServiceCentre = true, LeadingIndustry = true, CollectiveIncome = true,
        };
        record.WorkTeam = new HistoryWorkTeam { SendingUnit = "县财政局", From = "2015-08-10" };
        record.WorkTeam.Members.Add(new HistoryTeamMember { Person = Person($"team-{village}-0", "李书记"), Role = "first-secretary", From = "2015-08-10" });
        record.WorkTeam.Members.Add(new HistoryTeamMember { Person = Person($"team-{village}-1", "王队员"), Role = "member", From = "2015-09-01" });
        var helper = new HistoryHelper { Person = Person($"helper-{village}", "张帮扶") };
        helper.Pairings.AddRange(households.Select(h => new HistoryPairing { HouseholdNumber = h, From = "2016-03-01" }));
        record.Helpers.Add(helper);
        record.Flags.Add(new HistoryFlag
        {
            HouseholdNumber = households[1], Category = "unstable-exited", Trigger = "cadre-visit", Reason = "务工收入下降", RaisedOn = "2025-03-01", RaisedBy = "驻村工作队",
            Measures = { new HistoryMeasure { Category = "employment", Description = "推荐到扶贫车间就业", StartedOn = "2025-03-10" } },
        });
        return record;
    }

    private static HistoryPerson Person(string reference, string name) => new() { ExternalRef = reference, Name = name, WorkUnit = "县财政局", Phone = "13912345678", Kind = "cadre" };

    private async Task<HistorySummary> ImportAsync(string? token, params VillageHistory[] villages)
    {
        using var channel = fixture.Host.CreateGrpcChannel(token ?? TestTokens.CountyOffice());
        using var call = fixture.GrpcClient(channel).ImportCampaignHistory();
        foreach (var village in villages)
        {
            await call.RequestStream.WriteAsync(village);
        }

        await call.RequestStream.CompleteAsync();
        return await call;
    }

    private async Task<JsonElement> GetAsync(string path) => await client.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative));

    private async Task<Guid> IdOfAsync(string village, string number) =>
        (await GetAsync($"/api/households?village={village}&pageSize=200")).GetProperty("items").EnumerateArray()
            .Single(h => h.GetProperty("householdNumber").GetString() == number).GetProperty("id").GetGuid();

    /// <summary>What a village's history wrote (or did not): batches, income, assessments, imports, teams, pairings, flags, exited households.</summary>
    private async Task<long> WrittenAsync(string village, string[] households)
    {
        var numbers = string.Join(",", households.Select(h => $"'{h}'"));
        return await fixture.CountAsync(
            $"""
             SELECT (SELECT count(*) FROM exit_batches b JOIN villages v ON v.id = b.village_id WHERE v.code = '{village}')
                  + (SELECT count(*) FROM village_exits e JOIN villages v ON v.id = e.village_id WHERE v.code = '{village}')
                  + (SELECT count(*) FROM work_teams t JOIN villages v ON v.id = t.village_id WHERE v.code = '{village}')
                  + (SELECT count(*) FROM campaign_history_imports i JOIN villages v ON v.id = i.village_id WHERE v.code = '{village}')
                  + (SELECT count(*) FROM income_records r JOIN households h ON h.id = r.household_id WHERE h.household_number IN ({numbers}))
                  + (SELECT count(*) FROM guarantee_assessments a JOIN households h ON h.id = a.household_id WHERE h.household_number IN ({numbers}))
                  + (SELECT count(*) FROM pairings p JOIN households h ON h.id = p.household_id WHERE h.household_number IN ({numbers}))
                  + (SELECT count(*) FROM monitoring_flags f JOIN households h ON h.id = f.household_id WHERE h.household_number IN ({numbers}))
                  + (SELECT count(*) FROM households h WHERE h.household_number IN ({numbers}) AND h.status <> 0)
             """);
    }

    [Fact]
    public async Task A_villages_history_runs_through_the_procedure_and_every_step_is_kept_with_who_and_when()
    {
        var (village, households) = await VillageAsync();
        var outboxBefore = await fixture.CountAsync("SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%HouseholdStatusChanged%'");

        var summary = await ImportAsync(null, History(village, households));

        Assert.Equal((1, 1, 0), (summary.Received, summary.Accepted, summary.Rejected));
        Assert.Equal((2, 4, 1, 2, 2, 1), (summary.HouseholdsExited, summary.PeopleExited, summary.VillagesExited, summary.Pairings, summary.Stationed, summary.FlagsRaised));
        var household = await IdOfAsync(village, households[0]);
        var detail = await GetAsync($"/api/households/{household}");
        Assert.Equal(("exited", 2019), (detail.GetProperty("status").GetString(), detail.GetProperty("exitYear").GetInt32()));
        var steps = (await GetAsync($"/api/households/{household}/exit-history")).GetProperty("cases")[0].GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(
            ["proposal", "review", "check", "confirmation", "notice", "objection", "objection-resolved", "announcement", "announcement", "exit"],
            steps.Select(s => s.GetProperty("step").GetString()));
        Assert.Equal(("2019-09-10", "村民代表大会"), (steps[1].GetProperty("on").GetString(), steps[1].GetProperty("by").GetString()));
        var check = steps.Single(s => s.GetProperty("step").GetString() == "check").GetProperty("verdict");
        Assert.True(check.GetProperty("eligible").GetBoolean());
        Assert.Equal(6000m, check.GetProperty("stablePerCapitaIncome").GetDecimal()); // 12,000 yuan for two people in 2019, line 3,747
        Assert.Equal(2, await fixture.CountAsync("SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%HouseholdStatusChanged%'") - outboxBefore);

        var exits = (await GetAsync("/api/households/village-exits?pageSize=200")).GetProperty("items").EnumerateArray().Single(e => e.GetProperty("villageCode").GetString() == village);
        Assert.Equal(("exited", 2019), (exits.GetProperty("state").GetString(), exits.GetProperty("year").GetInt32()));
        Assert.Equal(0m, exits.GetProperty("povertyIncidence").GetDecimal());
        var team = (await GetAsync($"/api/households/work-teams?village={village}")).GetProperty("items")[0];
        Assert.Equal(["first-secretary", "member"], team.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.DoesNotContain("13912345678", team.ToString(), StringComparison.Ordinal); // phones masked
        var pairings = await GetAsync($"/api/households/{household}/pairings");
        Assert.Equal(("张帮扶", "2016-03-01"), (pairings[0].GetProperty("helperName").GetString(), pairings[0].GetProperty("from").GetString()));
        var flags = await GetAsync($"/api/households/monitoring/flags?village={village}");
        Assert.Equal("unstable-exited", flags.GetProperty("items")[0].GetProperty("category").GetString());
    }

    [Fact]
    public async Task A_skipped_step_refuses_the_whole_village_and_writes_nothing()
    {
        var (village, households) = await VillageAsync();
        var history = History(village, households);
        history.ExitBatches[0].Confirmation = null;

        var summary = await ImportAsync(null, history);

        Assert.Equal((0, 1), (summary.Accepted, summary.Rejected));
        Assert.Equal(("exit_batches[0].confirmation", "test-" + village), (summary.Rejections[0].Field, summary.Rejections[0].ClientRef));
        Assert.Contains("不能跳过步骤", summary.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Equal(0, await WrittenAsync(village, households));
    }

    [Fact]
    public async Task An_ineligible_household_refuses_the_whole_village_naming_it()
    {
        var (village, households) = await VillageAsync();
        var history = History(village, households);
        history.Income[1].Amount = "7000.00"; // 3,500 a person in 2019: not above 3,747

        var summary = await ImportAsync(null, history);

        var rejection = Assert.Single(summary.Rejections);
        Assert.Equal(("exit_batches[0].check", households[1]), (rejection.Field, rejection.HouseholdNumber));
        Assert.Contains("未超过当年国家扶贫标准3,747元", rejection.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await WrittenAsync(village, households));
    }

    [Fact]
    public async Task A_notice_of_less_than_seven_days_or_an_assessment_by_another_pillar_than_the_owner_is_refused()
    {
        var (village, households) = await VillageAsync();
        var history = History(village, households);
        history.ExitBatches[0].NoticeUntil = "2019-09-28";
        Assert.Contains("公示期不少于7天", (await ImportAsync(null, history)).Rejections[0].Reason, StringComparison.Ordinal);

        history = History(village, households);
        history.Assessments[4].Source = "education"; // safe housing is the relocation pillar's
        var refused = (await ImportAsync(null, history)).Rejections[0];
        Assert.Equal("assessments[4].source", refused.Field);
        Assert.Contains("住房安全有保障由易地搬迁", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await WrittenAsync(village, households));
    }

    /// <summary>domain.md, Village exit: "poverty incidence (贫困发生率) below 2%" — as it stood on the day of the check.</summary>
    [Fact]
    public async Task A_village_exit_checked_while_its_poor_were_above_two_percent_is_refused()
    {
        var (village, households) = await VillageAsync(ruralPopulation: 100);
        var history = History(village, households);
        history.VillageExit.Proposal.On = "2019-09-01";
        history.VillageExit.Check.On = "2019-09-05"; // before the households' exit: 4 poor of 100

        var refused = Assert.Single((await ImportAsync(null, history)).Rejections);

        Assert.Equal("village_exit.check.village_code", refused.Field);
        Assert.Contains("贫困发生率4.00%", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await WrittenAsync(village, households));
    }

    [Fact]
    public async Task A_helper_paired_with_more_than_five_households_is_refused()
    {
        var (village, households) = await VillageAsync();
        var history = History(village, households);
        for (var i = 0; i < 4; i++)
        {
            var other = Households.NewHouseholdNumber();
            (await client.PostAsJsonAsync("/api/households", Households.Body(other, village))).EnsureSuccessStatusCode();
            history.Helpers[0].Pairings.Add(new HistoryPairing { HouseholdNumber = other, From = "2016-03-01" });
        }

        var refused = Assert.Single((await ImportAsync(null, history)).Rejections);

        Assert.Equal("helpers[0].pairings[5].cadre_id", refused.Field);
        Assert.Contains("不超过5户", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_history_again_is_recorded_already_and_a_different_one_is_refused()
    {
        var (village, households) = await VillageAsync();
        Assert.Equal(1, (await ImportAsync(null, History(village, households))).Accepted);
        var written = await WrittenAsync(village, households);

        var again = await ImportAsync(null, History(village, households));
        Assert.Equal((0, 1, 0), (again.Accepted, again.AlreadyRecorded, again.Rejected));

        var changed = History(village, households);
        changed.ExitBatches[0].Review.By = "另一个评议会";
        var refused = Assert.Single((await ImportAsync(null, changed)).Rejections);
        Assert.Contains("历史不能改写", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(written, await WrittenAsync(village, households));
    }

    [Fact]
    public async Task A_history_and_a_pillar_report_batch_on_the_same_households_take_turns_rather_than_deadlock()
    {
        var (village, households) = await VillageAsync();
        var ids = new[] { await IdOfAsync(village, households[0]), await IdOfAsync(village, households[1]) };
        var lower = ids.Min(); // .NET orders Guids as PostgreSQL orders uuids
        var upper = ids.Max();

        // A report batch (EF Core saves in key order) holds the lower household's state and will want the upper one's.
        await using var report = new NpgsqlConnection(fixture.DatabaseConnectionString);
        await report.OpenAsync();
        await using (var quick = new NpgsqlCommand("SET deadlock_timeout = '20ms'", report))
        {
            await quick.ExecuteNonQueryAsync(); // this side would find a deadlock first, and be its victim
        }

        await using var batch = await report.BeginTransactionAsync();
        async Task AssessAsync(Guid household)
        {
            await using var command = new NpgsqlCommand(
                """
                INSERT INTO guarantee_states (household_id, guarantee, met, reason, source, source_record_id, assessment_id, assessed_at)
                VALUES (@household, 1, true, '有饭吃', 6, 'report', @assessment, '2019-01-01')
                ON CONFLICT (household_id, guarantee) DO UPDATE SET reason = excluded.reason
                """,
                report,
                batch);
            command.Parameters.AddWithValue("household", household);
            command.Parameters.AddWithValue("assessment", Guid.NewGuid());
            await command.ExecuteNonQueryAsync();
        }

        await AssessAsync(lower);

        // The history names the upper household first.
        var upperFirst = ids[0] == upper ? households : [households[1], households[0]];
        var import = ImportAsync(null, History(village, upperFirst));
        await Eventually.AssertAsync(
            async () => await fixture.CountAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") > 0,
            TimeSpan.FromSeconds(30),
            "the history waits for the household state the report batch holds");

        await AssessAsync(upper); // a deadlock here if the history had taken the upper household's state before waiting
        await batch.CommitAsync();

        var summary = await import;
        Assert.Equal((1, 0), (summary.Accepted, summary.Rejected));
    }

    [Fact]
    public async Task Only_county_staff_import_history()
    {
        var (village, households) = await VillageAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            ImportAsync(TestTokens.ForRole(PlatformRoles.TownshipOfficer, township: HouseholdsFixture.TownshipCode), History(village, households)));
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(0, await WrittenAsync(village, households));
    }
}
