using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Grpc.Industry.V1;
using Platform.Industry.Data;
using Platform.Industry.Households;
using Platform.Industry.Jobs;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.People;

namespace Platform.Industry.Grpc;

/// <summary>
/// The human-resources bureau's employment records by the portal's rules (<see cref="Domain.EmploymentRules"/>): found again by
/// member, kind, employer and year; a record sent again with other months or wage is corrected, its wage reported
/// again; no member works more than 12 months a year across records; a new job closes the household's matching tasks.
/// </summary>
public sealed class EmploymentFeed(IndustryDbContext db, EmploymentLedger ledger, FeedRunner runner, TimeProvider clock)
{
    public Task<FeedSummary> ImportAsync(IAsyncStreamReader<EmploymentRecord> records, FeedCaller caller, CancellationToken cancellationToken) =>
        runner.RunAsync(records, r => r.ClientRef, (batch, result, token) => ApplyAsync(batch, result, caller, token), cancellationToken);

    private async Task ApplyAsync(IReadOnlyList<(int Index, EmploymentRecord Record)> batch, FeedBatch result, FeedCaller caller, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var verdicts = await FeedPeople.MatchAsync(db, caller.Scope, batch.Select(b => new PersonClaim(b.Record.IdNumber, b.Record.Name)).ToList(), today, cancellationToken);
        var workshopCodes = batch.Select(b => b.Record.WorkshopCode.Trim()).Where(c => c.Length > 0).Distinct().ToList();
        var workshops = await db.Entities.AsNoTracking().Within(caller.Scope).Where(e => e.Kind == Domain.EntityKind.Workshop && workshopCodes.Contains(e.Code))
            .ToDictionaryAsync(e => e.Code, StringComparer.Ordinal, cancellationToken);
        var members = verdicts.Where(v => v.IsMatch).Select(v => v.Person!.Id).Distinct().ToList();
        var households = verdicts.Where(v => v.IsMatch).Select(v => v.Person!.HouseholdId).Distinct().ToList();
        var jobs = await db.Employment.Where(r => members.Contains(r.MemberId)).ToListAsync(cancellationToken);
        var jobIds = jobs.Select(j => j.Id).ToList();
        var wages = await db.Income.Where(i => jobIds.Contains(i.SourceRecordId)).ToDictionaryAsync(i => i.SourceRecordId, cancellationToken);
        var tasks = await db.MatchingTasks.Where(t => households.Contains(t.HouseholdId) && t.ClosedAt == null).ToListAsync(cancellationToken);

        for (var i = 0; i < batch.Count; i++)
        {
            var (index, record) = batch[i];
            var errors = new Dictionary<string, string[]>();
            Guid? workshopId = null;
            var employer = record.Employer;
            if (record.WorkshopCode.Trim() is { Length: > 0 } code)
            {
                if (!workshops.TryGetValue(code, out var workshop))
                {
                    result.Reject(index, record.ClientRef, "workshop_code", "扶贫车间不存在（请先由农业农村局报送）");
                    continue;
                }

                workshopId = workshop.Id;
                employer = workshop.Name;
            }

            var startedOn = Common.Input.Date(record.StartedOn, "startedOn", errors);
            var submission = EmploymentLedger.Parse(
                new EmploymentRequest(null, record.Kind, workshopId, employer, record.Destination, record.DestinationScope, startedOn, record.Months, Common.Input.Yuan(record.MonthlyWageFen)),
                errors);
            if (submission is null || errors.Count > 0)
            {
                result.Reject(index, record.ClientRef, errors);
                continue;
            }

            if (verdicts[i] is not { IsMatch: true, Person: { } member })
            {
                result.Reject(index, record.ClientRef, verdicts[i].Field!, verdicts[i].Reason!);
                continue;
            }

            var key = EmploymentLedger.KeyOf(submission);
            var year = submission.StartedOn.Year;
            var existing = jobs.FirstOrDefault(j => j.MemberId == member.Id && j.Kind == submission.Kind && j.EmployerKey == key && j.Year == year);
            var otherMonths = jobs.Where(j => j.MemberId == member.Id && j.Year == year && j != existing).Sum(j => j.Months);
            var allowed = Domain.EmploymentRules.CanEmploy(memberIsCurrent: true, member.BirthDate, submission, otherMonths, today);
            if (existing is not null)
            {
                if (!EmploymentLedger.Differs(existing, submission))
                {
                    result.Keep();
                }
                else if (!allowed.Succeeded)
                {
                    result.Reject(index, record.ClientRef, allowed.Field!, allowed.Error!);
                }
                else
                {
                    ledger.Correct(existing, wages[existing.Id], submission, caller.Actor);
                    result.Correct();
                }

                continue;
            }

            if (!allowed.Succeeded)
            {
                result.Reject(index, record.ClientRef, allowed.Field!, allowed.Error!);
                continue;
            }

            var created = ledger.Record(member.Id, member.HouseholdId, submission, employer, caller.Actor, out var wage);
            jobs.Add(created);
            wages[created.Id] = wage;
            ledger.CloseTasks(tasks.Where(t => t.HouseholdId == member.HouseholdId), caller.Actor);
            result.Create();
        }
    }
}
