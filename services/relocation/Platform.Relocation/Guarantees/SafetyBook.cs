using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Contracts.Registry;
using Platform.Messaging.Outbox;
using Platform.Relocation.Data;
using Platform.Relocation.Domain;

namespace Platform.Relocation.Guarantees;

/// <summary>
/// What one unit of work (a batch of the registry's events, a batch of a feed, a portal write) knows about
/// the households it touches — their place, relocation case, houses, water supply and the guarantees last
/// told to the registry — loaded with one query per table, then looked up in memory. It keeps the
/// safe-housing and safe-water guarantees (住房安全、饮水安全) of every household it assesses and adds
/// the registry's <see cref="GuaranteeAssessed"/> to the outbox when one is new or changes between met and
/// not met. The caller saves and commits once.
/// </summary>
public sealed class SafetyBook(RelocationDbContext db, IOptions<WaterStandards> standards, TimeProvider clock)
{
    private const int OwnerLocks = 12;
    private const int VillageLocks = 13;

    /// <summary>
    /// How long a unit of work waits for another's locks before it fails. A wait lasts as long as the transaction it
    /// waits for, and those chain (a feed's batch waits for an event batch that waits for a water feed's batch): in a
    /// first start of the full county an appraisal feed waited 32 s and, cut by the connection's 30-s command timeout,
    /// failed whole. Waiting is the point of the lock, so it has a bound of its own.
    /// </summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromMinutes(10);

    private readonly HashSet<Guid> loaded = [];
    private readonly HashSet<string> ownersLoaded = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, (string Village, string Township)> places = [];
    private readonly Dictionary<(Guid, Guarantee), GuaranteeState> states = [];
    private readonly Dictionary<Guid, RelocationCase> cases = [];
    private readonly Dictionary<Guid, List<HousingAppraisal>> appraisals = [];
    private readonly Dictionary<Guid, List<RenovationProject>> renovations = [];
    private readonly Dictionary<string, List<IHouseRecord>> housesByOwner = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, HashSet<Guid>> scatteredSupply = [];
    private Dictionary<Guid, WaterProject>? projects;
    private Dictionary<string, List<WaterProject>>? centralisedByVillage;

    /// <summary>Loads what the book keeps for these households (those loaded already are skipped), their place from the replica.</summary>
    public async Task LoadAsync(IReadOnlyCollection<Guid> householdIds, CancellationToken cancellationToken)
    {
        var ids = householdIds.Where(loaded.Add).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        foreach (var household in await db.ReplicaHouseholds.Where(h => ids.Contains(h.Id)).Select(h => new { h.Id, h.VillageCode, h.TownshipCode }).ToListAsync(cancellationToken))
        {
            places.TryAdd(household.Id, (household.VillageCode, household.TownshipCode));
        }

        foreach (var state in await db.Guarantees.Where(g => ids.Contains(g.HouseholdId)).ToListAsync(cancellationToken))
        {
            states[(state.HouseholdId, state.Guarantee)] = state;
        }

        foreach (var relocation in await db.Cases.Where(c => ids.Contains(c.HouseholdId)).ToListAsync(cancellationToken))
        {
            cases[relocation.HouseholdId] = relocation;
        }

        foreach (var appraisal in await db.Appraisals.Where(a => a.HouseholdId != null && ids.Contains(a.HouseholdId.Value)).ToListAsync(cancellationToken))
        {
            Index(appraisal);
        }

        foreach (var renovation in await db.Renovations.Where(r => r.HouseholdId != null && ids.Contains(r.HouseholdId.Value)).ToListAsync(cancellationToken))
        {
            Index(renovation);
        }

        foreach (var served in await db.WaterProjectHouseholds.Where(s => ids.Contains(s.HouseholdId)).ToListAsync(cancellationToken))
        {
            SupplyOf(served.HouseholdId).Add(served.ProjectId);
        }
    }

    /// <summary>Loads the houses owned by these people (registered or not), so that a household followed now finds them.</summary>
    public async Task LoadHousesOfOwnersAsync(IReadOnlyCollection<string> idNumbers, CancellationToken cancellationToken)
    {
        var numbers = idNumbers.Where(ownersLoaded.Add).ToArray();
        if (numbers.Length == 0)
        {
            return;
        }

        foreach (var appraisal in await db.Appraisals.Where(a => numbers.Contains(a.OwnerIdNumber)).ToListAsync(cancellationToken))
        {
            IndexByOwner(appraisal);
            if (appraisal.HouseholdId is { } household && loaded.Contains(household))
            {
                Index(appraisal);
            }
        }

        foreach (var renovation in await db.Renovations.Where(r => numbers.Contains(r.OwnerIdNumber)).ToListAsync(cancellationToken))
        {
            IndexByOwner(renovation);
            if (renovation.HouseholdId is { } household && loaded.Contains(household))
            {
                Index(renovation);
            }
        }

        foreach (var toilet in await db.Toilets.Where(t => numbers.Contains(t.OwnerIdNumber)).ToListAsync(cancellationToken))
        {
            IndexByOwner(toilet);
        }
    }

    /// <summary>
    /// Serialises, per person, a feed that files houses by their owners with the registry's events that bring
    /// those owners: whichever commits second sees the other's rows, so a house and its household always meet.
    /// Keys are taken in order (no deadlock between two such transactions); the transaction ends them.
    /// </summary>
    public Task LockOwnersAsync(IReadOnlyCollection<string> idNumbers, CancellationToken cancellationToken) =>
        LockAsync(idNumbers, OwnerLocks, cancellationToken);

    /// <summary>
    /// Locks what serves these villages with water until the transaction ends. A batch that places households in a village
    /// and a write that changes what serves it (a project, a test) take turns: otherwise each reads the other's state from
    /// before it committed, and a household registered while its village's water was tested stayed "not met" for good.
    /// </summary>
    public Task LockVillagesAsync(IEnumerable<string> villageCodes, CancellationToken cancellationToken) =>
        LockAsync([.. villageCodes], VillageLocks, cancellationToken);

    // Transaction-level advisory locks, taken in one statement in key order (so two takers never wait on each other in turn).
    private async Task LockAsync(IReadOnlyCollection<string> names, int space, CancellationToken cancellationToken)
    {
        if (names.Count == 0)
        {
            return;
        }

        var commandTimeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(LockWait);
        try
        {
            await db.Database.ExecuteSqlRawAsync(
                "SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT DISTINCT hashtextextended(n, @space) AS k FROM unnest(@names) AS n ORDER BY 1) AS keys",
                [new NpgsqlParameter<string[]>("names", names.Distinct(StringComparer.Ordinal).ToArray()), new NpgsqlParameter<long>("space", space)],
                cancellationToken);
        }
        finally
        {
            db.Database.SetCommandTimeout(commandTimeout);
        }
    }

    /// <summary>A household's place as the unit of work knows it (the registry's, through the replica).</summary>
    public void Place(Guid householdId, string villageCode, string townshipCode)
    {
        loaded.Add(householdId);
        places[householdId] = (villageCode, townshipCode);
        if (cases.TryGetValue(householdId, out var relocation))
        {
            // The case follows the household (its scope is the household's place).
            relocation.VillageCode = villageCode;
            relocation.TownshipCode = townshipCode;
        }
    }

    public bool Knows(Guid householdId) => places.ContainsKey(householdId);

    public (string Village, string Township)? PlaceOf(Guid householdId) => places.TryGetValue(householdId, out var place) ? place : null;

    /// <summary>
    /// Files the houses this member owns (by ID number and name, as the registry has them) under the member's
    /// household; true when one was filed anew (the household's housing is assessed again).
    /// </summary>
    public bool FileHousesOf(Guid householdId, string idNumber, string name)
    {
        if (!housesByOwner.TryGetValue(idNumber, out var houses))
        {
            return false;
        }

        var filed = false;
        foreach (var house in houses.Where(h => h.HouseholdId != householdId && string.Equals(h.OwnerName, name, StringComparison.Ordinal)))
        {
            if (house.HouseholdId is { } previous)
            {
                // The owner moved to another household in the registry: the house goes with them.
                Unindex(house, previous);
            }

            house.HouseholdId = householdId;
            filed = true;
            switch (house)
            {
                case HousingAppraisal appraisal:
                    Index(appraisal);
                    break;
                case RenovationProject renovation:
                    Index(renovation);
                    break;
            }
        }

        return filed;
    }

    public RelocationCase? CaseOf(Guid householdId) => cases.GetValueOrDefault(householdId);

    public void Add(RelocationCase relocation)
    {
        db.Cases.Add(relocation);
        cases[relocation.HouseholdId] = relocation;
    }

    public void Add(HousingAppraisal appraisal)
    {
        db.Appraisals.Add(appraisal);
        IndexByOwner(appraisal);
        if (appraisal.HouseholdId is not null)
        {
            Index(appraisal);
        }
    }

    public void Add(RenovationProject renovation)
    {
        db.Renovations.Add(renovation);
        IndexByOwner(renovation);
        if (renovation.HouseholdId is not null)
        {
            Index(renovation);
        }
    }

    /// <summary>A changed renovation (accepted now) already in the unit of work.</summary>
    public void Changed(RenovationProject renovation)
    {
        if (renovation.HouseholdId is not null)
        {
            Index(renovation);
        }
    }

    /// <summary>A project new or changed in this unit of work (the catalogue reads it from here, not the database).</summary>
    public void Track(WaterProject project)
    {
        if (projects is null)
        {
            return; // loaded later from the unit of work
        }

        projects[project.Id] = project;
        IndexCentralised();
    }

    public void Serve(WaterProject project, Guid householdId)
    {
        if (SupplyOf(householdId).Add(project.Id))
        {
            db.WaterProjectHouseholds.Add(new WaterProjectHousehold { ProjectId = project.Id, HouseholdId = householdId });
        }
    }

    public IReadOnlySet<Guid> ScatteredSuppliesOf(Guid householdId) => SupplyOf(householdId);

    /// <summary>
    /// Assesses both guarantees of each household (their place known to the book) and tells the registry what
    /// is new: the first assessment of a household, and every change between met and not met.
    /// </summary>
    public async Task AssessAsync(IEnumerable<Guid> householdIds, CancellationToken cancellationToken)
    {
        await EnsureWaterCatalogueAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var householdId in householdIds.Distinct())
        {
            if (!places.TryGetValue(householdId, out var place))
            {
                continue; // not a household the pillar follows
            }

            Take(householdId, Guarantee.SafeHousing, HousingVerdict(householdId), now);
            Take(householdId, Guarantee.SafeDrinkingWater, SafeWater.Assess(SuppliesOf(householdId, place.Village), standards.Value), now);
        }
    }

    public Verdict HousingVerdict(Guid householdId) =>
        SafeHousing.Assess(
            cases.GetValueOrDefault(householdId),
            SafeHousing.Latest(appraisals.GetValueOrDefault(householdId) ?? []),
            SafeHousing.LatestAccepted(renovations.GetValueOrDefault(householdId) ?? []));

    /// <summary>Every project in the unit of work, read once (about a thousand in a county).</summary>
    public async Task<IReadOnlyDictionary<Guid, WaterProject>> WaterCatalogueAsync(CancellationToken cancellationToken)
    {
        await EnsureWaterCatalogueAsync(cancellationToken);
        return projects!;
    }

    private IEnumerable<WaterSupply> SuppliesOf(Guid householdId, string village)
    {
        var central = centralisedByVillage!.GetValueOrDefault(village) ?? [];
        var scattered = SupplyOf(householdId).Select(id => projects!.GetValueOrDefault(id)).OfType<WaterProject>();
        return central.Concat(scattered).Select(p => p.ToSupply());
    }

    private void Take(Guid householdId, Guarantee guarantee, Verdict verdict, DateTimeOffset now)
    {
        if (states.TryGetValue((householdId, guarantee), out var state))
        {
            if (state.Apply(verdict, now))
            {
                db.AddIntegrationEvent(state.ToEvent(now), clock);
            }

            return;
        }

        state = GuaranteeState.First(householdId, guarantee, verdict, now);
        states[(householdId, guarantee)] = state;
        db.Guarantees.Add(state);
        db.AddIntegrationEvent(state.ToEvent(now), clock);
    }

    private async Task EnsureWaterCatalogueAsync(CancellationToken cancellationToken)
    {
        if (projects is not null)
        {
            return;
        }

        projects = (await db.WaterProjects.ToListAsync(cancellationToken)).ToDictionary(p => p.Id);
        foreach (var added in db.ChangeTracker.Entries<WaterProject>().Where(e => e.State == EntityState.Added))
        {
            projects[added.Entity.Id] = added.Entity;
        }

        IndexCentralised();
    }

    private void IndexCentralised() =>
        centralisedByVillage = projects!.Values
            .Where(p => p.Kind == WaterProjectKind.Centralised)
            .SelectMany(p => p.ServedVillages.Select(v => (Village: v, Project: p)))
            .GroupBy(x => x.Village, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Project).ToList(), StringComparer.Ordinal);

    private HashSet<Guid> SupplyOf(Guid householdId)
    {
        if (!scatteredSupply.TryGetValue(householdId, out var set))
        {
            scatteredSupply[householdId] = set = [];
        }

        return set;
    }

    private void Index(HousingAppraisal appraisal) => AddOnce(appraisals, appraisal.HouseholdId!.Value, appraisal);

    private void Index(RenovationProject renovation) => AddOnce(renovations, renovation.HouseholdId!.Value, renovation);

    private void Unindex(IHouseRecord house, Guid householdId)
    {
        switch (house)
        {
            case HousingAppraisal appraisal:
                appraisals.GetValueOrDefault(householdId)?.Remove(appraisal);
                break;
            case RenovationProject renovation:
                renovations.GetValueOrDefault(householdId)?.Remove(renovation);
                break;
        }
    }

    private void IndexByOwner(IHouseRecord house)
    {
        if (!housesByOwner.TryGetValue(house.OwnerIdNumber, out var list))
        {
            housesByOwner[house.OwnerIdNumber] = list = [];
        }

        if (!list.Contains(house))
        {
            list.Add(house);
        }
    }

    private static void AddOnce<T>(Dictionary<Guid, List<T>> index, Guid key, T item)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        if (!list.Contains(item))
        {
            list.Add(item);
        }
    }
}
