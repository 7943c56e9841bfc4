using System.Globalization;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Grpc.Ecology.V1;
using Platform.Ecology.Compensation;
using Platform.Ecology.Data;
using Platform.Ecology.Domain;
using Platform.Ecology.Projects;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.People;

namespace Platform.Ecology.Grpc;

/// <summary>
/// The forestry bureau's payment feeds: compensation per household, and households' wages and dividends from
/// projects, matched by a member of the household and applied by the portal's rules (and ledgers).
/// </summary>
public sealed class PaymentFeeds(EcologyDbContext db, CompensationLedger compensation, ProjectLedger projects, BatchCommit commit, TimeProvider clock, ILogger<PaymentFeeds> logger)
{
    public Task<FeedSummary> CompensateAsync(IAsyncStreamReader<CompensationRecord> records, FeedCaller caller, CancellationToken cancellationToken) =>
        FeedRun.RunAsync("PayCompensation", records, db, commit, r => r.ClientRef, (batch, result, token) => CompensationBatchAsync(batch, result, caller, token), logger, cancellationToken);

    public Task<FeedSummary> ProjectIncomesAsync(IAsyncStreamReader<ProjectIncomeRecord> records, FeedCaller caller, CancellationToken cancellationToken) =>
        FeedRun.RunAsync("RecordProjectIncomes", records, db, commit, r => r.ClientRef, (batch, result, token) => ProjectIncomeBatchAsync(batch, result, caller, token), logger, cancellationToken);

    private async Task CompensationBatchAsync(IReadOnlyList<(int Index, CompensationRecord Record)> batch, FeedBatch result, FeedCaller caller, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var parsed = new List<(int Index, CompensationRecord Record, CompensationKind Kind, int Year, decimal Area, decimal? Amount, DateOnly? PaidOn, string? Note)>();
        foreach (var (index, record) in batch)
        {
            if (!Codes.TryParse<CompensationKind>(record.Kind, out var kind))
            {
                result.Reject(index, record.ClientRef, "kind", $"补偿类别应为：{Codes.List<CompensationKind>()}");
            }
            else if (!WireText.TryDecimal(record.AreaMu, out var area) || area is null)
            {
                result.Reject(index, record.ClientRef, "area_mu", "请填写面积（亩），如“36.40”");
            }
            else if (!WireText.TryDecimal(record.Amount, out var amount))
            {
                result.Reject(index, record.ClientRef, "amount", "金额应为以元为单位的数字，如“573.30”");
            }
            else if (!WireText.TryDate(record.PaidOn, out var paidOn))
            {
                result.Reject(index, record.ClientRef, "paid_on", "日期格式应为“2020-11-20”");
            }
            else if (record.Note is { Length: > 200 })
            {
                result.Reject(index, record.ClientRef, "note", "备注不超过200字");
            }
            else
            {
                parsed.Add((index, record, kind, record.Year == 0 ? today.Year : record.Year, area.Value, amount, paidOn, FeedRun.Text(record.Note)));
            }
        }

        var people = await FeedPeople.MatchAsync(db, caller.Scope, parsed.Select(p => new PersonClaim(p.Record.IdNumber, p.Record.Name)).ToList(), today, cancellationToken);
        var householdIds = people.Where(p => p.IsMatch).Select(p => p.Person!.HouseholdId).Distinct().ToList();
        var years = parsed.Select(p => p.Year).Distinct().ToList();
        var paid = await db.CompensationPayments.AsNoTracking()
            .Where(p => householdIds.Contains(p.HouseholdId) && years.Contains(p.Year))
            .ToDictionaryAsync(p => (p.HouseholdId, p.Kind, p.Year), cancellationToken);
        foreach (var ((index, record, kind, year, area, amount, paidOn, note), person) in parsed.Zip(people))
        {
            if (person.Person is not { } member)
            {
                result.Reject(index, record.ClientRef, person.Field!, person.Reason!);
                continue;
            }

            if (paid.TryGetValue((member.HouseholdId, kind, year), out var before))
            {
                if (before.AreaMu == area && (amount is null || amount == before.Amount))
                {
                    result.Unchanged++;
                }
                else
                {
                    result.Reject(index, record.ClientRef, "kind", compensation.AlreadyPaid(kind, year) + string.Create(CultureInfo.InvariantCulture, $"（{before.AreaMu:0.##}亩，{before.Amount:0.00}元）"));
                }

                continue;
            }

            var check = compensation.TryPay(member.HouseholdId, member.Id, kind, year, area, amount, paidOn, note, caller.Actor, out var payment);
            if (!check.Succeeded)
            {
                result.Reject(index, record.ClientRef, check.Field!, check.Error!);
                continue;
            }

            paid[(member.HouseholdId, kind, year)] = payment!;
            result.Accepted++;
        }
    }

    private async Task ProjectIncomeBatchAsync(IReadOnlyList<(int Index, ProjectIncomeRecord Record)> batch, FeedBatch result, FeedCaller caller, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var parsed = new List<(int Index, ProjectIncomeRecord Record, Guid ProjectId, ProjectIncomeKind Kind, int Year, decimal Amount, string? Note)>();
        foreach (var (index, record) in batch)
        {
            if (!Guid.TryParse(record.ProjectId, out var projectId))
            {
                result.Reject(index, record.ClientRef, "project_id", "请填写项目编号（GET /api/ecology/projects 所列 id）");
            }
            else if (!Codes.TryParse<ProjectIncomeKind>(record.Kind, out var kind))
            {
                result.Reject(index, record.ClientRef, "kind", $"收益类别应为：{Codes.List<ProjectIncomeKind>()}");
            }
            else if (!WireText.TryDecimal(record.Amount, out var amount) || amount is null)
            {
                result.Reject(index, record.ClientRef, "amount", "请填写金额（元），如“3200.00”");
            }
            else if (record.Note is { Length: > 200 })
            {
                result.Reject(index, record.ClientRef, "note", "备注不超过200字");
            }
            else
            {
                parsed.Add((index, record, projectId, kind, record.Year == 0 ? today.Year : record.Year, amount.Value, FeedRun.Text(record.Note)));
            }
        }

        var people = await FeedPeople.MatchAsync(db, caller.Scope, parsed.Select(p => new PersonClaim(p.Record.IdNumber, p.Record.Name)).ToList(), today, cancellationToken);
        var projectIds = parsed.Select(p => p.ProjectId).Distinct().ToList();
        var known = await db.Projects.AsNoTracking().Within(caller.Scope).Where(p => projectIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var householdIds = people.Where(p => p.IsMatch).Select(p => p.Person!.HouseholdId).Distinct().ToList();
        var joined = (await db.ProjectHouseholds.AsNoTracking().Where(l => projectIds.Contains(l.ProjectId) && householdIds.Contains(l.HouseholdId))
                .Select(l => new { l.ProjectId, l.HouseholdId }).ToListAsync(cancellationToken))
            .Select(l => (l.ProjectId, l.HouseholdId))
            .ToHashSet();
        var recorded = await db.ProjectIncomes.AsNoTracking().Where(i => projectIds.Contains(i.ProjectId) && householdIds.Contains(i.HouseholdId))
            .ToDictionaryAsync(i => (i.ProjectId, i.HouseholdId, i.Kind, i.Year), i => i.Amount, cancellationToken);
        foreach (var ((index, record, projectId, kind, year, amount, note), person) in parsed.Zip(people))
        {
            if (person.Person is not { } member)
            {
                result.Reject(index, record.ClientRef, person.Field!, person.Reason!);
                continue;
            }

            if (!known.TryGetValue(projectId, out var project))
            {
                result.Reject(index, record.ClientRef, "project_id", "项目不存在");
                continue;
            }

            if (recorded.TryGetValue((projectId, member.HouseholdId, kind, year), out var before))
            {
                if (before == amount)
                {
                    result.Unchanged++;
                }
                else
                {
                    result.Reject(index, record.ClientRef, "kind", ProjectLedger.AlreadyRecorded(kind, year) + string.Create(CultureInfo.InvariantCulture, $"（已登记{before:0.00}元）"));
                }

                continue;
            }

            var check = projects.TryRecord(project, member.HouseholdId, member.Id, joined.Contains((projectId, member.HouseholdId)), kind, year, amount, note, caller.Actor, out _);
            if (!check.Succeeded)
            {
                result.Reject(index, record.ClientRef, check.Field!, check.Error!);
                continue;
            }

            joined.Add((projectId, member.HouseholdId));
            recorded[(projectId, member.HouseholdId, kind, year)] = amount;
            result.Accepted++;
        }
    }
}
