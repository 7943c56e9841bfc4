using System.Diagnostics;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Households.Common;
using Platform.Households.Data;
using Platform.Households.Grpc;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Grpc;

namespace Platform.Households.Campaign;

/// <summary>
/// The campaign's history in bulk (脱贫攻坚历史): village records read from a client stream in chunks; each village
/// planned by the registry's own rules (<see cref="VillageHistoryPlanner"/>), and the accepted ones of a chunk written
/// in one transaction — new rows by binary COPY from the EF model (<see cref="AddedRowsCopy.CopyRowsAsync"/>), the households' rows
/// and the guarantees' states by one set-based statement each, their events by COPY into the outbox. If the chunk
/// hits a concurrent change at commit, its villages are applied again one per transaction (each a few times, as a feed's
/// records are), so one conflict never takes good villages with it, and nothing of a refused village is written.
/// </summary>
public sealed partial class CampaignHistoryImporter(
    HouseholdsDbContext db,
    OutboxSignal outboxSignal,
    IOptions<RegistryOptions> options,
    TimeProvider clock,
    ILogger<CampaignHistoryImporter> logger)
{
    /// <summary>A chunk closes at this many households (or <see cref="MaxVillagesPerChunk"/> villages).</summary>
    public const int HouseholdsPerChunk = 2_000;

    public const int MaxVillagesPerChunk = 20;

    public async Task<HistorySummary> ImportAsync(IAsyncStreamReader<VillageHistory> records, string actor, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var summary = new HistorySummary();
        var chunk = new List<(int Index, VillageHistory Record)>();
        var households = 0;
        await foreach (var record in records.ReadAllAsync(cancellationToken))
        {
            chunk.Add((summary.Received++, record));
            households += record.ExitBatches.Sum(b => b.HouseholdNumbers.Count) + record.Flags.Count + 1;
            if (households >= HouseholdsPerChunk || chunk.Count >= MaxVillagesPerChunk)
            {
                await ApplyChunkAsync(chunk, actor, summary, cancellationToken);
                chunk.Clear();
                households = 0;
            }
        }

        await ApplyChunkAsync(chunk, actor, summary, cancellationToken);
        if (summary.HouseholdsExited >= 1000)
        {
            // Fresh statistics now: the figures plan on them, and a plan made for a registry of poor households is slow on exited ones.
            await db.Database.ExecuteSqlRawAsync(
                "ANALYZE households, exit_cases, exit_steps, income_records, guarantee_assessments, guarantee_states, pairings, monitoring_flags", cancellationToken);
        }

        LogImported(logger, summary.Received, summary.Accepted, summary.AlreadyRecorded, summary.Rejected, summary.HouseholdsExited, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return summary;
    }

    private async Task ApplyChunkAsync(List<(int Index, VillageHistory Record)> chunk, string actor, HistorySummary summary, CancellationToken cancellationToken)
    {
        if (chunk.Count == 0)
        {
            return;
        }

        var outcome = await TryApplyAsync(chunk, actor, cancellationToken);
        if (outcome is not null)
        {
            Merge(summary, outcome);
            return;
        }

        // Another writer changed a household (or a helper) of the chunk meanwhile: each village on its own.
        foreach (var one in chunk)
        {
            var alone = await BatchedImport.AloneAsync(ct => TryApplyAsync([one], actor, ct), cancellationToken);
            if (alone is null)
            {
                alone = new ChunkOutcome();
                alone.Rejections.Add(Rejection(one.Index, one.Record, new HistoryRefusedException("village_code", "该村的户或人员刚被其他请求修改，请重新导入该村")));
            }

            Merge(summary, alone);
        }
    }

    /// <summary>Plans and writes the chunk in one transaction; null when the commit met a concurrent change (nothing written).</summary>
    private async Task<ChunkOutcome?> TryApplyAsync(IReadOnlyList<(int Index, VillageHistory Record)> chunk, string actor, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var outcome = new ChunkOutcome();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var data = await CampaignChunk.LoadAsync(db, chunk.Select(c => c.Record).ToList(), cancellationToken);
            var loaded = Stopwatch.GetElapsedTime(started);
            var rules = options.Value;
            var today = clock.Today();
            var now = clock.GetUtcNow();
            var plans = new List<VillagePlan>();
            foreach (var (index, record) in chunk)
            {
                try
                {
                    var plan = new VillageHistoryPlanner(data, rules.Lines(), rules.VillageMaxPovertyIncidence, actor, today, now).Plan(record);
                    if (plan is null)
                    {
                        outcome.AlreadyRecorded++;
                        continue;
                    }

                    data.Accept(plan);
                    plans.Add(plan);
                }
                catch (HistoryRefusedException refused)
                {
                    outcome.Rejections.Add(Rejection(index, record, refused));
                    if (data.Villages.GetValueOrDefault(record.VillageCode.Trim()) is { } village)
                    {
                        // Nothing of a refused village is written, not even the exit year its plan set before it failed.
                        var entry = db.Entry(village);
                        entry.CurrentValues.SetValues(entry.OriginalValues);
                    }
                }
            }

            var planned = Stopwatch.GetElapsedTime(started);
            if (plans.Count > 0)
            {
                await WriteAsync(plans, data, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                outboxSignal.Notify();
            }

            LogChunk(logger, chunk.Count, plans.Sum(p => p.HouseholdsExited), loaded.TotalMilliseconds, (planned - loaded).TotalMilliseconds, (Stopwatch.GetElapsedTime(started) - planned).TotalMilliseconds);

            outcome.Plans.AddRange(plans);
            return outcome;
        }
        catch (Exception ex) when (ConcurrentChange.Is(ex))
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return null;
        }
    }

    private async Task WriteAsync(List<VillagePlan> plans, CampaignChunk data, CancellationToken cancellationToken)
    {
        // New rows by COPY from plain objects (no change tracker for a chunk's hundred thousand rows), principals first.
        Task Copy<T>(IEnumerable<T> rows)
            where T : class => AddedRowsCopy.CopyRowsAsync(db, rows.ToList(), cancellationToken);
        var newHouseholds = plans.SelectMany(p => p.NewHouseholds).ToList();
        var batches = plans.SelectMany(p => p.Batches).ToList();
        var exits = plans.Select(p => p.VillageExit).OfType<Domain.VillageExit>().ToList();
        var teams = plans.Select(p => p.Team).OfType<Domain.WorkTeam>().ToList();
        await Copy(plans.Select(p => p.Import));
        await Copy(newHouseholds);
        await Copy(newHouseholds.SelectMany(h => h.Members));
        await Copy(plans.SelectMany(p => p.NewCadres));
        await Copy(plans.SelectMany(p => p.Income));
        await Copy(plans.SelectMany(p => p.Assessments));
        await Copy(batches);
        await Copy(batches.SelectMany(b => b.Cases));
        await Copy(batches.SelectMany(b => b.Cases).SelectMany(c => c.Objections));
        await Copy(batches.SelectMany(b => b.Steps));
        await Copy(plans.SelectMany(p => p.StatusChanges));
        await Copy(exits);
        await Copy(exits.SelectMany(e => e.Steps));
        await Copy(teams);
        await Copy(teams.SelectMany(t => t.Members));
        await Copy(plans.SelectMany(p => p.Pairings));
        await Copy(plans.SelectMany(p => p.Flags));
        await Copy(plans.SelectMany(p => p.Measures));
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await UpdateHouseholdsAsync(connection, plans.SelectMany(p => p.Touched.Values).ToList(), data, cancellationToken);
        await UpsertGuaranteeStatesAsync(connection, plans.SelectMany(p => p.Assessments).ToList(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken); // the villages' exit years (the villages are tracked)
        await OutboxBulkWriter.CopyAsync(connection, plans.SelectMany(p => p.Events), clock, cancellationToken);
    }

    /// <summary>
    /// The households' rows as the history leaves them (status and exit years, touched), each only if it is still the
    /// row that was read (its xmin): a change of a household in between fails the chunk rather than slipping past it.
    /// </summary>
    private static async Task UpdateHouseholdsAsync(NpgsqlConnection connection, List<Domain.Household> households, CampaignChunk data, CancellationToken cancellationToken)
    {
        if (households.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            """
            UPDATE households AS h
            SET status = u.status, exit_year = u.exit_year, first_exit_year = u.first_exit_year, helpers = u.helpers, updated_at = u.updated_at
            FROM unnest(@ids, @versions, @statuses, @exit_years, @first_exit_years, @helpers, @updated)
                AS u(id, version, status, exit_year, first_exit_year, helpers, updated_at)
            WHERE h.id = u.id AND h.xmin::text::bigint = u.version
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", households.Select(h => h.Id).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<long[]>("versions", households.Select(h => data.Versions[h.Id]).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<int[]>("statuses", households.Select(h => (int)h.Status).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<int?[]>("exit_years", households.Select(h => h.ExitYear).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter<int?[]>("first_exit_years", households.Select(h => h.FirstExitYear).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter<int[]>("helpers", households.Select(h => h.Helpers).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("updated", households.Select(h => h.UpdatedAt).ToArray()));
        var updated = await command.ExecuteNonQueryAsync(cancellationToken);
        if (updated != households.Count)
        {
            throw new DbUpdateConcurrencyException($"{households.Count - updated} of the chunk's households changed while their history was planned");
        }
    }

    /// <summary>
    /// Each guarantee's state becomes the latest of the history's assessments — unless a later assessment is in force
    /// already (a pillar's, today): the rule of <see cref="Domain.GuaranteeState.Apply"/>, as a guard that also holds
    /// against a pillar's assessment committed meanwhile. The rows are locked in key order, the order in which a pillar
    /// report's batch updates them (EF Core sorts a save's commands by key): a history in its own order and a batch
    /// of reports on the same households deadlocked, and a village refused twice that way failed a first start.
    /// </summary>
    private static async Task UpsertGuaranteeStatesAsync(NpgsqlConnection connection, List<Domain.GuaranteeAssessment> assessments, CancellationToken cancellationToken)
    {
        var latest = assessments.GroupBy(a => (a.HouseholdId, a.Guarantee))
            .Select(g => Domain.GuaranteeState.From(g.OrderBy(a => a.AssessedAt).ThenBy(a => a.Id).Last()))
            .ToList();
        if (latest.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            """
            INSERT INTO guarantee_states (household_id, guarantee, met, reason, source, source_record_id, assessment_id, assessed_at)
            SELECT * FROM unnest(@households, @guarantees, @met, @reasons, @sources, @records, @assessments, @at)
                AS u(household_id, guarantee, met, reason, source, source_record_id, assessment_id, assessed_at)
            ORDER BY household_id, guarantee
            ON CONFLICT (household_id, guarantee) DO UPDATE
            SET met = excluded.met, reason = excluded.reason, source = excluded.source, source_record_id = excluded.source_record_id,
                assessment_id = excluded.assessment_id, assessed_at = excluded.assessed_at
            WHERE guarantee_states.assessed_at <= excluded.assessed_at
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("households", latest.Select(s => s.HouseholdId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<int[]>("guarantees", latest.Select(s => (int)s.Guarantee).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<bool[]>("met", latest.Select(s => s.Met).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("reasons", latest.Select(s => s.Reason).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter<int[]>("sources", latest.Select(s => (int)s.Source).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("records", latest.Select(s => s.SourceRecordId).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("assessments", latest.Select(s => s.AssessmentId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("at", latest.Select(s => s.AssessedAt).ToArray()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static ImportRejection Rejection(int index, VillageHistory record, HistoryRefusedException refused) => new()
    {
        Index = index,
        ClientRef = record.ClientRef,
        HouseholdNumber = refused.HouseholdNumber ?? string.Empty,
        Field = refused.Field,
        Reason = refused.Message,
    };

    private static void Merge(HistorySummary summary, ChunkOutcome outcome)
    {
        summary.Accepted += outcome.Plans.Count;
        summary.AlreadyRecorded += outcome.AlreadyRecorded;
        summary.Rejected += outcome.Rejections.Count;
        BatchedImport.Report(summary.Rejections, outcome.Rejections, r => r.Index);
        foreach (var plan in outcome.Plans)
        {
            summary.HouseholdsExited += plan.HouseholdsExited;
            summary.PeopleExited += plan.PeopleExited;
            summary.VillagesExited += plan.VillageExited ? 1 : 0;
            summary.FlagsRaised += plan.Flags.Count;
            summary.Pairings += plan.Pairings.Count;
            summary.Stationed += plan.Team?.Members.Count ?? 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign history: {Received} villages received, {Accepted} recorded, {Already} already recorded, {Rejected} refused; {Exited} households exited, in {Seconds:F1} s")]
    private static partial void LogImported(ILogger logger, int received, int accepted, int already, int rejected, int exited, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Campaign chunk of {Villages} villages ({Exited} households exited): loaded in {Load:F0} ms, planned in {Plan:F0} ms, written and committed in {Write:F0} ms")]
    private static partial void LogChunk(ILogger logger, int villages, int exited, double load, double plan, double write);

    private sealed class ChunkOutcome
    {
        public List<VillagePlan> Plans { get; } = [];

        public int AlreadyRecorded { get; set; }

        public List<ImportRejection> Rejections { get; } = [];
    }
}
