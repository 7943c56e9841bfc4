using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Relocation.Data;
using Platform.Relocation.Domain;
using Platform.Relocation.Guarantees;

namespace Platform.Relocation.Water;

/// <summary>A water project as a feed or the portal states it (served households already matched to registered ones).</summary>
public sealed record WaterProjectInput(
    string Code, string Name, WaterProjectKind Kind, string VillageCode, IReadOnlyList<string> ServedVillages, IReadOnlyList<Guid> ServedHouseholds,
    int LitresPerPersonPerDay, int RoundTripMinutes, int GuaranteeRatePercent, DateOnly? CompletedOn);

/// <summary>A water-quality test as stated.</summary>
public sealed record WaterTestInput(DateOnly SampledOn, bool Passed, string? FailedIndicators, string Laboratory, string ReportNumber);

/// <summary>
/// Water projects and tests, shared by the water bureau's feed and the portal. A change to what a project
/// offers, or a test that becomes its latest, re-assesses the safe-water guarantee of every household the
/// project serves (its villages' households for a centralised one); the caller saves once.
/// </summary>
public sealed class WaterWrites(RelocationDbContext db, SafetyBook book, TimeProvider clock)
{
    public const int MaxServedVillages = 50;

    // What a feed's batch prepared at once (the database's state when the unit began, as the queries would read it).
    private readonly Dictionary<string, List<Guid>> householdsOfVillage = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, List<Guid>> householdsNamedBy = [];

    /// <summary>
    /// Loads at once what a feed's batch will touch — the registered households of these villages, the households
    /// these projects name, and the book's records of all of them and of <paramref name="households"/> — so that
    /// each record's save looks in memory instead of asking the database again (eight round trips a record before).
    /// </summary>
    public async Task PrepareAsync(IEnumerable<string> villages, IEnumerable<Guid> projectIds, IEnumerable<Guid> households, CancellationToken cancellationToken)
    {
        var newVillages = villages.Distinct(StringComparer.Ordinal).Where(v => !householdsOfVillage.ContainsKey(v)).ToList();
        foreach (var village in newVillages)
        {
            householdsOfVillage[village] = [];
        }

        if (newVillages.Count > 0)
        {
            await book.LockVillagesAsync(newVillages, cancellationToken);
            foreach (var household in await db.ReplicaHouseholds.Where(h => newVillages.Contains(h.VillageCode)).Select(h => new { h.Id, h.VillageCode }).ToListAsync(cancellationToken))
            {
                householdsOfVillage[household.VillageCode].Add(household.Id);
            }
        }

        var newProjects = projectIds.Distinct().Where(p => !householdsNamedBy.ContainsKey(p)).ToList();
        foreach (var project in newProjects)
        {
            householdsNamedBy[project] = [];
        }

        if (newProjects.Count > 0)
        {
            foreach (var served in await db.WaterProjectHouseholds.Where(s => newProjects.Contains(s.ProjectId)).ToListAsync(cancellationToken))
            {
                householdsNamedBy[served.ProjectId].Add(served.HouseholdId);
            }
        }

        await book.LoadAsync(
            householdsOfVillage.Values.SelectMany(h => h).Concat(householdsNamedBy.Values.SelectMany(h => h)).Concat(households).Distinct().ToList(),
            cancellationToken);
    }

    public static RuleResult Check(WaterProjectInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Kind == WaterProjectKind.Centralised && input.ServedHouseholds.Count > 0)
        {
            return RuleResult.Fail("servedHouseholds", "集中供水工程按村覆盖，不逐户登记");
        }

        if (input.Kind == WaterProjectKind.Scattered && input.ServedVillages.Any(v => v != input.VillageCode))
        {
            return RuleResult.Fail("servedVillages", "分散供水工程逐户登记受益户，不按村覆盖");
        }

        if (input.ServedVillages.Count > MaxServedVillages)
        {
            return RuleResult.Fail("servedVillages", $"受益村不超过{MaxServedVillages}个");
        }

        return WaterProject.CheckFigures(input.LitresPerPersonPerDay, input.RoundTripMinutes, input.GuaranteeRatePercent);
    }

    /// <summary>Creates the project or updates a known one (kind and village never change); returns whether it changed.</summary>
    public async Task<(WaterProject? Project, RuleResult Result, bool Changed)> SaveAsync(WaterProject? project, WaterProjectInput input, CancellationToken cancellationToken)
    {
        var check = Check(input);
        if (!check.Succeeded)
        {
            return (null, check, false);
        }

        var served = input.Kind == WaterProjectKind.Centralised
            ? input.ServedVillages.Append(input.VillageCode).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()
            : [input.VillageCode];
        var now = clock.GetUtcNow();
        var affectedVillages = new HashSet<string>(served, StringComparer.Ordinal);
        bool changed;
        if (project is null)
        {
            project = new WaterProject
            {
                Id = Guid.CreateVersion7(now), Code = input.Code, Name = input.Name, Kind = input.Kind, VillageCode = input.VillageCode, TownshipCode = input.VillageCode[..9], CreatedAt = now,
            };
            db.WaterProjects.Add(project);
            changed = true;
        }
        else
        {
            if (project.Kind != input.Kind || project.VillageCode != input.VillageCode)
            {
                return (null, RuleResult.Fail(project.Kind != input.Kind ? "kind" : "villageCode", $"工程{project.Code}的类别和所在村不能更改"), false);
            }

            affectedVillages.UnionWith(project.ServedVillages);
            changed = project.Name != input.Name || !project.ServedVillages.SequenceEqual(served) || project.LitresPerPersonPerDay != input.LitresPerPersonPerDay
                || project.RoundTripMinutes != input.RoundTripMinutes || project.GuaranteeRatePercent != input.GuaranteeRatePercent
                || (input.CompletedOn is not null && project.CompletedOn != input.CompletedOn);
        }

        project.Name = input.Name;
        project.ServedVillages = served;
        project.LitresPerPersonPerDay = input.LitresPerPersonPerDay;
        project.RoundTripMinutes = input.RoundTripMinutes;
        project.GuaranteeRatePercent = input.GuaranteeRatePercent;
        project.CompletedOn = input.CompletedOn ?? project.CompletedOn;
        project.UpdatedAt = now;
        book.Track(project);

        var households = await ServedAsync(project, input.Kind == WaterProjectKind.Centralised ? affectedVillages : [], cancellationToken);
        await book.LoadAsync(households.Concat(input.ServedHouseholds).ToList(), cancellationToken);
        foreach (var household in input.ServedHouseholds)
        {
            if (!book.ScatteredSuppliesOf(household).Contains(project.Id))
            {
                book.Serve(project, household);
                changed = true;
            }
        }

        if (changed)
        {
            await book.AssessAsync(households.Concat(input.ServedHouseholds), cancellationToken);
        }

        return (project, RuleResult.Ok, changed);
    }

    /// <summary>Records a test of a project; when it becomes the latest, the households served are assessed again.</summary>
    public async Task<WaterQualityTest> TestAsync(WaterProject project, WaterTestInput input, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow();
        var test = new WaterQualityTest
        {
            Id = Guid.CreateVersion7(now),
            ProjectId = project.Id,
            SampledOn = input.SampledOn,
            Passed = input.Passed,
            FailedIndicators = input.Passed ? null : input.FailedIndicators,
            Laboratory = input.Laboratory,
            ReportNumber = input.ReportNumber,
            RecordedAt = now,
            RecordedBy = by,
        };
        db.WaterTests.Add(test);
        var before = project.LatestTestPassed;
        if (project.Tested(test))
        {
            project.UpdatedAt = now;
            book.Track(project);
            if (before != project.LatestTestPassed)
            {
                var households = await ServedAsync(project, project.Kind == WaterProjectKind.Centralised ? project.ServedVillages : [], cancellationToken);
                await book.LoadAsync(households, cancellationToken);
                await book.AssessAsync(households, cancellationToken);
            }
        }

        return test;
    }

    /// <summary>The registered households a project serves: of its villages (centralised), or named (scattered).</summary>
    private async Task<List<Guid>> ServedAsync(WaterProject project, IReadOnlyCollection<string> villages, CancellationToken cancellationToken)
    {
        List<Guid> inVillages;
        if (villages.Count == 0)
        {
            inVillages = [];
        }
        else if (villages.All(householdsOfVillage.ContainsKey))
        {
            inVillages = villages.SelectMany(v => householdsOfVillage[v]).ToList();
        }
        else
        {
            await book.LockVillagesAsync(villages, cancellationToken);
            inVillages = await db.ReplicaHouseholds.Where(h => villages.Contains(h.VillageCode)).Select(h => h.Id).ToListAsync(cancellationToken);
        }

        var named = householdsNamedBy.TryGetValue(project.Id, out var prepared)
            ? prepared
            : await db.WaterProjectHouseholds.Where(s => s.ProjectId == project.Id).Select(s => s.HouseholdId).ToListAsync(cancellationToken);
        return inVillages.Concat(named).Distinct().ToList();
    }
}
