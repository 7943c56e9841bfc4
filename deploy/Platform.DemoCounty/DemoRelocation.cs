using System.Globalization;
using Platform.Contracts;
using Platform.Contracts.Grpc.Relocation.V1;
using Platform.Contracts.People;

namespace Platform.DemoCounty;

/// <summary>
/// The demo county's relocation, housing and water data, derived deterministically from its households and
/// villages (the seed's figures at scale 1): 682 resettlement sites with the seven facilities; 23,159 households
/// / 66,897 people moved into them; 46,844 households made safe — 23,159 by relocation, 9,400 by the 2019–2020
/// non-differentiated renovation (poor and non-poor alike) and 14,285 by earlier renovations and scattered
/// resettlement; 36,604 sanitary toilets; 228 centralised and 870 scattered water projects, every one tested;
/// and every registered household's housing and water safe. Household-based figures scale with the county;
/// sites and water projects (like villages) do not.
/// </summary>
public sealed class DemoRelocation
{
    public const int Sites = 682;
    public const int SeedRelocatedHouseholds = 23_159;
    public const int SeedRelocatedPeople = 66_897;
    public const int SeedMadeSafe = 46_844;
    public const int SeedNonDifferentiated = 9_400;

    /// <summary>Of the other 14,285: scattered resettlement (分散安置) — the rest are earlier renovations.</summary>
    public const int SeedScattered = 3_285;

    /// <summary>Of the 9,400 non-differentiated renovations: registered households; the rest are not registered as poor.</summary>
    public const int SeedNonDifferentiatedRegistered = 6_100;
    public const int SeedToilets = 36_604;
    public const int CentralisedProjects = 228;
    public const int ScatteredProjects = 870;

    /// <summary>Villages without a centralised supply (remote hamlets served by wells and cisterns).</summary>
    public const int DryVillages = 40;

    private const string Agency = "房县房屋安全鉴定站";
    private static readonly string[] Facilities = ["service-centre", "clinic", "school", "culture-square", "workshop", "shop", "sanitation"];
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private readonly IReadOnlyList<DemoHousehold> households;
    private readonly Dictionary<string, Kind> kinds;
    private readonly Dictionary<string, int> siteOf;
    private readonly IReadOnlyList<(string Code, string Name, string Mode, string Village)> sites;
    private readonly IReadOnlyList<(string IdNumber, string Name, string Village)> notRegistered;
    private readonly HashSet<string> toilets;
    private readonly IReadOnlyList<Village> villages;
    private readonly HashSet<string> dry;

    public DemoRelocation(DemoCountyGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        households = generator.Households().ToList();
        villages = DemoCountyGenerator.County().Villages.ToList();
        var scale = generator.Scale;
        RelocatedHouseholds = Scaled(SeedRelocatedHouseholds, scale);
        RelocatedPeople = Scaled(SeedRelocatedPeople, scale);
        ScatteredHouseholds = Scaled(SeedScattered, scale);
        NonDifferentiated = Scaled(SeedNonDifferentiated, scale);
        NonDifferentiatedRegistered = Math.Min(NonDifferentiated, Scaled(SeedNonDifferentiatedRegistered, scale));
        MadeSafe = Scaled(SeedMadeSafe, scale);
        EarlierRenovations = MadeSafe - RelocatedHouseholds - ScatteredHouseholds - NonDifferentiated;
        Toilets = Scaled(SeedToilets, scale);

        // Households in a fixed pseudo-random order: who was relocated, renovated, given a toilet.
        var order = households.OrderBy(h => Pick(h.HouseholdNumber)).ThenBy(h => h.HouseholdNumber, StringComparer.Ordinal).ToList();
        var relocated = Relocated(order, RelocatedHouseholds, RelocatedPeople);
        var rest = new Queue<DemoHousehold>(order.Where(h => !relocated.Contains(h.HouseholdNumber)));
        kinds = households.ToDictionary(h => h.HouseholdNumber, _ => Kind.AppraisedSafe, StringComparer.Ordinal);
        foreach (var number in relocated)
        {
            kinds[number] = Kind.Relocated;
        }

        foreach (var (kind, count) in new[] { (Kind.Scattered, ScatteredHouseholds), (Kind.EarlierRenovation, EarlierRenovations), (Kind.NonDifferentiated, NonDifferentiatedRegistered) })
        {
            for (var i = 0; i < count && rest.Count > 0; i++)
            {
                kinds[rest.Dequeue().HouseholdNumber] = kind;
            }
        }

        toilets = order.Take(Toilets).Select(h => h.HeadNumber()).ToHashSet(StringComparer.Ordinal);
        dry = villages.Where((_, i) => i % 15 is 3 or 10).Take(DryVillages).Select(v => v.Code).ToHashSet(StringComparer.Ordinal);

        var siteList = new List<(string, string, string, string)>();
        for (var i = 0; i < Sites; i++)
        {
            var village = villages[i % villages.Count];
            var mode = i < 12 ? "welfare-home" : i % 3 == 0 ? "town-or-county" : "central-village";
            var kind = mode switch { "welfare-home" => "福利院安置区", "town-or-county" => "集镇安置小区", _ => "中心村安置点" };
            siteList.Add((string.Create(C, $"AZD-{i + 1:000}"), $"{village.Name}{kind}{(i / villages.Count) + 1}号", mode, village.Code));
        }

        sites = siteList;
        var sitesByVillage = siteList.Select((s, i) => (s.Item4, i)).GroupBy(x => x.Item1).ToDictionary(g => g.Key, g => g.Select(x => x.i).ToList(), StringComparer.Ordinal);
        siteOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var group in households.Where(h => kinds[h.HouseholdNumber] == Kind.Relocated).GroupBy(h => h.VillageCode))
        {
            var own = sitesByVillage[group.Key];
            foreach (var (household, n) in group.Select((h, n) => (h, n)))
            {
                siteOf[household.HouseholdNumber] = own[n % own.Count];
            }
        }

        notRegistered = NotRegistered(NonDifferentiated - NonDifferentiatedRegistered);
    }

    private enum Kind
    {
        AppraisedSafe,
        Relocated,
        Scattered,
        EarlierRenovation,
        NonDifferentiated,
    }

    public int RelocatedHouseholds { get; }

    public int RelocatedPeople { get; }

    public int ScatteredHouseholds { get; }

    public int NonDifferentiated { get; }

    public int NonDifferentiatedRegistered { get; }

    public int EarlierRenovations { get; }

    public int MadeSafe { get; }

    public int Toilets { get; }

    public int HouseholdCount => households.Count;

    /// <summary>The 682 sites, each in a village, with all seven facilities, completed before anyone moved in.</summary>
    public IEnumerable<SiteRecord> SiteRecords()
    {
        var allocated = siteOf.Values.GroupBy(i => i).ToDictionary(g => g.Key, g => g.Count());
        return sites.Select((s, i) => new SiteRecord
        {
            ClientRef = s.Code, Code = s.Code, Name = s.Name, Mode = s.Mode, VillageCode = s.Village, CapacityHouseholds = Math.Max(20, allocated.GetValueOrDefault(i) + 10),
            CompletedOn = "2016-12-31", Facilities = { Facilities },
        });
    }

    /// <summary>A case for each relocated household: into its site, or scattered in its own village; most old houses demolished.</summary>
    public IEnumerable<CaseRecord> Cases()
    {
        foreach (var household in households.Where(h => kinds[h.HouseholdNumber] is Kind.Relocated or Kind.Scattered))
        {
            var pick = Pick(household.HouseholdNumber);
            var planned = new DateOnly(2016 + (pick % 3), 3, 1).AddDays(pick % 60);
            var allocated = planned.AddMonths(10);
            var movedIn = allocated.AddMonths(3);
            var site = kinds[household.HouseholdNumber] == Kind.Relocated ? sites[siteOf[household.HouseholdNumber]] : default;
            yield return new CaseRecord
            {
                ClientRef = household.ClientRef,
                Member = new PersonRef { IdNumber = household.Head.IdNumber, Name = household.Head.Name },
                Mode = site.Mode ?? "scattered",
                SiteCode = site.Code ?? string.Empty,
                PlannedOn = WireText.Date(planned),
                AllocatedOn = WireText.Date(allocated),
                HousingUnit = site.Code is null ? string.Empty : string.Create(C, $"{(pick % 12) + 1}栋{(pick % 3) + 1}单元{(pick % 6) + 1}0{(pick % 4) + 1}"),
                FloorArea = 20 * household.Members.Count,
                MovedInOn = WireText.Date(movedIn),
                DemolishedOn = pick % 20 == 0 ? string.Empty : WireText.Date(movedIn.AddMonths(6)),
                ReclaimedMu = pick % 20 == 0 ? string.Empty : string.Create(C, $"0.{20 + (pick % 30)}"),
            };
        }
    }

    /// <summary>
    /// One appraisal of every registered household's house (its new home for a relocated one, its old house before
    /// renovation for a renovated one — C or D — and A or B otherwise), and the houses of the non-registered
    /// households the non-differentiated action renovated.
    /// </summary>
    public IEnumerable<AppraisalRecord> Appraisals()
    {
        foreach (var household in households)
        {
            var pick = Pick(household.HouseholdNumber);
            var kind = kinds[household.HouseholdNumber];
            var (grade, on) = kind switch
            {
                Kind.Relocated or Kind.Scattered => ("a", CaseMovedIn(household).AddDays(20)),
                Kind.EarlierRenovation => (pick % 3 == 0 ? "d" : "c", Started(household, earlier: true).AddDays(-30)),
                Kind.NonDifferentiated => (pick % 3 == 0 ? "d" : "c", Started(household, earlier: false).AddDays(-30)),
                _ => (pick % 4 == 0 ? "a" : "b", new DateOnly(2019, 5, 1).AddDays(pick % 200)),
            };
            yield return Appraisal(household.ClientRef, household.Head.IdNumber, household.Head.Name, household.VillageCode, grade, on);
        }

        foreach (var (owner, i) in notRegistered.Select((o, i) => (o, i)))
        {
            yield return Appraisal(string.Create(C, $"FP-{i + 1:00000}"), owner.IdNumber, owner.Name, owner.Village, i % 3 == 0 ? "d" : "c", new DateOnly(2019, 3, 1).AddDays(i % 60));
        }
    }

    /// <summary>Earlier renovations (2015–2018) and the non-differentiated action (2019–2020), every one accepted.</summary>
    public IEnumerable<RenovationRecord> Renovations()
    {
        foreach (var household in households.Where(h => kinds[h.HouseholdNumber] is Kind.EarlierRenovation or Kind.NonDifferentiated))
        {
            var earlier = kinds[household.HouseholdNumber] == Kind.EarlierRenovation;
            yield return Renovation(household.ClientRef, household.Head.IdNumber, household.Head.Name, household.VillageCode, earlier, Started(household, earlier), Pick(household.HouseholdNumber));
        }

        foreach (var (owner, i) in notRegistered.Select((o, i) => (o, i)))
        {
            yield return Renovation(string.Create(C, $"FP-{i + 1:00000}"), owner.IdNumber, owner.Name, owner.Village, earlier: false, new DateOnly(2019, 4, 1).AddDays(i % 300), i);
        }
    }

    /// <summary>无害化卫生厕所 of 36,604 registered households (scaled).</summary>
    public IEnumerable<ToiletRecord> ToiletRecords()
    {
        string[] types = ["three-compartment", "double-urn", "biogas", "sewer"];
        foreach (var household in households.Where(h => toilets.Contains(h.HeadNumber())))
        {
            var pick = Pick(household.HouseholdNumber);
            yield return new ToiletRecord
            {
                ClientRef = household.ClientRef,
                Owner = new PersonRef { IdNumber = household.Head.IdNumber, Name = household.Head.Name },
                VillageCode = household.VillageCode,
                Type = types[pick % 4],
                CompletedOn = WireText.Date(new DateOnly(2018, 3, 1).AddDays(pick % 900)),
            };
        }
    }

    /// <summary>228 centralised projects over the 260 villages with a piped supply (32 of them serve two villages).</summary>
    public IEnumerable<WaterProjectRecord> CentralisedWater()
    {
        var wet = villages.Where(v => !dry.Contains(v.Code)).ToList();
        var at = 0;
        for (var i = 0; i < CentralisedProjects; i++)
        {
            var served = wet.Skip(at).Take(i < wet.Count - CentralisedProjects ? 2 : 1).ToList();
            at += served.Count;
            var record = new WaterProjectRecord
            {
                ClientRef = string.Create(C, $"JZ-{i + 1:000}"),
                Code = string.Create(C, $"JZGS-{i + 1:000}"),
                Name = served[0].Name + "集中供水工程",
                Kind = "centralised",
                VillageCode = served[0].Code,
                LitresPerPersonPerDay = 60 + (i % 5 * 10),
                RoundTripMinutes = 0,
                GuaranteeRatePercent = 95 + (i % 5),
                CompletedOn = WireText.Date(new DateOnly(2015, 6, 30).AddDays(i * 7)),
            };
            record.ServedVillageCodes.AddRange(served.Select(v => v.Code));
            yield return record;
        }
    }

    /// <summary>870 wells and cisterns in the 40 villages without a piped supply, each serving some of their registered households.</summary>
    public IEnumerable<WaterProjectRecord> ScatteredWater()
    {
        var dryVillages = villages.Where(v => dry.Contains(v.Code)).ToList();
        var projects = Enumerable.Range(0, ScatteredProjects).Select(i => (Index: i, Village: dryVillages[i % dryVillages.Count])).ToList();
        var served = projects.ToDictionary(p => p.Index, _ => new List<DemoHousehold>());
        foreach (var group in households.Where(h => dry.Contains(h.VillageCode)).GroupBy(h => h.VillageCode))
        {
            var own = projects.Where(p => p.Village.Code == group.Key).Select(p => p.Index).ToList();
            foreach (var (household, n) in group.Select((h, n) => (h, n)))
            {
                served[own[n % own.Count]].Add(household);
            }
        }

        foreach (var (i, village) in projects)
        {
            var record = new WaterProjectRecord
            {
                ClientRef = string.Create(C, $"FS-{i + 1:000}"),
                Code = string.Create(C, $"FSGS-{i + 1:000}"),
                Name = string.Create(C, $"{village.Name}分散供水工程{(i / dryVillages.Count) + 1}号"),
                Kind = "scattered",
                VillageCode = village.Code,
                LitresPerPersonPerDay = 40 + (i % 3 * 5),
                RoundTripMinutes = 5 + (i % 3 * 5),
                GuaranteeRatePercent = 95 + (i % 4),
                CompletedOn = WireText.Date(new DateOnly(2016, 4, 30).AddDays(i)),
            };
            record.ServedHouseholds.AddRange(served[i].Select(h => new PersonRef { IdNumber = h.Head.IdNumber, Name = h.Head.Name }));
            yield return record;
        }
    }

    /// <summary>The latest water-quality test of every project, passed (GB 5749).</summary>
    public static IEnumerable<WaterTestRecord> Tests(IEnumerable<WaterProjectRecord> projects) =>
        projects.Select((p, i) => new WaterTestRecord
        {
            ClientRef = p.Code, ProjectCode = p.Code, SampledOn = WireText.Date(new DateOnly(2020, 6, 1).AddDays(i % 90)), Passed = true,
            Laboratory = "房县疾病预防控制中心", ReportNumber = "SZ-2020-" + p.Code,
        });

    private static AppraisalRecord Appraisal(string clientRef, string idNumber, string name, string village, string grade, DateOnly on) => new()
    {
        ClientRef = clientRef, Owner = new PersonRef { IdNumber = idNumber, Name = name }, VillageCode = village, Grade = grade, AppraisedOn = WireText.Date(on),
        Agency = Agency, ReportNumber = "JD-" + clientRef,
    };

    private static RenovationRecord Renovation(string clientRef, string idNumber, string name, string village, bool earlier, DateOnly started, int pick) => new()
    {
        ClientRef = clientRef,
        Owner = new PersonRef { IdNumber = idNumber, Name = name },
        VillageCode = village,
        ProjectNumber = (earlier ? "WG-" : "WDB-") + clientRef,
        Programme = earlier ? "dilapidated-house" : "non-differentiated",
        Method = pick % 4 == 0 ? "rebuild" : "reinforcement",
        StartedOn = WireText.Date(started),
        AcceptedOn = WireText.Date(started.AddMonths(3)),
        AcceptedBy = "房县住房和城乡建设局验收组",
    };

    private DateOnly CaseMovedIn(DemoHousehold household)
    {
        var pick = Pick(household.HouseholdNumber);
        return new DateOnly(2016 + (pick % 3), 3, 1).AddDays(pick % 60).AddMonths(13);
    }

    private static DateOnly Started(DemoHousehold household, bool earlier)
    {
        var pick = Pick(household.HouseholdNumber);
        return earlier ? new DateOnly(2015, 3, 1).AddDays(pick % 1_300) : new DateOnly(2019, 3, 1).AddDays(pick % 400);
    }

    /// <summary>Relocated households in <paramref name="order"/>: the first <paramref name="count"/>, swapped until their people are exactly <paramref name="people"/>.</summary>
    private static HashSet<string> Relocated(List<DemoHousehold> order, int count, int people)
    {
        var chosen = order.Take(count).ToList();
        var others = order.Skip(count).ToList();
        var diff = people - chosen.Sum(h => h.Members.Count);
        for (var i = 0; diff != 0 && i < chosen.Count; i++)
        {
            var size = chosen[i].Members.Count;
            var want = size + Math.Clamp(diff, -3, 3);
            var swap = others.FindIndex(o => o.Members.Count == want);
            if (want < 1 || swap < 0)
            {
                continue;
            }

            diff -= want - size;
            (chosen[i], others[swap]) = (others[swap], chosen[i]);
        }

        return chosen.Select(h => h.HouseholdNumber).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Owners not registered as poor (non-differentiated renovation), with numbers no registered member has.</summary>
    private List<(string IdNumber, string Name, string Village)> NotRegistered(int count)
    {
        var registered = households.SelectMany(h => h.Members).Select(m => m.IdNumber).ToHashSet(StringComparer.Ordinal);
        var random = new Random(DemoCountyGenerator.CountyCode.GetHashCodeStable() + 12);
        var owners = new List<(string, string, string)>();
        for (var i = 0; owners.Count < count; i++)
        {
            var birthYear = 1950 + (i % 40);
            var birth = new DateOnly(birthYear, 1 + (i % 12), 1 + (i % 28));
            var id = ResidentIdNumber.Create(DemoCountyGenerator.CountyCode, birth, (i / 480 % 500 * 2) + 1).Value;
            if (!registered.Add(id))
            {
                continue;
            }

            var name = ChineseNames.Surnames.Next(random) + ChineseNames.GivenName(random, male: true, birthYear);
            owners.Add((id, name, villages[(i * 7) % villages.Count].Code));
        }

        return owners;
    }

    private static int Scaled(int seed, double scale) => (int)Math.Round(seed * scale, MidpointRounding.AwayFromZero);

    private static int Pick(string text) => Math.Abs(text.GetHashCodeStable() % 1_000_003);

}

internal static class DemoHouseholdKeys
{
    /// <summary>The head's ID number: the key of the household's house.</summary>
    public static string HeadNumber(this DemoHousehold household) => household.Head.IdNumber;
}
