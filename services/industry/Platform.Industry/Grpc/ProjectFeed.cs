using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Grpc.Industry.V1;
using Platform.Industry.Common;
using Platform.Industry.Data;
using Platform.Industry.Domain;
using Platform.Industry.Projects;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.People;

namespace Platform.Industry.Grpc;

/// <summary>
/// The agriculture bureau's household projects (产业到户) by the portal's rules (<see cref="ProjectLedger"/>): one per
/// household, policy and year; a project sent again with another scale is corrected and its subsidy reported again.
/// </summary>
public sealed class ProjectFeed(IndustryDbContext db, ProjectLedger ledger, FeedRunner runner, TimeProvider clock)
{
    public Task<FeedSummary> ImportAsync(IAsyncStreamReader<ProjectRecord> records, FeedCaller caller, CancellationToken cancellationToken) =>
        runner.RunAsync(records, r => r.ClientRef, (batch, result, token) => ApplyAsync(batch, result, caller, token), cancellationToken);

    private async Task ApplyAsync(IReadOnlyList<(int Index, ProjectRecord Record)> batch, FeedBatch result, FeedCaller caller, CancellationToken cancellationToken)
    {
        var verdicts = await FeedPeople.MatchAsync(db, caller.Scope, batch.Select(b => new PersonClaim(b.Record.IdNumber, b.Record.Name)).ToList(), clock.Today(), cancellationToken);
        var households = verdicts.Where(v => v.IsMatch).Select(v => v.Person!.HouseholdId).Distinct().ToList();
        var projects = await db.Projects.Where(p => households.Contains(p.HouseholdId)).ToDictionaryAsync(p => (p.HouseholdId, p.Policy, p.Year), cancellationToken);
        var projectIds = projects.Values.Select(p => p.Id).ToList();
        var income = await db.Income.Where(i => projectIds.Contains(i.SourceRecordId)).ToDictionaryAsync(i => i.SourceRecordId, cancellationToken);

        for (var i = 0; i < batch.Count; i++)
        {
            var (index, record) = batch[i];
            var errors = new Dictionary<string, string[]>();
            var scale = Input.Decimal(record.Scale, "scale", errors);
            var submission = ledger.Validate(new ProjectRequest(null, record.Industry, record.Model, record.Description, scale, record.Year == 0 ? null : record.Year, record.Policy), errors);
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

            if (projects.TryGetValue((member.HouseholdId, submission.Policy.Code, submission.Year), out var project))
            {
                if (ProjectLedger.Differs(project, submission))
                {
                    ledger.Correct(project, income[project.Id], submission);
                    result.Correct();
                }
                else
                {
                    result.Keep();
                }

                continue;
            }

            var created = ledger.Create(member.HouseholdId, member.Id, submission, caller.Actor, out var subsidy);
            projects[(created.HouseholdId, created.Policy, created.Year)] = created;
            income[created.Id] = subsidy;
            result.Create();
        }
    }
}
