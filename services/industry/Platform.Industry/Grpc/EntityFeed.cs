using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Grpc.Industry.V1;
using Platform.Industry.Common;
using Platform.Industry.Data;
using Platform.Industry.Domain;
using Platform.Industry.Entities;
using Platform.Industry.Households;
using Platform.ServiceDefaults.Grpc;

namespace Platform.Industry.Grpc;

/// <summary>
/// The agriculture bureau's entities and bases, by the same rules as the portal's (<see cref="EntityCommands"/>):
/// keyed by code, a record sent again is unchanged or updates the entity or base in place.
/// </summary>
public sealed class EntityFeed(IndustryDbContext db, EntityCommands commands, FeedRunner runner, TimeProvider clock)
{
    private const string OutsideScope = "该村不在调用者的数据范围内";

    public Task<FeedSummary> ImportEntitiesAsync(IAsyncStreamReader<EntityRecord> records, FeedCaller caller, CancellationToken cancellationToken) =>
        runner.RunAsync(records, r => r.ClientRef, (batch, result, token) => ApplyEntitiesAsync(batch, result, caller, token), cancellationToken);

    public Task<FeedSummary> ImportBasesAsync(IAsyncStreamReader<BaseRecord> records, FeedCaller caller, CancellationToken cancellationToken) =>
        runner.RunAsync(records, r => r.ClientRef, (batch, result, token) => ApplyBasesAsync(batch, result, caller, token), cancellationToken);

    private async Task ApplyEntitiesAsync(IReadOnlyList<(int Index, EntityRecord Record)> batch, FeedBatch result, FeedCaller caller, CancellationToken cancellationToken)
    {
        var valid = new List<(int Index, EntityRecord Record, EntitySubmission Submission)>(batch.Count);
        foreach (var (index, record) in batch)
        {
            var errors = new Dictionary<string, string[]>();
            var submission = commands.Validate(
                new EntityRequest(record.Code, record.Kind, record.Name, record.VillageCode, record.Industry, record.Model, record.WorkshopSite, record.SiteId, record.SiteName, record.FoundedOn),
                errors);
            if (submission is null)
            {
                result.Reject(index, record.ClientRef, errors);
            }
            else if (!caller.Scope.Covers(submission.VillageCode))
            {
                result.Reject(index, record.ClientRef, "village_code", OutsideScope);
            }
            else
            {
                valid.Add((index, record, submission));
            }
        }

        var codes = valid.Select(v => v.Submission.Code).Distinct().ToList();
        var known = await db.Entities.Where(e => codes.Contains(e.Code)).ToDictionaryAsync(e => e.Code, StringComparer.Ordinal, cancellationToken);
        foreach (var (index, record, submission) in valid)
        {
            if (known.TryGetValue(submission.Code, out var entity))
            {
                if (!caller.Scope.Covers(entity.VillageCode))
                {
                    result.Reject(index, record.ClientRef, "code", "该代码的经营主体已由其他地区登记");
                }
                else if (entity.DiffersFrom(submission))
                {
                    entity.Apply(submission);
                    result.Correct();
                }
                else
                {
                    result.Keep();
                }

                continue;
            }

            var created = MarketEntity.Create(submission, caller.Actor, clock.GetUtcNow());
            db.Entities.Add(created);
            known[created.Code] = created;
            result.Create();
        }
    }

    private async Task ApplyBasesAsync(IReadOnlyList<(int Index, BaseRecord Record)> batch, FeedBatch result, FeedCaller caller, CancellationToken cancellationToken)
    {
        var valid = new List<(int Index, BaseRecord Record, BaseSubmission Submission)>(batch.Count);
        foreach (var (index, record) in batch)
        {
            var errors = new Dictionary<string, string[]>();
            var area = Input.Decimal(record.AreaMu, "areaMu", errors);
            var submission = commands.Validate(
                new BaseRequest(record.Code, record.Name, record.Industry, record.VillageCode, area, record.Head == 0 ? null : record.Head, record.EntityCode, record.Model),
                errors);
            if (submission is null || errors.Count > 0)
            {
                result.Reject(index, record.ClientRef, errors);
            }
            else if (!caller.Scope.Covers(submission.VillageCode))
            {
                result.Reject(index, record.ClientRef, "village_code", OutsideScope);
            }
            else
            {
                valid.Add((index, record, submission));
            }
        }

        var entityCodes = valid.Select(v => v.Record.EntityCode.Trim()).Where(c => c.Length > 0).Distinct().ToList();
        var entities = await db.Entities.AsNoTracking().Within(caller.Scope).Where(e => entityCodes.Contains(e.Code))
            .ToDictionaryAsync(e => e.Code, e => e.Id, StringComparer.Ordinal, cancellationToken);
        var codes = valid.Select(v => v.Submission.Code).Distinct().ToList();
        var known = await db.Bases.Where(b => codes.Contains(b.Code)).ToDictionaryAsync(b => b.Code, StringComparer.Ordinal, cancellationToken);
        foreach (var (index, record, submission) in valid)
        {
            Guid? entityId = null;
            if (record.EntityCode.Trim() is { Length: > 0 } entityCode)
            {
                if (!entities.TryGetValue(entityCode, out var id))
                {
                    result.Reject(index, record.ClientRef, "entity_code", "经营主体不存在（请先报送经营主体）");
                    continue;
                }

                entityId = id;
            }

            if (known.TryGetValue(submission.Code, out var existing))
            {
                if (!caller.Scope.Covers(existing.VillageCode))
                {
                    result.Reject(index, record.ClientRef, "code", "该代码的产业基地已由其他地区登记");
                }
                else if (existing.DiffersFrom(submission, entityId))
                {
                    existing.Apply(submission, entityId);
                    result.Correct();
                }
                else
                {
                    result.Keep();
                }

                continue;
            }

            var created = IndustryBase.Create(submission, entityId, caller.Actor, clock.GetUtcNow());
            db.Bases.Add(created);
            known[created.Code] = created;
            result.Create();
        }
    }
}
