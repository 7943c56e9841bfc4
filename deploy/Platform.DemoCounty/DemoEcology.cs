using System.Globalization;
using Platform.Contracts.Grpc.Ecology.V1;

namespace Platform.DemoCounty;

/// <summary>
/// The demo county's ecology data, derived deterministically from its households: <see cref="SeedRangers"/>
/// forest rangers (生态护林员) selected from the poor population for <see cref="Year"/>, one per household, each
/// paid <see cref="AnnualPay"/> yuan, with the townships' quotas they fill; compensation for public-welfare
/// forest and returned farmland; <see cref="AfforestedMu"/> mu of afforestation (精准灭荒) and
/// <see cref="OrchardMu"/> mu of new cherry and yellow-peach orchards, with the households working on them.
/// </summary>
public sealed class DemoEcology
{
    /// <summary>生态护林员 selected from the poor population in the seed county.</summary>
    public const int SeedRangers = 8_625;

    /// <summary>Each ranger's extra income a year (yuan).</summary>
    public const decimal AnnualPay = 4_000m;

    /// <summary>精准灭荒 of the seed county, in mu.</summary>
    public const decimal AfforestedMu = 4_375m;

    /// <summary>New cherry and yellow-peach orchards of the seed county, in mu.</summary>
    public const decimal OrchardMu = 52_000m;

    /// <summary>The campaign's last year: the rangers' contract year, the year paid and compensated.</summary>
    public const int Year = 2020;

    public const int AfforestationProjects = 25;

    public const int OrchardProjects = 40;

    /// <summary>Households of a project's village that work on it, at most.</summary>
    public const int HouseholdsPerProject = 20;

    // The pillar's default selection rules (services/ecology appsettings.json "Ecology:Rangers").
    private const int MinAge = 18;
    private const int MaxAge = 60;
    private const int MinDisabilityGrade = 3;

    private readonly IReadOnlyList<DemoHousehold> households;
    private readonly IReadOnlyList<(DemoHousehold Household, DemoMember Ranger)> rangers;

    public DemoEcology(DemoCountyGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        households = generator.Households().ToList();
        var wanted = (int)Math.Round(SeedRangers * generator.Scale, MidpointRounding.AwayFromZero);
        rangers = households
            .Where(h => !h.UnderMonitoring)
            .OrderBy(h => Pick(h.HouseholdNumber))
            .ThenBy(h => h.HouseholdNumber, StringComparer.Ordinal)
            .Select(h => (Household: h, Ranger: h.Members.Where(Able).OrderBy(m => Pick(m.IdNumber)).FirstOrDefault()))
            .Where(x => x.Ranger is not null)
            .Take(wanted)
            .Select(x => (x.Household, x.Ranger!))
            .ToList();
    }

    /// <summary>The rangers, one per household.</summary>
    public IReadOnlyList<(DemoHousehold Household, DemoMember Ranger)> Rangers => rangers;

    /// <summary>Each township's quota for the year: exactly the rangers it selects.</summary>
    public IReadOnlyDictionary<string, int> Quotas() =>
        rangers.GroupBy(r => r.Household.TownshipCode).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());

    public IEnumerable<RangerSelectionRecord> Selections() => rangers.Select(r => new RangerSelectionRecord
    {
        ClientRef = "R-" + r.Household.HouseholdNumber,
        IdNumber = r.Ranger.IdNumber,
        Name = r.Ranger.Name,
        Year = Year,
        PatrolArea = string.Create(CultureInfo.InvariantCulture, $"{r.Household.HouseholdNumber[^4..]}号管护责任区"),
        AreaMu = string.Create(CultureInfo.InvariantCulture, $"{800 + (Pick(r.Ranger.IdNumber) % 1200)}"),
    });

    /// <summary>One December patrol of each ranger.</summary>
    public IEnumerable<PatrolRecord> Patrols() => rangers.Select(r => new PatrolRecord
    {
        ClientRef = "P-" + r.Household.HouseholdNumber,
        IdNumber = r.Ranger.IdNumber,
        Name = r.Ranger.Name,
        PatrolledOn = "2020-12-05",
        Hours = "4.5",
        DistanceKm = string.Create(CultureInfo.InvariantCulture, $"{6 + (Pick(r.Ranger.IdNumber) % 8)}.5"),
    });

    /// <summary>Each ranger's pay for the year: what is due for a whole year in post.</summary>
    public IEnumerable<RangerPayRecord> Pay() => rangers.Select(r => new RangerPayRecord
    {
        ClientRef = "W-" + r.Household.HouseholdNumber,
        IdNumber = r.Ranger.IdNumber,
        Name = r.Ranger.Name,
        Year = Year,
        PaidOn = "2020-12-20",
        Note = "2020年生态护林员工资",
    });

    /// <summary>
    /// Compensation of the year to the head of household: public-welfare forest for about three households in
    /// ten (5–60 mu), returned farmland for about one in ten (0.5–6 mu).
    /// </summary>
    public IEnumerable<CompensationRecord> Compensation()
    {
        foreach (var household in households)
        {
            var pick = Pick(household.HouseholdNumber);
            var (kind, area) = (pick % 10) switch
            {
                < 3 => ("public-welfare-forest", 5m + (pick / 10 % 5500 / 100m)),
                3 => ("returned-farmland", 0.5m + (pick / 10 % 550 / 100m)),
                _ => (null, 0m),
            };
            if (kind is null)
            {
                continue;
            }

            yield return new CompensationRecord
            {
                ClientRef = "C-" + household.HouseholdNumber,
                IdNumber = household.Head.IdNumber,
                Name = household.Head.Name,
                Kind = kind,
                Year = Year,
                AreaMu = area.ToString("0.00", CultureInfo.InvariantCulture),
                PaidOn = "2020-11-20",
            };
        }
    }

    /// <summary>
    /// Afforestation in the first poor villages (4,375 mu in all), cherry and yellow-peach orchards in the next
    /// ones (52,000 mu in all), planted 2016–2020.
    /// </summary>
    public static IReadOnlyList<DemoProject> Projects()
    {
        var poor = DemoCountyGenerator.County().Villages.Where(v => v.IsPoorVillage).ToList();
        var projects = new List<DemoProject>();
        for (var i = 0; i < AfforestationProjects; i++)
        {
            var village = poor[i % poor.Count];
            projects.Add(new DemoProject(village.Name + "精准灭荒造林", "afforestation", null, village.Code, AfforestedMu / AfforestationProjects, 2016 + (i % 5), village.Name + "村民委员会"));
        }

        for (var i = 0; i < OrchardProjects; i++)
        {
            var village = poor[(AfforestationProjects + i) % poor.Count];
            var cherry = i % 2 == 0;
            projects.Add(new DemoProject(
                village.Name + (cherry ? "樱桃基地" : "黄桃基地"), "orchard", cherry ? "cherry" : "yellow-peach", village.Code, OrchardMu / OrchardProjects, 2016 + (i % 5), village.Name + "林果专业合作社"));
        }

        return projects;
    }

    /// <summary>
    /// The year's income of the households working on each project (up to <see cref="HouseholdsPerProject"/>
    /// of its village): wages on every project, a dividend on orchards.
    /// </summary>
    public IEnumerable<(DemoProject Project, ProjectIncomeRecord Income)> ProjectIncomes()
    {
        var byVillage = households.ToLookup(h => h.VillageCode, StringComparer.Ordinal);
        foreach (var project in Projects())
        {
            foreach (var household in byVillage[project.VillageCode].OrderBy(h => Pick(h.HouseholdNumber)).Take(HouseholdsPerProject))
            {
                var pick = Pick(household.HouseholdNumber);
                yield return (project, Income(project, household, "wage", 2_400m + (pick % 36 * 100m)));
                if (project.Kind == "orchard")
                {
                    yield return (project, Income(project, household, "dividend", 300m + (pick % 8 * 50m)));
                }
            }
        }
    }

    /// <summary>The pillar's default rules: 18–60 in the contract year by birth year, able to work, not seriously ill or gravely disabled.</summary>
    public static bool Able(DemoMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var age = Year - member.BirthDate.Year;
        return age is >= MinAge and <= MaxAge
            && member.LabourAbility is Vocabulary.LabourNormal or Vocabulary.LabourWeak
            && member.Health != Vocabulary.Serious
            && !(member.Health == Vocabulary.Disabled && member.DisabilityGrade < MinDisabilityGrade);
    }

    private static ProjectIncomeRecord Income(DemoProject project, DemoHousehold household, string kind, decimal amount) => new()
    {
        ClientRef = $"I-{household.HouseholdNumber}-{kind}",
        IdNumber = household.Head.IdNumber,
        Name = household.Head.Name,
        Kind = kind,
        Year = Year,
        Amount = amount.ToString("0.00", CultureInfo.InvariantCulture),
        Note = project.Name,
    };

    private static int Pick(string text) => Math.Abs(text.GetHashCodeStable() % 1_000_003);
}

/// <summary>An afforestation or orchard project of the demo county.</summary>
public sealed record DemoProject(string Name, string Kind, string? Crop, string VillageCode, decimal AreaMu, int Year, string Operator);
