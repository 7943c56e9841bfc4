using System.Globalization;
using Platform.Contracts;
using Platform.Contracts.Grpc.Industry.V1;

namespace Platform.DemoCounty;

/// <summary>A consumption sale of the demo county (消费扶贫), with the households it benefits and each one's share in yuan.</summary>
public sealed record DemoSale(string Key, string Product, string Channel, string Buyer, DateOnly SoldOn, decimal Amount, IReadOnlyList<(DemoHousehold Household, decimal Share)> Shares);

/// <summary>
/// The demo county's industry and jobs data (发展生产脱贫一批), derived deterministically from its households and the
/// seed's figures: 1.35 million mu of planting bases and 1.87 million head of goats, pigs and beef cattle; 3,493 new
/// market entities and 607 poverty workshops classified by the eight industry models; benefit links with their 2020
/// payments for the households lifted by industry (38,000 of the 48,181) and links or projects for the others covered
/// (96%); 5,316 workshop workers and 56,000 transferred labourers. The county-level records (bases, entities,
/// workshops) are the same at every scale; the household-level ones scale with the households.
/// </summary>
public sealed class DemoIndustry
{
    public const decimal PlantedMu = 1_350_000m;
    public const long LivestockHead = 1_870_000;
    public const int NewMarketEntities = 3_493;
    public const int Workshops = 607;
    public const int IndustryModels = 8;
    public const int LiftedByIndustry = 38_000;
    public const double Coverage = 0.96;
    public const int WorkshopWorkers = 5_316;
    public const int LabourTransferred = 56_000;

    /// <summary>Public-welfare posts of the demo (the seed names no figure): one household in twenty.</summary>
    public const int PublicWelfarePosts = 2_409;

    public const int Sales = 60;

    private const int LeadEnterprises = 160;
    private const int Cooperatives = 1_902;
    private const int CentralVillageWorkshops = 400;
    private static readonly string[] Planting = ["edible-fungi", "herbs", "yellow-wine", "tobacco", "tea"];
    private static readonly string[] Livestock = ["goats", "pigs", "beef-cattle"];
    private static readonly Dictionary<string, string> Names = new()
    {
        ["edible-fungi"] = "食用菌", ["herbs"] = "中药材", ["yellow-wine"] = "黄酒", ["tobacco"] = "烟叶", ["tea"] = "茶叶",
        ["goats"] = "山羊", ["pigs"] = "生猪", ["beef-cattle"] = "肉牛",
    };

    private static readonly Dictionary<string, string> ModelOf = new()
    {
        ["edible-fungi"] = "fungi-park-plus", ["herbs"] = "herbs-three-gold", ["yellow-wine"] = "wine-unified", ["tobacco"] = "tobacco-contract", ["tea"] = "tea-company-coop",
        ["goats"] = "livestock-entrusted", ["pigs"] = "livestock-entrusted", ["beef-cattle"] = "livestock-entrusted",
    };

    private static readonly (string Place, string Scope, string Employer)[] Destinations =
    [
        ("浙江省宁波市", "out-of-province", "宁波某电子有限公司"), ("广东省东莞市", "out-of-province", "东莞某鞋业有限公司"), ("江苏省苏州市", "out-of-province", "苏州某精密制造有限公司"),
        ("湖北省武汉市", "in-province", "武汉某建筑劳务有限公司"), ("湖北省十堰市", "in-province", "十堰某汽车零部件有限公司"),
    ];

    private static readonly string[] Posts = ["护路员", "保洁员", "水管员", "治安巡逻员", "光伏电站管护员"];

    private readonly DemoCountyGenerator generator;
    private readonly Lazy<IReadOnlyList<DemoHousehold>> households;
    private readonly Lazy<Plan> plan;

    public DemoIndustry(DemoCountyGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        this.generator = generator;
        households = new(() => generator.Households().ToList());
        plan = new(MakePlan);
    }

    /// <summary>The share of the seed county's households this county has.</summary>
    private double Share => (double)generator.HouseholdCount / DemoCountyGenerator.SeedHouseholds;

    public int HouseholdCount => generator.HouseholdCount;

    public int ExpectedCovered => (int)Math.Round(generator.HouseholdCount * Coverage, MidpointRounding.AwayFromZero);

    public int ExpectedLifted => Scaled(LiftedByIndustry);

    public int ExpectedWorkshopWorkers => Scaled(WorkshopWorkers);

    public int ExpectedTransferred => Scaled(LabourTransferred);

    public int ExpectedPosts => Scaled(PublicWelfarePosts);

    /// <summary>3,493 new market entities (lead enterprises, cooperatives, family farms) and 607 workshops, spread over the villages.</summary>
    public IReadOnlyList<EntityRecord> Entities() => plan.Value.Entities;

    /// <summary>Two planting bases and one livestock base per village: 1,350,000 mu and 1,870,000 head in all.</summary>
    public IReadOnlyList<BaseRecord> Bases() => plan.Value.Bases;

    public IReadOnlyList<LinkRecord> Links() => plan.Value.Links;

    public IReadOnlyList<PaymentRecord> Payments() => plan.Value.Payments;

    public IReadOnlyList<ProjectRecord> Projects() => plan.Value.Projects;

    public IReadOnlyList<EmploymentRecord> Employment() => plan.Value.Employment;

    public IReadOnlyList<DemoSale> ConsumptionSales() => plan.Value.Sales;

    private int Scaled(int seedFigure) => (int)Math.Round(seedFigure * Share, MidpointRounding.AwayFromZero);

    private Plan MakePlan()
    {
        var c = CultureInfo.InvariantCulture;
        var county = DemoCountyGenerator.County();
        var townships = county.Townships.ToList();
        var villages = county.Villages.ToList();
        var specialty = townships.Select((t, i) => (t.Code, Planting: Planting[i % Planting.Length], Second: Planting[(i + 2) % Planting.Length], Livestock: Livestock[i % Livestock.Length]))
            .ToDictionary(t => t.Code);

        // Entities: lead enterprises, cooperatives and family farms over every village in turn; then the workshops.
        var entities = new List<EntityRecord>(NewMarketEntities + Workshops);
        var entitiesByTownship = townships.ToDictionary(t => t.Code, _ => new List<EntityRecord>());
        for (var e = 0; e < NewMarketEntities; e++)
        {
            var village = villages[e % villages.Count];
            var place = specialty[village.TownshipCode];
            var industry = (e / villages.Count) % 3 == 2 ? place.Livestock : (e / villages.Count) % 3 == 1 ? place.Second : place.Planting;
            var (kind, name) = e switch
            {
                < LeadEnterprises => ("lead-enterprise", string.Create(c, $"房县{village.Name[..^1]}{Names[industry]}产业发展有限公司")),
                < LeadEnterprises + Cooperatives => ("cooperative", string.Create(c, $"房县{village.Name[..^1]}{Names[industry]}专业合作社{(e / villages.Count) + 1}")),
                _ => ("family-farm", string.Create(c, $"房县{village.Name[..^1]}{ChineseSurname(e)}氏{Names[industry]}家庭农场")),
            };
            var record = new EntityRecord
            {
                ClientRef = string.Create(c, $"E{e + 1:00000}"), Code = string.Create(c, $"93420325DEMO{e + 1:00000}"), Kind = kind, Name = name, VillageCode = village.Code,
                Industry = industry, Model = e % 11 == 5 ? "asset-dividend" : e % 13 == 7 ? "e-commerce-plus" : ModelOf[industry], FoundedOn = string.Create(c, $"{2013 + (e % 7)}-0{1 + (e % 9)}-15"),
            };
            entities.Add(record);
            entitiesByTownship[village.TownshipCode].Add(record);
        }

        var workshopsByTownship = townships.ToDictionary(t => t.Code, _ => new List<EntityRecord>());
        var poorVillages = villages.Where(v => v.IsPoorVillage).ToList();
        for (var w = 0; w < Workshops; w++)
        {
            var atSite = w >= CentralVillageWorkshops;
            var village = atSite ? poorVillages[w % poorVillages.Count] : villages[(w * 7) % villages.Count];
            var record = new EntityRecord
            {
                ClientRef = string.Create(c, $"W{w + 1:000}"), Code = string.Create(c, $"92420325WS{w + 1:00000}"), Kind = "workshop",
                Name = string.Create(c, $"{village.Name}{(atSite ? "安置点" : string.Empty)}扶贫车间{(w / villages.Count) + 1}"),
                VillageCode = village.Code, Industry = specialty[village.TownshipCode].Planting, Model = ModelOf[specialty[village.TownshipCode].Planting],
                WorkshopSite = atSite ? "resettlement-site" : "central-village", SiteName = atSite ? village.Name + "易地扶贫搬迁安置点" : string.Empty,
            };
            entities.Add(record);
            workshopsByTownship[village.TownshipCode].Add(record);
        }

        // Bases: exactly the seed's mu and head, in parts weighted by a stable hash of the village.
        var planting = villages.SelectMany(v => new[] { (Village: v, Industry: specialty[v.TownshipCode].Planting, N: 1), (Village: v, Industry: specialty[v.TownshipCode].Second, N: 2) }).ToList();
        var mu = CountyLayout.Apportion((int)PlantedMu, [.. planting.Select(p => 0.5 + ((p.Village.Code + p.N).GetHashCodeStable() % 1000 / 1000.0))], 1);
        var herds = villages.Select(v => (Village: v, Industry: specialty[v.TownshipCode].Livestock)).ToList();
        var head = CountyLayout.Apportion((int)LivestockHead, [.. herds.Select(h => 0.5 + ((h.Village.Code + "h").GetHashCodeStable() % 1000 / 1000.0))], 1);
        var firstEntityOf = entities.Where(e => e.Kind != "workshop").GroupBy(e => (e.VillageCode, e.Industry)).ToDictionary(g => g.Key, g => g.First().Code);
        var bases = planting.Select((p, i) => new BaseRecord
        {
            ClientRef = string.Create(c, $"B{i + 1:0000}"), Code = string.Create(c, $"JD{p.Village.Code}{p.N}"), Name = string.Create(c, $"{p.Village.Name}{Names[p.Industry]}基地"),
            Industry = p.Industry, VillageCode = p.Village.Code, AreaMu = mu[i].ToString(c), EntityCode = firstEntityOf.GetValueOrDefault((p.Village.Code, p.Industry), string.Empty),
            Model = ModelOf[p.Industry],
        }).Concat(herds.Select((h, i) => new BaseRecord
        {
            ClientRef = string.Create(c, $"H{i + 1:0000}"), Code = string.Create(c, $"JD{h.Village.Code}3"), Name = string.Create(c, $"{h.Village.Name}{Names[h.Industry]}养殖基地"),
            Industry = h.Industry, VillageCode = h.Village.Code, Head = head[i], EntityCode = firstEntityOf.GetValueOrDefault((h.Village.Code, h.Industry), string.Empty),
            Model = ModelOf[h.Industry],
        })).ToList();

        // Households: the lifted among the exited, then the others covered, each in the order of a stable hash.
        var ordered = households.Value.OrderBy(h => h.HouseholdNumber.GetHashCodeStable()).ThenBy(h => h.Index).ToList();
        var lifted = ordered.Where(h => h.ExitYear <= 2020).Take(ExpectedLifted).ToList();
        var liftedSet = lifted.Select(h => h.Index).ToHashSet();
        var coveredOnly = ordered.Where(h => !liftedSet.Contains(h.Index)).Take(Math.Max(0, ExpectedCovered - lifted.Count)).ToList();
        var links = new List<LinkRecord>();
        var payments = new List<PaymentRecord>();
        var projects = new List<ProjectRecord>();
        foreach (var (household, n) in lifted.Select((h, n) => (h, n)))
        {
            var pick = household.HouseholdNumber.GetHashCodeStable();
            // A wage link's worker is at least 16 when it starts (2017 at the earliest): 22 or more at the end of 2020.
            var worker = household.Members.FirstOrDefault(m => m.Age is >= 22 and <= 55 && m.LabourAbility == "normal");
            var kind = (pick % 20) switch
            {
                < 8 => "dividend",
                < 13 => "land-lease",
                < 18 => "contract-purchase",
                _ => worker is null ? "dividend" : "wage",
            };
            var holder = kind == "wage" ? worker! : household.Head;
            var entity = entitiesByTownship[household.TownshipCode][pick % entitiesByTownship[household.TownshipCode].Count];
            links.Add(new LinkRecord
            {
                ClientRef = household.ClientRef, EntityCode = entity.Code, Kind = kind, IdNumber = holder.IdNumber, Name = holder.Name,
                StartedOn = WireText.Date(new DateOnly(2017, 1, 1).AddDays(pick % 1000)),
            });
            var amount = kind switch
            {
                "dividend" => 300 + (pick % 1200),
                "land-lease" => 400 + (pick % 1600),
                "contract-purchase" => 1500 + (pick % 4500),
                _ => 3000 + (pick % 9000),
            };
            payments.Add(new PaymentRecord
            {
                ClientRef = household.ClientRef, EntityCode = entity.Code, LinkKind = kind, IdNumber = holder.IdNumber, Name = holder.Name,
                Reference = string.Create(c, $"FX2020-{household.HouseholdNumber}"), PaidOn = string.Create(c, $"2020-12-{10 + (pick % 18):00}"), AmountFen = amount * 100L,
            });
            if (n % 3 == 0)
            {
                projects.Add(Project(household, specialty[household.TownshipCode], pick, c));
            }
        }

        foreach (var (household, n) in coveredOnly.Select((h, n) => (h, n)))
        {
            var pick = household.HouseholdNumber.GetHashCodeStable();
            if (n % 2 == 0)
            {
                projects.Add(Project(household, specialty[household.TownshipCode], pick, c));
                continue;
            }

            // A link made this winter whose first payment is not due yet: coverage, not lifting.
            var entity = entitiesByTownship[household.TownshipCode][pick % entitiesByTownship[household.TownshipCode].Count];
            links.Add(new LinkRecord
            {
                ClientRef = household.ClientRef, EntityCode = entity.Code, Kind = "contract-purchase", IdNumber = household.Head.IdNumber, Name = household.Head.Name, StartedOn = "2020-11-01",
            });
        }

        return new Plan(entities, bases, links, payments, projects, Jobs(ordered, workshopsByTownship, c), SalesOf(lifted, c));
    }

    private static ProjectRecord Project(DemoHousehold household, (string Code, string Planting, string Second, string Livestock) place, int pick, CultureInfo c)
    {
        var livestock = pick % 4 == 0;
        var industry = livestock ? place.Livestock : place.Planting;
        var scale = livestock ? 5 + (pick % 36) : 1 + (pick % 90 / 10m);
        return new ProjectRecord
        {
            ClientRef = household.ClientRef, IdNumber = household.Head.IdNumber, Name = household.Head.Name, Industry = industry, Model = ModelOf[industry],
            Description = string.Create(c, $"{(livestock ? "养殖" : "种植")}{Names[industry]}{scale:0.#}{(livestock ? "头" : "亩")}"), Scale = scale.ToString(c),
            Year = 2018 + (pick % 3), Policy = livestock ? "livestock" : "planting",
        };
    }

    /// <summary>
    /// Working members (17–60 at the end of 2020, so at least 16 when a job starts; able to work): the transferred first
    /// (full labour before weak), then the workshops' workers, then the posts.
    /// </summary>
    private IReadOnlyList<EmploymentRecord> Jobs(IReadOnlyList<DemoHousehold> ordered, Dictionary<string, List<EntityRecord>> workshopsByTownship, CultureInfo c)
    {
        var workers = ordered
            .SelectMany(h => h.Members.Where(m => m.Age is >= 17 and <= 60 && m.LabourAbility is "normal" or "weak").Select(m => (Household: h, Member: m)))
            .OrderBy(x => x.Member.IdNumber.GetHashCodeStable()).ThenBy(x => x.Member.IdNumber, StringComparer.Ordinal)
            .ToList();
        var jobs = new List<EmploymentRecord>(ExpectedTransferred + ExpectedWorkshopWorkers + ExpectedPosts);
        foreach (var (_, member) in workers.OrderBy(w => w.Member.LabourAbility == "normal" ? 0 : 1).Take(ExpectedTransferred))
        {
            var pick = member.IdNumber.GetHashCodeStable();
            var (place, scope, employer) = Destinations[pick % Destinations.Length];
            var month = 2 + (pick % 3);
            jobs.Add(Job(member, "transferred-out", employer, string.Empty, place, scope, month, 12 - month + 1 - (pick % 3), 3000 + (pick % 2500), c));
        }

        var taken = jobs.Select(j => j.IdNumber).ToHashSet(StringComparer.Ordinal);
        var remaining = workers.Where(w => !taken.Contains(w.Member.IdNumber)).ToList();
        foreach (var (household, member) in remaining.Where(w => workshopsByTownship[w.Household.TownshipCode].Count > 0).Take(ExpectedWorkshopWorkers))
        {
            var pick = member.IdNumber.GetHashCodeStable();
            var workshops = workshopsByTownship[household.TownshipCode];
            jobs.Add(Job(member, "workshop", string.Empty, workshops[pick % workshops.Count].Code, string.Empty, string.Empty, 3, 6 + (pick % 5), 1500 + (pick % 1100), c));
            taken.Add(member.IdNumber);
        }

        foreach (var (_, member) in remaining.Where(w => !taken.Contains(w.Member.IdNumber)).Take(ExpectedPosts))
        {
            var pick = member.IdNumber.GetHashCodeStable();
            jobs.Add(Job(member, "public-welfare-post", Posts[pick % Posts.Length], string.Empty, string.Empty, string.Empty, 1, 12, 500 + (pick % 300), c));
        }

        return jobs;
    }

    private static EmploymentRecord Job(DemoMember member, string kind, string employer, string workshop, string destination, string scope, int month, int months, int monthlyWage, CultureInfo c) => new()
    {
        ClientRef = member.IdNumber[^6..], IdNumber = member.IdNumber, Name = member.Name, Kind = kind, Employer = employer, WorkshopCode = workshop, Destination = destination,
        DestinationScope = scope, StartedOn = string.Create(c, $"2020-{month:00}-01"), Months = months, MonthlyWageFen = monthlyWage * 100L,
    };

    /// <summary>消费扶贫: sales of the lifted households' products through the county's channels, ten households a sale.</summary>
    private static IReadOnlyList<DemoSale> SalesOf(IReadOnlyList<DemoHousehold> lifted, CultureInfo c)
    {
        string[] products = ["房县香菇", "房县黑木耳", "房县黄酒", "武当道茶", "房县天麻", "房县土蜂蜜"];
        (string Channel, string Buyer)[] buyers =
        [
            ("public-procurement", "十堰市机关事务管理局食堂"), ("e-commerce", "扶贫832平台"), ("fair", "湖北省农产品展销会"), ("counterpart", "浙江省宁波市对口协作单位"),
        ];
        var sales = new List<DemoSale>();
        if (lifted.Count == 0)
        {
            return sales;
        }

        for (var s = 0; s < Sales; s++)
        {
            var shares = Enumerable.Range(0, Math.Min(10, lifted.Count))
                .Select(k => (Household: lifted[((s * 10) + k) % lifted.Count], Share: 200m + (((s * 37) + (k * 53)) % 800)))
                .DistinctBy(x => x.Household.Index)
                .ToList();
            var (channel, buyer) = buyers[s % buyers.Length];
            sales.Add(new DemoSale(
                string.Create(c, $"demo-sale-{s + 1:00}"), products[s % products.Length], channel, buyer, new DateOnly(2020, 1 + (s % 12), 8 + (s % 20)),
                decimal.Round(shares.Sum(x => x.Share) * 1.5m, 2), shares));
        }

        return sales;
    }

    private static readonly string[] FarmSurnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙"];

    private static string ChineseSurname(int n) => FarmSurnames[n % FarmSurnames.Length];

    private sealed record Plan(
        IReadOnlyList<EntityRecord> Entities, IReadOnlyList<BaseRecord> Bases, IReadOnlyList<LinkRecord> Links, IReadOnlyList<PaymentRecord> Payments,
        IReadOnlyList<ProjectRecord> Projects, IReadOnlyList<EmploymentRecord> Employment, IReadOnlyList<DemoSale> Sales);
}
