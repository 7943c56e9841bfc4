using System.Diagnostics;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Households.Data;
using Platform.Households.Domain;
using Platform.Households.Registry;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Grpc;
using DomainHousehold = Platform.Households.Domain.Household;

namespace Platform.Households.Grpc;

/// <summary>
/// Bulk import of households (批量导入) for departmental systems and the demo county: validates each
/// record by the same rules as the REST API, rejects a bad record whole with its reason, and writes
/// the accepted ones of a batch with binary COPY — households, members and their events in the
/// outbox — in one transaction. A batch that hits a race falls back to one transaction per record,
/// so a rejected record never takes good ones with it.
/// </summary>
public sealed partial class BulkHouseholdImporter(
    NpgsqlDataSource dataSource,
    HouseholdsDbContext db,
    OutboxSignal outboxSignal,
    AuditCommits auditCommits,
    TimeProvider clock,
    ILogger<BulkHouseholdImporter> logger)
{
    public const int BatchSize = 1000;
    private const int AnalyzeThreshold = 1000;

    public async Task<ImportSummary> ImportAsync(IAsyncStreamReader<HouseholdRecord> records, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var villages = await db.Villages.AsNoTracking().Include(v => v.Township).ToDictionaryAsync(v => v.Code, StringComparer.Ordinal, cancellationToken);
        var state = new ImportState(villages);
        var batch = new List<(int Index, HouseholdRecord Record)>(BatchSize);
        var index = 0;
        // The whole call first: a stream over the per-call record limit is refused before anything is written.
        foreach (var record in await BatchedImport.ReadAllAsync(records, cancellationToken))
        {
            batch.Add((index++, record));
            if (batch.Count == BatchSize)
            {
                await ImportBatchAsync(batch, state, cancellationToken);
                batch.Clear();
            }
        }

        await ImportBatchAsync(batch, state, cancellationToken);
        state.Summary.Received = index;
        if (state.Summary.Accepted >= AnalyzeThreshold)
        {
            // Fresh statistics now, not when autovacuum gets round to it: the county's queries plan
            // on them, and a plan made for empty tables is slow on tens of thousands of rows.
            await db.Database.ExecuteSqlRawAsync("ANALYZE households, members", cancellationToken);
        }

        LogImported(logger, index, state.Summary.Accepted, state.Summary.Rejected, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return state.Summary;
    }

    private async Task ImportBatchAsync(List<(int Index, HouseholdRecord Record)> batch, ImportState state, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var today = clock.Today();
        var now = clock.GetUtcNow();
        var candidates = new List<Candidate>(batch.Count);
        foreach (var (index, record) in batch)
        {
            var errors = new Dictionary<string, string[]>();
            var registration = RegistrationRules.Validate(record.ToSubmission(), today, errors);
            if (registration is null)
            {
                var first = errors.First();
                state.Reject(index, record, first.Key, string.Join("，", first.Value));
                continue;
            }

            if (!state.Villages.TryGetValue(registration.VillageCode, out var village))
            {
                state.Reject(index, record, "villageCode", "行政村不存在");
                continue;
            }

            if (!state.HouseholdNumbers.Add(registration.HouseholdNumber))
            {
                state.Reject(index, record, "householdNumber", "户编号在本次导入中重复");
                continue;
            }

            var duplicate = registration.Members.Select((m, i) => (m, i)).FirstOrDefault(x => state.IdNumbers.Contains(x.m.IdNumber.Value));
            if (duplicate.m is not null)
            {
                state.Reject(index, record, $"members[{duplicate.i}].idNumber", "此人在本次导入的另一户中已出现");
                continue;
            }

            foreach (var member in registration.Members)
            {
                state.IdNumbers.Add(member.IdNumber.Value);
            }

            candidates.Add(new Candidate(index, record, registration, village, DomainHousehold.Register(registration, village.Id, now)));
        }

        candidates = await RejectRegisteredAsync(candidates, state, cancellationToken);
        if (candidates.Count == 0)
        {
            return;
        }

        try
        {
            await WriteAsync(candidates, cancellationToken);
            state.Summary.Accepted += candidates.Count;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Another writer registered one of these people or numbers meanwhile: find which, one by one.
            foreach (var candidate in candidates)
            {
                try
                {
                    await WriteAsync([candidate], cancellationToken);
                    state.Summary.Accepted++;
                }
                catch (PostgresException single) when (single.SqlState == PostgresErrorCodes.UniqueViolation)
                {
                    state.Reject(candidate.Index, candidate.Record, "members", "户编号或成员已被其他请求登记");
                }
            }
        }
    }

    private async Task<List<Candidate>> RejectRegisteredAsync(List<Candidate> candidates, ImportState state, CancellationToken cancellationToken)
    {
        if (candidates.Count == 0)
        {
            return candidates;
        }

        var numbers = candidates.Select(c => c.Registration.HouseholdNumber).ToArray();
        var idNumbers = candidates.SelectMany(c => c.Registration.Members.Select(m => m.IdNumber.Value)).ToArray();
        var takenNumbers = (await db.Households.AsNoTracking().Where(h => numbers.Contains(h.HouseholdNumber)).Select(h => h.HouseholdNumber).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var takenIds = (await db.Members.AsNoTracking().Where(m => m.RemovedAt == null && idNumbers.Contains(m.IdNumber)).Select(m => m.IdNumber).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        if (takenNumbers.Count == 0 && takenIds.Count == 0)
        {
            return candidates;
        }

        var remaining = new List<Candidate>(candidates.Count);
        foreach (var candidate in candidates)
        {
            if (takenNumbers.Contains(candidate.Registration.HouseholdNumber))
            {
                state.Reject(candidate.Index, candidate.Record, "householdNumber", "户编号已存在");
                continue;
            }

            var taken = candidate.Registration.Members.Select((m, i) => (m, i)).FirstOrDefault(x => takenIds.Contains(x.m.IdNumber.Value));
            if (taken.m is not null)
            {
                state.Reject(candidate.Index, candidate.Record, $"members[{taken.i}].idNumber", "此人已登记在其他户，一人只能属于一个建档立卡户");
                continue;
            }

            remaining.Add(candidate);
        }

        return remaining;
    }

    private async Task WriteAsync(IReadOnlyList<Candidate> candidates, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await HouseholdRowsCopy.CopyAsync(connection, candidates.Select(c => c.Household).ToList(), cancellationToken);
        await OutboxBulkWriter.CopyAsync(
            connection,
            candidates.Select(c => HouseholdCommands.Registered(c.Household, c.Village)),
            clock,
            cancellationToken);
        // The call's audit row first: without it, nothing is committed.
        await auditCommits.BeforeCommitAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outboxSignal.Notify();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bulk import: {Received} received, {Accepted} accepted, {Rejected} rejected in {Seconds:F1} s")]
    private static partial void LogImported(ILogger logger, int received, int accepted, int rejected, double seconds);

    private sealed record Candidate(int Index, HouseholdRecord Record, HouseholdRegistration Registration, Village Village, DomainHousehold Household);

    private sealed class ImportState(Dictionary<string, Village> villages)
    {
        public Dictionary<string, Village> Villages { get; } = villages;

        public HashSet<string> HouseholdNumbers { get; } = new(StringComparer.Ordinal);

        public HashSet<string> IdNumbers { get; } = new(StringComparer.Ordinal);

        public ImportSummary Summary { get; } = new();

        public void Reject(int index, HouseholdRecord record, string field, string reason)
        {
            Summary.Rejected++;
            if (Summary.Rejections.Count < BatchedImport.MaxRejectionsReported)
            {
                Summary.Rejections.Add(new ImportRejection
                {
                    Index = index,
                    ClientRef = record.ClientRef,
                    HouseholdNumber = record.HouseholdNumber,
                    Field = RecordMapping.ToProtoFieldPath(field),
                    Reason = reason,
                });
            }
        }
    }
}
