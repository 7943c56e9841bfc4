using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Grpc.Welfare.V1;
using Platform.Contracts.Welfare;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Grpc;
using Platform.Welfare.Assistance;
using Platform.Welfare.Common;
using Platform.Welfare.Data;
using Platform.Welfare.Domain;

namespace Platform.Welfare.Grpc;

/// <summary>
/// The civil affairs bureau's feeds: means checks and 低保/特困 enrolments in bulk, by the same ledger and rules as
/// the portal's; each household named by one of its members (ID number and name, in the caller's scope).
/// </summary>
public static class AssistanceFeeds
{
    public static async Task<FeedBatch?> MeansChecksAsync(IServiceProvider services, IReadOnlyList<(int Index, MeansCheckRecord Record)> batch, FeedCaller caller, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<WelfareDbContext>();
        var ledger = services.GetRequiredService<AssistanceLedger>();
        var today = services.GetRequiredService<TimeProvider>().Today();
        var result = new FeedBatch();
        var parsed = new List<(int Index, MeansCheckRecord Record, int Year, decimal Income, DateOnly CheckedOn)>();
        foreach (var (index, record) in batch)
        {
            var year = record.Year == 0 ? today.Year : record.Year;
            var check = ledger.CheckYear(year, "year", out _);
            if (!check.Succeeded)
            {
                result.Reject(index, record.ClientRef, check.Field!, check.Error!);
            }
            else if (!WireText.TryDecimal(record.VerifiedIncome, out var income) || income is not { } yuan || !Yuan.IsAmountOrZero(yuan))
            {
                result.Reject(index, record.ClientRef, "verified_income", "核对的家庭年纯收入应为不小于0的金额（元，至多两位小数），如“12000.00”");
            }
            else if (!WireText.TryDate(record.CheckedOn, out var on) || (on ?? today) > today || (on ?? today).Year < year)
            {
                result.Reject(index, record.ClientRef, "checked_on", "核对日期应为 yyyy-MM-dd，不早于所核对的年度且不晚于今天");
            }
            else if (record.Note is { Length: > 200 })
            {
                result.Reject(index, record.ClientRef, "note", "备注不超过200字");
            }
            else
            {
                parsed.Add((index, record, year, yuan, on ?? today));
            }
        }

        var verdicts = await FeedPeople.MatchAsync(db, caller, parsed.Select(p => ((string?)p.Record.IdNumber, (string?)p.Record.Name)), today, cancellationToken);
        var households = verdicts.Where(v => v.IsMatch).Select(v => v.Person!.HouseholdId).Distinct().ToList();
        var years = parsed.Select(p => p.Year).Distinct().ToList();
        var checks = await db.MeansChecks.Where(c => households.Contains(c.HouseholdId) && years.Contains(c.Year)).ToDictionaryAsync(c => (c.HouseholdId, c.Year), cancellationToken);
        foreach (var ((index, record, year, income, checkedOn), verdict) in parsed.Zip(verdicts))
        {
            if (verdict.Person is not { } member)
            {
                result.Reject(index, record.ClientRef, verdict.Field!, verdict.Reason!);
                continue;
            }

            var (check, changed) = ledger.RecordCheck(
                checks.GetValueOrDefault((member.HouseholdId, year)), member.HouseholdId, year, income, checkedOn, string.IsNullOrWhiteSpace(record.Note) ? null : record.Note.Trim(), caller.Actor);
            checks[(member.HouseholdId, year)] = check;
            result.Accept(changed);
        }

        return await services.GetRequiredService<BatchCommit>().TryCommitAsync(db, null, cancellationToken) ? result : null;
    }

    public static async Task<FeedBatch?> EnrolmentsAsync(IServiceProvider services, IReadOnlyList<(int Index, AssistanceEnrolmentRecord Record)> batch, FeedCaller caller, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<WelfareDbContext>();
        var ledger = services.GetRequiredService<AssistanceLedger>();
        var situations = services.GetRequiredService<HouseholdSituations>();
        var today = services.GetRequiredService<TimeProvider>().Today();
        var result = new FeedBatch();
        var parsed = new List<(int Index, AssistanceEnrolmentRecord Record, int Year, AssistanceStandard Standard, SocialAssistanceCategory? Category, decimal? Amount)>();
        foreach (var (index, record) in batch)
        {
            var year = record.Year == 0 ? today.Year : record.Year;
            SocialAssistanceCategory? category = null;
            var check = ledger.CheckYear(year, "year", out var standard);
            if (!check.Succeeded)
            {
                result.Reject(index, record.ClientRef, check.Field!, check.Error!);
            }
            else if (!string.IsNullOrWhiteSpace(record.Category) && !Codes.TryParse<SocialAssistanceCategory>(record.Category, out var c))
            {
                result.Reject(index, record.ClientRef, "category", $"救助类别应为：{Codes.List<SocialAssistanceCategory>()}，或留空由审核测算确定");
            }
            else if (!WireText.TryDecimal(record.MonthlyAmount, out var amount))
            {
                result.Reject(index, record.ClientRef, "monthly_amount", FeedFields.AmountFormat);
            }
            else if (record.Note is { Length: > 200 })
            {
                result.Reject(index, record.ClientRef, "note", "备注不超过200字");
            }
            else
            {
                category = string.IsNullOrWhiteSpace(record.Category) ? null : Codes.TryParse<SocialAssistanceCategory>(record.Category, out var parsedCategory) ? parsedCategory : null;
                parsed.Add((index, record, year, standard!, category, amount));
            }
        }

        var verdicts = await FeedPeople.MatchAsync(db, caller, parsed.Select(p => ((string?)p.Record.IdNumber, (string?)p.Record.Name)), today, cancellationToken);
        var households = verdicts.Where(v => v.IsMatch).Select(v => v.Person!.HouseholdId).Distinct().ToList();
        var known = await situations.LoadAsync(households, cancellationToken);
        var incomes = new Dictionary<(Guid, int), decimal>();
        foreach (var year in parsed.Select(p => p.Year).Distinct())
        {
            foreach (var (household, income) in await situations.MeansIncomeAsync(households, year, cancellationToken))
            {
                incomes[(household, year)] = income;
            }
        }

        foreach (var ((index, record, year, standard, category, amount), verdict) in parsed.Zip(verdicts))
        {
            if (verdict.Person is not { } member || !known.TryGetValue(member.HouseholdId, out var household))
            {
                result.Reject(index, record.ClientRef, verdict.Field ?? "id_number", verdict.Reason ?? ServiceDefaults.People.PersonMatching.NotFoundReason);
                continue;
            }

            if (household.Enrolment is { } active)
            {
                if (category is null || category == active.Category)
                {
                    result.Accept(changed: false);
                }
                else
                {
                    result.Reject(index, record.ClientRef, "category", $"该户已纳入{Names.Of(active.Category)}，如需调整请先停保");
                }

                continue;
            }

            var decided = ledger.Decide(household, year, incomes[(household.Household.Id, year)], standard, category, amount, record.Note?.Trim(), caller.Actor, keepRefusal: false, out var decision);
            if (!decided.Succeeded)
            {
                result.Reject(index, record.ClientRef, decided.Field!, decided.Error!);
                continue;
            }

            known[household.Household.Id] = household with { Enrolment = decision!.Enrolment };
            result.Accept(changed: true);
        }

        return await services.GetRequiredService<BatchCommit>().TryCommitAsync(db, null, cancellationToken) ? result : null;
    }
}
