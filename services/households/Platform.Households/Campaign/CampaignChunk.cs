using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.Households.Data;
using Platform.Households.Domain;
using DomainHousehold = Platform.Households.Domain.Household;
using DomainVillage = Platform.Households.Domain.Village;

namespace Platform.Households.Campaign;

/// <summary>
/// What a chunk of village histories touches, loaded with one query per table, and what the villages accepted so
/// far in the chunk have added (so that a helper in two villages is one person, counted once for the five households).
/// Planning a village then reads only this.
/// </summary>
internal sealed class CampaignChunk
{
    public Dictionary<string, DomainVillage> Villages { get; } = new(StringComparer.Ordinal);

    public Dictionary<int, CampaignHistoryImport> Imported { get; } = [];

    public Dictionary<int, List<DomainHousehold>> HouseholdsByVillage { get; } = [];

    public Dictionary<Guid, long> Versions { get; } = [];

    public Dictionary<Guid, List<IncomeRecord>> Income { get; } = [];

    public HashSet<(Pillar, string)> IncomeSources { get; } = [];

    public Dictionary<Guid, List<GuaranteeAssessment>> Assessments { get; } = [];

    public HashSet<Guid> InOpenCase { get; } = [];

    public HashSet<Guid> Flagged { get; } = [];

    public HashSet<(int VillageId, int Year, string Name)> BatchNames { get; } = [];

    public HashSet<int> VillagesWithExit { get; } = [];

    public HashSet<int> VillagesWithTeam { get; } = [];

    public Dictionary<string, Cadre> CadresByRef { get; } = new(StringComparer.Ordinal);

    public Dictionary<Guid, List<Pairing>> ActivePairings { get; } = [];

    public HashSet<Guid> Stationed { get; } = [];

    public HashSet<string> TakenHouseholdNumbers { get; } = new(StringComparer.Ordinal);

    public HashSet<string> TakenIdNumbers { get; } = new(StringComparer.Ordinal);

    public static async Task<CampaignChunk> LoadAsync(HouseholdsDbContext db, IReadOnlyList<VillageHistory> records, CancellationToken cancellationToken)
    {
        var chunk = new CampaignChunk();
        var codes = records.Select(r => r.VillageCode.Trim()).Distinct().ToArray();
        foreach (var village in await db.Villages.Include(v => v.Township).Where(v => codes.Contains(v.Code)).ToListAsync(cancellationToken))
        {
            chunk.Villages[village.Code] = village;
        }

        var allVillageIds = chunk.Villages.Values.Select(v => v.Id).ToArray();
        foreach (var import in await db.CampaignHistoryImports.AsNoTracking().Where(i => allVillageIds.Contains(i.VillageId)).ToListAsync(cancellationToken))
        {
            chunk.Imported[import.VillageId] = import;
        }

        // A village whose history is recorded needs nothing more: it is taken as recorded (or refused as different) by its digest.
        var villageIds = allVillageIds.Where(id => !chunk.Imported.ContainsKey(id)).ToArray();
        records = records.Where(r => chunk.Villages.TryGetValue(r.VillageCode.Trim(), out var v) && !chunk.Imported.ContainsKey(v.Id)).ToList();

        // The rows' versions (xmin): the households are updated only as they were read (read
        // before them: a change in between fails the update, never slips past it).
        foreach (var row in await db.Households.Where(h => villageIds.Contains(h.VillageId))
                     .Select(h => new { h.Id, Version = EF.Property<uint>(h, "Version") }).ToListAsync(cancellationToken))
        {
            chunk.Versions[row.Id] = row.Version;
        }

        var households = await db.Households.AsNoTracking().Include(h => h.Members)
            .Where(h => villageIds.Contains(h.VillageId)).AsSplitQuery().ToListAsync(cancellationToken);
        foreach (var group in households.GroupBy(h => h.VillageId))
        {
            chunk.HouseholdsByVillage[group.Key] = [.. group];
        }

        var ids = households.Select(h => h.Id).ToArray();
        foreach (var record in await db.IncomeRecords.AsNoTracking().Where(r => ids.Contains(r.HouseholdId)).ToListAsync(cancellationToken))
        {
            Add(chunk.Income, record.HouseholdId, record);
        }

        // By source and record id, the unique index's order: one index probe per record, however many the registry holds.
        foreach (var bySource in records.SelectMany(r => r.Income).GroupBy(i => Codes.TryParse<Pillar>(i.Source, out var p) ? p : (Pillar?)null))
        {
            if (bySource.Key is not { } source)
            {
                continue;
            }

            var recordIds = bySource.Select(i => i.SourceRecordId).Distinct().ToArray();
            chunk.IncomeSources.UnionWith((await db.IncomeRecords.Where(r => r.Source == source && recordIds.Contains(r.SourceRecordId))
                    .Select(r => r.SourceRecordId).ToListAsync(cancellationToken))
                .Select(id => (source, id)));
        }

        foreach (var assessment in await db.GuaranteeAssessments.AsNoTracking().Where(a => ids.Contains(a.HouseholdId)).ToListAsync(cancellationToken))
        {
            Add(chunk.Assessments, assessment.HouseholdId, assessment);
        }

        chunk.InOpenCase.UnionWith(await db.ExitCases.Where(c => ids.Contains(c.HouseholdId) && c.State < ExitCaseState.Exited).Select(c => c.HouseholdId).ToListAsync(cancellationToken));
        chunk.Flagged.UnionWith(await db.MonitoringFlags.Where(f => ids.Contains(f.HouseholdId) && f.RemovedOn == null).Select(f => f.HouseholdId).ToListAsync(cancellationToken));
        foreach (var batch in await db.ExitBatches.Where(b => villageIds.Contains(b.VillageId)).Select(b => new { b.VillageId, b.Year, b.Name }).ToListAsync(cancellationToken))
        {
            chunk.BatchNames.Add((batch.VillageId, batch.Year, batch.Name));
        }

        chunk.VillagesWithExit.UnionWith(await db.VillageExits.Where(e => villageIds.Contains(e.VillageId) && e.State != VillageExitState.Returned).Select(e => e.VillageId).ToListAsync(cancellationToken));
        chunk.VillagesWithTeam.UnionWith(await db.WorkTeams.Where(t => villageIds.Contains(t.VillageId) && t.To == null).Select(t => t.VillageId).ToListAsync(cancellationToken));

        var references = records.SelectMany(r => r.Helpers.Select(h => h.Person?.ExternalRef).Concat(r.WorkTeam?.Members.Select(m => m.Person?.ExternalRef) ?? []))
            .Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x!.Trim()).Distinct().ToArray();
        foreach (var cadre in await db.Cadres.AsNoTracking().Where(c => references.Contains(c.ExternalRef!)).ToListAsync(cancellationToken))
        {
            chunk.CadresByRef[cadre.ExternalRef!] = cadre;
        }

        var cadreIds = chunk.CadresByRef.Values.Select(c => c.Id).ToArray();
        foreach (var pairing in await db.Pairings.AsNoTracking().Where(p => cadreIds.Contains(p.CadreId) && p.To == null).ToListAsync(cancellationToken))
        {
            Add(chunk.ActivePairings, pairing.CadreId, pairing);
        }

        chunk.Stationed.UnionWith(await db.Set<WorkTeamMember>().Where(m => cadreIds.Contains(m.CadreId) && m.To == null).Select(m => m.CadreId).ToListAsync(cancellationToken));

        var entered = records.SelectMany(r => r.Flags.Where(f => f.Household is not null).Select(f => f.Household)).ToList();
        var numbers = entered.Select(h => h.HouseholdNumber.Trim()).ToArray();
        var idNumbers = entered.SelectMany(h => h.Members.Select(m => m.IdNumber.Trim())).ToArray();
        chunk.TakenHouseholdNumbers.UnionWith(await db.Households.Where(h => numbers.Contains(h.HouseholdNumber)).Select(h => h.HouseholdNumber).ToListAsync(cancellationToken));
        chunk.TakenIdNumbers.UnionWith(await db.Members.Where(m => m.RemovedAt == null && idNumbers.Contains(m.IdNumber)).Select(m => m.IdNumber).ToListAsync(cancellationToken));
        return chunk;
    }

    /// <summary>What an accepted village added becomes part of what the next villages of the chunk see.</summary>
    public void Accept(VillagePlan plan)
    {
        var villageId = plan.Village.Id;
        Imported[villageId] = plan.Import;
        foreach (var record in plan.Income)
        {
            IncomeSources.Add((record.Source, record.SourceRecordId));
        }

        foreach (var batch in plan.Batches)
        {
            BatchNames.Add((villageId, batch.Year, batch.Name));
        }

        if (plan.VillageExit is not null)
        {
            VillagesWithExit.Add(villageId);
        }

        if (plan.Team is not null)
        {
            VillagesWithTeam.Add(villageId);
            Stationed.UnionWith(plan.Team.Current.Select(m => m.CadreId));
        }

        foreach (var cadre in plan.NewCadres)
        {
            CadresByRef[cadre.ExternalRef!] = cadre;
        }

        foreach (var pairing in plan.Pairings)
        {
            Add(ActivePairings, pairing.CadreId, pairing);
        }

        Flagged.UnionWith(plan.Flags.Select(f => f.HouseholdId));
        foreach (var household in plan.NewHouseholds)
        {
            TakenHouseholdNumbers.Add(household.HouseholdNumber);
            TakenIdNumbers.UnionWith(household.Members.Select(m => m.IdNumber));
        }
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> lists, TKey key, TValue value)
        where TKey : notnull
    {
        if (!lists.TryGetValue(key, out var list))
        {
            lists[key] = list = [];
        }

        list.Add(value);
    }
}

/// <summary>Everything one village's history adds, ready to be written; the events in the order each household's must go.</summary>
internal sealed class VillagePlan(DomainVillage village, CampaignHistoryImport import)
{
    public DomainVillage Village { get; } = village;

    public CampaignHistoryImport Import { get; } = import;

    public List<IncomeRecord> Income { get; } = [];

    public List<GuaranteeAssessment> Assessments { get; } = [];

    public List<ExitBatch> Batches { get; } = [];

    public List<StatusChange> StatusChanges { get; } = [];

    public VillageExit? VillageExit { get; set; }

    public WorkTeam? Team { get; set; }

    public List<Cadre> NewCadres { get; } = [];

    public List<Pairing> Pairings { get; } = [];

    public List<DomainHousehold> NewHouseholds { get; } = [];

    public List<MonitoringFlag> Flags { get; } = [];

    public List<AssistanceMeasure> Measures { get; } = [];

    /// <summary>Registered households the history changes (their rows are updated, exited or touched).</summary>
    public Dictionary<Guid, DomainHousehold> Touched { get; } = [];

    public List<Platform.Contracts.IIntegrationEvent> Events { get; } = [];

    public int HouseholdsExited { get; set; }

    public int PeopleExited { get; set; }

    public bool VillageExited => VillageExit is not null;
}
