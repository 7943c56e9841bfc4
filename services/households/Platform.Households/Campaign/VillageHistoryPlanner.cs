using System.Security.Cryptography;
using Google.Protobuf;
using Platform.Contracts;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.Households.Common;
using Platform.Households.Domain;
using Platform.Households.Exit;
using Platform.Households.Grpc;
using Platform.Households.Monitoring;
using Platform.Households.Registry;
using DomainHousehold = Platform.Households.Domain.Household;

namespace Platform.Households.Campaign;

/// <summary>Why a village's history is refused: the field at fault (the proto's path), the household, the reason for people.</summary>
internal sealed class HistoryRefusedException(string field, string reason, string? householdNumber = null) : Exception(reason)
{
    public string Field { get; } = field;

    public string? HouseholdNumber { get; } = householdNumber;
}

/// <summary>
/// Plans one village's campaign history with the registry's own rules, in memory: the exit batches run through
/// <see cref="ExitBatch"/> step by step on their historical dates, each check, announcement and exit with the
/// household's verdict as it stood that day (the year's income records that count, the guarantees' states as of the
/// day, the year's line); the village exit through <see cref="VillageExit"/> with the incidence as of its check; the
/// team, the pairings and the flags through their own rules. The first broken rule refuses the whole village.
/// </summary>
internal sealed class VillageHistoryPlanner(CampaignChunk chunk, IncomeLines lines, decimal villageMaxIncidence, string actor, DateOnly today, DateTimeOffset now)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private VillagePlan plan = null!;
    private Dictionary<string, DomainHousehold> byNumber = null!;
    private readonly Dictionary<Guid, HouseholdStatus> initialStatus = [];
    private readonly Dictionary<Guid, DateOnly> exitedOn = [];
    private readonly Dictionary<Guid, List<IncomeRecord>> income = [];
    private readonly Dictionary<Guid, List<GuaranteeAssessment>> assessments = [];
    private readonly Dictionary<(Guid, int, string), StoredVerdict> verdicts = [];

    /// <summary>The plan, or null when the registry holds this very history already; throws <see cref="HistoryRefusedException"/>.</summary>
    public VillagePlan? Plan(VillageHistory record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!chunk.Villages.TryGetValue(record.VillageCode.Trim(), out var village))
        {
            throw new HistoryRefusedException("village_code", "行政村不存在");
        }

        var digest = Digest(record);
        if (chunk.Imported.TryGetValue(village.Id, out var imported))
        {
            return imported.Digest == digest
                ? null
                : throw new HistoryRefusedException("village_code", "该村的脱贫攻坚历史已导入，且内容不同：历史不能改写");
        }

        plan = new VillagePlan(village, new CampaignHistoryImport
        {
            Id = Guid.CreateVersion7(now), VillageId = village.Id, ClientRef = Limit(record.ClientRef, 100), Digest = digest, ImportedBy = actor, ImportedAt = now,
        });
        var households = chunk.HouseholdsByVillage.GetValueOrDefault(village.Id) ?? [];
        byNumber = households.ToDictionary(h => h.HouseholdNumber, StringComparer.Ordinal);
        foreach (var household in households)
        {
            initialStatus[household.Id] = household.Status;
            income[household.Id] = [.. chunk.Income.GetValueOrDefault(household.Id) ?? []];
            assessments[household.Id] = [.. chunk.Assessments.GetValueOrDefault(household.Id) ?? []];
        }

        EnterMonitoredHouseholds(record);
        AddIncome(record);
        AddAssessments(record);
        for (var i = 0; i < record.ExitBatches.Count; i++)
        {
            RunBatch(record.ExitBatches[i], $"exit_batches[{i}]");
        }

        if (record.VillageExit is not null)
        {
            RunVillageExit(record.VillageExit);
        }

        if (record.WorkTeam is not null)
        {
            StationTeam(record.WorkTeam);
        }

        PairHelpers(record);
        RaiseFlags(record);
        return plan;
    }

    /// <summary>SHA-256 of the record as received, without the caller's own reference.</summary>
    public static string Digest(VillageHistory record)
    {
        var copy = record.Clone();
        copy.ClientRef = string.Empty;
        return Convert.ToHexString(SHA256.HashData(copy.ToByteArray()));
    }

    /// <summary>边缘易致贫户 and 突发严重困难户 of the village, never registered as poor: registered for monitoring with their members, first.</summary>
    private void EnterMonitoredHouseholds(VillageHistory record)
    {
        for (var i = 0; i < record.Flags.Count; i++)
        {
            if (record.Flags[i].Household is not { } entered)
            {
                continue;
            }

            var field = $"flags[{i}].household";
            var errors = new Dictionary<string, string[]>();
            var submission = entered.ToSubmission() with { Status = Codes.Of(HouseholdStatus.Poor), ExitYear = null };
            var registration = RegistrationRules.Validate(submission, today, errors);
            if (registration is null)
            {
                var first = errors.First();
                throw new HistoryRefusedException($"{field}.{RecordMapping.ToProtoFieldPath(first.Key)}", string.Join("，", first.Value), entered.HouseholdNumber);
            }

            if (registration.VillageCode != plan.Village.Code)
            {
                throw new HistoryRefusedException(field + ".village_code", "监测户须在本村", entered.HouseholdNumber);
            }

            if (chunk.TakenHouseholdNumbers.Contains(registration.HouseholdNumber) || byNumber.ContainsKey(registration.HouseholdNumber))
            {
                throw new HistoryRefusedException(field + ".household_number", "户编号已存在", entered.HouseholdNumber);
            }

            if (registration.Members.Any(m => chunk.TakenIdNumbers.Contains(m.IdNumber.Value)
                    || plan.NewHouseholds.Any(h => h.Members.Any(x => x.IdNumber == m.IdNumber.Value))))
            {
                throw new HistoryRefusedException(field + ".members", "此人已登记在其他户，一人只能属于一个户", entered.HouseholdNumber);
            }

            var household = DomainHousehold.Register(registration with { Status = HouseholdStatus.Monitored }, plan.Village.Id, now);
            plan.NewHouseholds.Add(household);
            byNumber[household.HouseholdNumber] = household;
            initialStatus[household.Id] = HouseholdStatus.Monitored;
            income[household.Id] = [];
            assessments[household.Id] = [];
            plan.Events.Add(HouseholdCommands.Registered(household, plan.Village));
        }
    }

    private void AddIncome(VillageHistory record)
    {
        var seen = new HashSet<(Pillar, string)>();
        for (var i = 0; i < record.Income.Count; i++)
        {
            var entry = record.Income[i];
            var field = $"income[{i}]";
            var household = Household(entry.HouseholdNumber, field);
            var kind = Code<IncomeKind>(entry.Kind, field + ".kind", "收入类别");
            var source = Code<Pillar>(entry.Source, field + ".source", "收入来源");
            var amount = Amount(entry.Amount, field + ".amount");
            Year(entry.Year, field + ".year");
            var sourceRecord = Text(entry.SourceRecordId, field + ".source_record_id", "来源记录编号", 100);
            if (chunk.IncomeSources.Contains((source, sourceRecord)) || !seen.Add((source, sourceRecord)))
            {
                throw new HistoryRefusedException(field + ".source_record_id", "该来源记录已登记（一条记录只计一次）", entry.HouseholdNumber);
            }

            var recordOfIncome = new IncomeRecord
            {
                Id = Guid.CreateVersion7(now), HouseholdId = household.Id, Year = entry.Year, Kind = kind, Amount = amount, CountsTowardExit = entry.CountsTowardExit,
                Source = source, SourceRecordId = sourceRecord, Description = Optional(entry.Description, field + ".description", "说明", 200),
                EventId = plan.Import.Id, RecordedAt = now,
            };
            plan.Income.Add(recordOfIncome);
            income[household.Id].Add(recordOfIncome);
        }
    }

    private void AddAssessments(VillageHistory record)
    {
        for (var i = 0; i < record.Assessments.Count; i++)
        {
            var entry = record.Assessments[i];
            var field = $"assessments[{i}]";
            var household = Household(entry.HouseholdNumber, field);
            var guarantee = Code<Guarantee>(entry.Guarantee, field + ".guarantee", "保障项目");
            var source = Code<Pillar>(entry.Source, field + ".source", "评估部门");
            if (GuaranteeOwners.OwnerOf(guarantee) is var owner && owner != source)
            {
                throw new HistoryRefusedException(field + ".source", $"{GuaranteeNames.Of(guarantee)}由{PillarNames.Of(owner)}评估", entry.HouseholdNumber);
            }

            var assessment = new GuaranteeAssessment
            {
                Id = Guid.CreateVersion7(now), HouseholdId = household.Id, Guarantee = guarantee, Met = entry.Met,
                Reason = Text(entry.Reason, field + ".reason", "评估依据", 500), Source = source,
                SourceRecordId = Text(entry.SourceRecordId, field + ".source_record_id", "来源记录编号", 100),
                AssessedAt = StartOf(Date(entry.AssessedOn, field + ".assessed_on")), ReceivedAt = now,
            };
            plan.Assessments.Add(assessment);
            assessments[household.Id].Add(assessment);
        }
    }

    private void RunBatch(HistoryExitBatch entry, string field)
    {
        var name = Text(entry.Name, field + ".name", "批次名称", 100);
        var year = Year(entry.Year, field + ".year");
        if (chunk.BatchNames.Contains((plan.Village.Id, year, name)) || plan.Batches.Any(b => b.Year == year && b.Name == name))
        {
            throw new HistoryRefusedException(field + ".name", "本村该年度已有同名批次");
        }

        var (proposedOn, proposedBy, _) = Step(entry.Proposal, field + ".proposal");
        if (proposedOn.Year < year)
        {
            throw new HistoryRefusedException(field + ".proposal.on", $"纳入日期应不早于脱贫年度{year}年");
        }

        var batch = ExitBatch.Open(plan.Village.Id, year, name, proposedBy, now);
        for (var k = 0; k < entry.HouseholdNumbers.Count; k++)
        {
            var household = Household(entry.HouseholdNumbers[k], $"{field}.household_numbers[{k}]");
            if (household.Status != HouseholdStatus.Poor)
            {
                throw new HistoryRefusedException($"{field}.household_numbers[{k}]", "只有贫困户可以纳入退出计划", household.HouseholdNumber);
            }

            if (chunk.InOpenCase.Contains(household.Id))
            {
                throw new HistoryRefusedException($"{field}.household_numbers[{k}]", "该户已在另一个退出批次中", household.HouseholdNumber);
            }

            Rule(batch.Propose(household.Id, proposedOn, proposedBy, now), $"{field}.household_numbers[{k}]", household);
        }

        var (reviewOn, reviewBy, reviewNote) = Step(entry.Review, field + ".review");
        Outcome(batch.Review(reviewOn, reviewBy, reviewNote, today, now), field + ".review");
        var (checkOn, checkBy, checkNote) = Step(entry.Check, field + ".check");
        Outcome(batch.Check(Verdicts(batch, checkOn), checkOn, checkBy, checkNote, today, now), field + ".check");
        var (confirmedOn, confirmedBy, confirmedNote) = Step(entry.Confirmation, field + ".confirmation");
        Outcome(batch.Confirm(null, confirmedOn, confirmedBy, confirmedNote, today, now), field + ".confirmation");
        var (noticeOn, noticeBy, noticeNote) = Step(entry.Notice, field + ".notice");
        Outcome(batch.PublishNotice(noticeOn, Date(entry.NoticeUntil, field + ".notice_until"), noticeBy, noticeNote, today, now), field + ".notice");
        for (var o = 0; o < entry.Objections.Count; o++)
        {
            var objection = entry.Objections[o];
            var at = $"{field}.objections[{o}]";
            var household = Household(objection.HouseholdNumber, at);
            var raised = batch.Object(
                household.Id, Date(objection.RaisedOn, at + ".raised_on"), Text(objection.RaisedBy, at + ".raised_by", "异议人", 100),
                Text(objection.Content, at + ".content", "异议内容", 1000), noticeBy, today, now);
            Outcome(raised, at);
            Outcome(
                batch.ResolveObjection(
                    raised.Objection!.Id, objection.Upheld, Text(objection.Resolution, at + ".resolution", "处理意见", 1000), Date(objection.ResolvedOn, at + ".resolved_on"),
                    Text(objection.ResolvedBy, at + ".resolved_by", "处理人", 100), today, now),
                at);
        }

        var (announcedOn, announcedBy, announcedNote) = Step(entry.Announcement, field + ".announcement");
        Outcome(batch.Announce(Verdicts(batch, announcedOn), announcedOn, announcedBy, announcedNote, today, now), field + ".announcement");
        var (exitOn, exitBy, exitNote) = Step(entry.Exit, field + ".exit");
        var exited = batch.MarkExited(Verdicts(batch, exitOn), exitOn, exitBy, exitNote, today, now);
        Outcome(exited, field + ".exit");
        var reason = $"{year}年度脱贫退出（{name}，经民主评议、核实、户确认、公示、公告）";
        foreach (var exitCase in exited.Exited)
        {
            var household = plan.Touched[exitCase.HouseholdId];
            Rule(household.MarkExited(year, now), field + ".exit", household);
            exitedOn[household.Id] = exitOn;
            plan.HouseholdsExited++;
            plan.PeopleExited += exitCase.People;
            plan.StatusChanges.Add(new StatusChange
            {
                HouseholdId = household.Id, From = HouseholdStatus.Poor, To = HouseholdStatus.Exited, Reason = reason, ChangedBy = exitBy, ChangedAt = StartOf(exitOn),
            });
            plan.Events.Add(new HouseholdStatusChanged
            {
                EventId = Guid.CreateVersion7(now), HouseholdId = household.Id, OccurredAt = now, PreviousStatus = HouseholdStatus.Poor, Status = HouseholdStatus.Exited,
                Reason = reason, Year = year,
            });
        }

        plan.Batches.Add(batch);
    }

    /// <summary>Each active case's verdict on <paramref name="on"/>: the year's income that counts, the guarantees as they stood at the end of that day.</summary>
    private Dictionary<Guid, StoredVerdict> Verdicts(ExitBatch batch, DateOnly on)
    {
        var at = StartOf(on.AddDays(1)).AddTicks(-1);
        var result = new Dictionary<Guid, StoredVerdict>();
        foreach (var exitCase in batch.ActiveCases)
        {
            var household = plan.Touched[exitCase.HouseholdId];
            var states = ExitEligibility.StatesAsOf(assessments[household.Id], at);
            var key = (household.Id, batch.Year, string.Join(',', states.OrderBy(s => s.Guarantee).Select(s => s.AssessmentId)));
            if (!verdicts.TryGetValue(key, out var stored))
            {
                var verdict = ExitEligibility.Assess(batch.Year, household.SizeIn(batch.Year, today), income[household.Id], states, lines.PovertyLine(batch.Year));
                verdicts[key] = stored = new StoredVerdict(verdict, ExitAssessor.ToJson(verdict));
            }

            result[household.Id] = stored;
        }

        return result;
    }

    private void RunVillageExit(HistoryVillageExit entry)
    {
        const string field = "village_exit";
        var village = plan.Village;
        if (chunk.VillagesWithExit.Contains(village.Id))
        {
            throw new HistoryRefusedException("village_code", "该村已有出列程序");
        }

        var (proposedOn, proposedBy, _) = Step(entry.Proposal, field + ".proposal");
        var (exit, proposed) = VillageExit.Propose(village, Year(entry.Year, field + ".year"), proposedOn, proposedBy, today, now);
        Rule(proposed, field + ".proposal", null);

        // 贫困发生率 as of the check: households registered by then and not exited by then, at their size that year.
        var (checkOn, checkBy, _) = Step(entry.Check, field + ".check");
        var poorPeople = (chunk.HouseholdsByVillage.GetValueOrDefault(village.Id) ?? [])
            .Where(h => h.RegisteredYear <= checkOn.Year && initialStatus[h.Id] == HouseholdStatus.Poor && !(exitedOn.TryGetValue(h.Id, out var d) && d <= checkOn))
            .Sum(h => h.SizeIn(checkOn.Year, today));
        var conditions = new VillageConditions(
            entry.PavedRoadWithBus, entry.SafeDrinkingWater, entry.Electricity, entry.Broadband, entry.Clinic, entry.ServiceCentre, entry.LeadingIndustry, entry.CollectiveIncome);
        Rule(exit!.Check(poorPeople, village.RuralPopulation, conditions, villageMaxIncidence, checkOn, checkBy, today, now), field + ".check", null);
        var (noticeOn, noticeBy, _) = Step(entry.Notice, field + ".notice");
        Rule(exit.PublishNotice(noticeOn, Date(entry.NoticeUntil, field + ".notice_until"), noticeBy, today, now), field + ".notice", null);
        var (exitOn, exitBy, _) = Step(entry.Exit, field + ".exit");
        Rule(exit.MarkExited(village, exitOn, exitBy, today, now), field + ".exit", null);
        plan.VillageExit = exit;
        plan.Events.Add(new VillageExited
        {
            EventId = Guid.CreateVersion7(now), OccurredAt = now, VillageCode = village.Code, TownshipCode = village.Township!.Code, Year = exit.Year,
            PovertyIncidence = exit.PovertyIncidence!.Value, ExitedOn = exitOn,
        });
    }

    private void StationTeam(HistoryWorkTeam entry)
    {
        const string field = "work_team";
        if (chunk.VillagesWithTeam.Contains(plan.Village.Id))
        {
            throw new HistoryRefusedException("village_code", "该村已有驻村工作队");
        }

        var (team, opened) = WorkTeam.Open(plan.Village.Id, entry.SendingUnit, Date(entry.From, field + ".from"), today, now);
        Rule(opened, field, null);
        for (var i = 0; i < entry.Members.Count; i++)
        {
            var member = entry.Members[i];
            var at = $"{field}.members[{i}]";
            var cadre = Person(member.Person, at + ".person");
            if (chunk.Stationed.Contains(cadre.Id))
            {
                throw new HistoryRefusedException(at + ".person", "此人已在其他驻村工作队");
            }

            Rule(team!.Station(cadre, Code<TeamRole>(member.Role, at + ".role", "驻村职务"), Date(member.From, at + ".from"), today), at, null);
        }

        plan.Team = team;
    }

    private void PairHelpers(VillageHistory record)
    {
        for (var i = 0; i < record.Helpers.Count; i++)
        {
            var helper = record.Helpers[i];
            var cadre = Person(helper.Person, $"helpers[{i}].person");
            var active = new List<Pairing>(chunk.ActivePairings.GetValueOrDefault(cadre.Id) ?? []);
            active.AddRange(plan.Pairings.Where(p => p.CadreId == cadre.Id));
            for (var k = 0; k < helper.Pairings.Count; k++)
            {
                var at = $"helpers[{i}].pairings[{k}]";
                var household = Household(helper.Pairings[k].HouseholdNumber, at);
                var (pairing, result) = Pairing.Start(cadre, household.Id, Date(helper.Pairings[k].From, at + ".from"), active, actor, today, now);
                Rule(result, at, household);
                plan.Pairings.Add(pairing!);
                active.Add(pairing!);
                household.Paired(now);
            }
        }
    }

    private void RaiseFlags(VillageHistory record)
    {
        for (var i = 0; i < record.Flags.Count; i++)
        {
            var entry = record.Flags[i];
            var field = $"flags[{i}]";
            var household = entry.Household is { } entered ? byNumber[entered.HouseholdNumber.Trim()] : Household(entry.HouseholdNumber, field);
            var category = Code<MonitoringCategory>(entry.Category, field + ".category", "监测类别");
            var trigger = Code<MonitoringTrigger>(entry.Trigger, field + ".trigger", "监测信息来源");
            if (trigger == MonitoringTrigger.LargeExpense)
            {
                throw new HistoryRefusedException(field + ".trigger", "大额支出由行业部门报送；请选 cadre-visit、own-application 或 department-data", household.HouseholdNumber);
            }

            if (chunk.Flagged.Contains(household.Id) || plan.Flags.Any(f => f.HouseholdId == household.Id))
            {
                throw new HistoryRefusedException(field, "该户已在监测中", household.HouseholdNumber);
            }

            var (flag, raised) = MonitoringFlag.Raise(
                household.Id, household.Status, category, trigger, entry.Reason, Date(entry.RaisedOn, field + ".raised_on"),
                Text(entry.RaisedBy, field + ".raised_by", "纳入人", 100), today, now);
            Rule(raised, field, household);
            plan.Flags.Add(flag!);
            for (var k = 0; k < entry.Measures.Count; k++)
            {
                var measure = entry.Measures[k];
                var at = $"{field}.measures[{k}]";
                var started = Date(measure.StartedOn, at + ".started_on");
                plan.Measures.Add(new AssistanceMeasure
                {
                    Id = Guid.CreateVersion7(now), HouseholdId = household.Id, FlagId = flag!.Id, Category = Code<MeasureCategory>(measure.Category, at + ".category", "帮扶措施类别"),
                    Description = Text(measure.Description, at + ".description", "帮扶措施内容", 500), StartedOn = started, By = flag.RaisedBy, RecordedAt = now,
                });
            }

            plan.Events.Add(MonitoringSignals.Raised(flag!));
        }
    }

    /// <summary>A helper by the caller's reference: the registry's (or this chunk's) person, or a new one by the form's rules.</summary>
    private Cadre Person(HistoryPerson? person, string field)
    {
        if (person is null)
        {
            throw new HistoryRefusedException(field, "请填写人员信息");
        }

        var reference = Text(person.ExternalRef, field + ".external_ref", "人员编号", 50);
        if ((chunk.CadresByRef.GetValueOrDefault(reference) ?? plan.NewCadres.FirstOrDefault(c => c.ExternalRef == reference)) is { } known)
        {
            return known;
        }

        var kind = Code<HelperKind>(person.Kind, field + ".kind", "帮扶人员类别");
        var (cadre, errors) = Cadre.Create(person.Name, person.WorkUnit, person.Phone, kind, reference, now, field + ".");
        if (cadre is null)
        {
            var first = errors.First();
            throw new HistoryRefusedException(RecordMapping.ToProtoFieldPath(first.Key), string.Join("，", first.Value));
        }

        plan.NewCadres.Add(cadre);
        return cadre;
    }

    private DomainHousehold Household(string number, string field)
    {
        if (!byNumber.TryGetValue(number?.Trim() ?? string.Empty, out var household))
        {
            throw new HistoryRefusedException(field + ".household_number", "该户不在本村的建档立卡户中", number);
        }

        // Every registered household the history names is changed by it: its row is updated, so its events keep their order.
        if (plan.NewHouseholds.All(h => h.Id != household.Id) && plan.Touched.TryAdd(household.Id, household))
        {
            household.Touch(now);
        }

        return household;
    }

    private (DateOnly On, string By, string? Note) Step(HistoryStep? step, string field)
    {
        if (step is null)
        {
            throw new HistoryRefusedException(field, "缺少该步骤：不能跳过步骤");
        }

        var note = Optional(step.Note, field + ".note", "备注", 500);
        return (Date(step.On, field + ".on"), Text(step.By, field + ".by", "办理人", 100), note);
    }

    private void Outcome(StepOutcome outcome, string field)
    {
        if (outcome.Failed)
        {
            var (householdId, at, error) = outcome.Errors[0];
            throw householdId is { } id
                ? new HistoryRefusedException(field, error, plan.Touched.GetValueOrDefault(id)?.HouseholdNumber)
                : new HistoryRefusedException($"{field}.{RecordMapping.ToProtoFieldPath(at)}", error);
        }
    }

    private static void Rule(RuleResult result, string field, DomainHousehold? household)
    {
        if (!result.Succeeded)
        {
            throw new HistoryRefusedException($"{field}.{RecordMapping.ToProtoFieldPath(result.Field!)}", result.Error!, household?.HouseholdNumber);
        }
    }

    private DateOnly Date(string? text, string field)
    {
        if (!WireText.TryDate(text, out var given) || given is not { } date || date > today)
        {
            throw new HistoryRefusedException(field, "日期应为 yyyy-MM-dd，且不晚于今天");
        }

        return date;
    }

    private int Year(int year, string field) =>
        year >= RegistrationRules.FirstRegistrationYear && year <= today.Year
            ? year
            : throw new HistoryRefusedException(field, $"年度应在{RegistrationRules.FirstRegistrationYear}年到{today.Year}年之间");

    private static decimal Amount(string text, string field) =>
        WireText.TryDecimal(text, out var given) && given is { } amount && amount >= 0 && decimal.Round(amount, 2) == amount && amount <= 10_000_000m
            ? amount
            : throw new HistoryRefusedException(field, "金额应为不小于0的元数，最多两位小数");

    private static TEnum Code<TEnum>(string? code, string field, string label)
        where TEnum : struct, Enum =>
        Codes.TryParse<TEnum>(code, out var value) ? value : throw new HistoryRefusedException(field, $"{label}应为：{Codes.List<TEnum>()}");

    private static string Text(string? text, string field, string label, int max)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        return trimmed.Length is > 0 && trimmed.Length <= max ? trimmed : throw new HistoryRefusedException(field, $"请填写{label}（不超过{max}字）");
    }

    private static string? Optional(string? text, string field, string label, int max) =>
        string.IsNullOrWhiteSpace(text) ? null : Text(text, field, label, max);

    private static string? Limit(string? text, int max) => string.IsNullOrEmpty(text) ? null : text.Length > max ? text[..max] : text;

    private static DateTimeOffset StartOf(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), China).ToUniversalTime();
}
