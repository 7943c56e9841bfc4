using System.Globalization;
using Platform.Contracts;
using Platform.Contracts.Grpc.Households.V1;

namespace Platform.DemoCounty;

/// <summary>
/// The demo county's campaign (脱贫攻坚, 2014–2020) as the national system recorded it, one village at a time for
/// <c>HouseholdRegistry.ImportCampaignHistory</c>: each household's income of its exit year above that year's line
/// and its six guarantees assessed by their owners; an exit batch per village and year through every step
/// (民主评议 → 核实 → 户确认 → 公示 7–10 days → 公告 → 退出), with a few objections dismissed; the village's own
/// exit (出列) once its incidence fell under 2%; 281 work teams with 913 stationed cadres and 281 first secretaries;
/// 11,090 cadres and 5,837 others paired with households (at most five each); today's monitoring flags in the three
/// categories. Deterministic from the generator's seed and scale; nothing depends on the clock.
/// </summary>
public sealed class DemoCampaign(DemoCountyGenerator generator)
{
    public const int WorkTeams = 281;
    public const int StationedCadres = 913;
    public const int FirstSecretaries = 281;
    public const int PairedCadres = 11_090;
    public const int PairedOthers = 5_837;

    /// <summary>农村常住居民人均可支配收入 of the county in 2020, and its average growth over the five years before.</summary>
    public const decimal FarmersIncome2020 = 11_109m;
    public const double FarmersIncomeGrowth = 0.0998;

    /// <summary>The national poverty line of each campaign year (as the registry is configured with it).</summary>
    public static IReadOnlyDictionary<int, decimal> PovertyLines { get; } = new Dictionary<int, decimal>
    {
        [2014] = 2800m, [2015] = 2855m, [2016] = 2952m, [2017] = 3335m, [2018] = 3535m, [2019] = 3747m, [2020] = 4000m,
    };

    /// <summary>贫困村出列: incidence below this.</summary>
    public const decimal VillageMaxIncidence = 0.02m;

    private static readonly string[] CountyUnits =
    [
        "县委办公室", "县政府办公室", "县纪委监委", "县委组织部", "县委宣传部", "县委统战部", "县委政法委", "县人大常委会办公室",
        "县政协办公室", "县发展和改革局", "县财政局", "县教育局", "县卫生健康局", "县人力资源和社会保障局", "县民政局",
        "县自然资源和规划局", "县住房和城乡建设局", "县交通运输局", "县水利和湖泊局", "县农业农村局", "县林业局", "县商务局",
        "县文化和旅游局", "县审计局", "县统计局", "县市场监督管理局", "县应急管理局", "县医疗保障局", "县乡村振兴局",
        "县退役军人事务局", "县生态环境分局", "县公安局", "县人民法院", "县人民检察院", "县供销合作社", "县总工会", "团县委",
        "县妇联", "县残联", "县科协", "县税务局", "国网房县供电公司", "县农商银行", "县烟草专卖局", "县邮政分公司", "县移动分公司",
        "十堰市财政局", "十堰市发展和改革委员会", "湖北省农业农村厅", "湖北省地方金融监督管理局",
    ];

    private static readonly string[] Schools = ["县第一中学", "县第二中学", "县实验小学", "县职业技术学校", "镇中心学校", "镇中心小学"];

    private static readonly string[] Clinics = ["县人民医院", "县中医医院", "县妇幼保健院", "镇卫生院"];

    private static readonly Weighted<string> OtherKinds = new([("teacher", 40), ("medical-staff", 25), ("deputy", 10), ("cppcc-member", 8), ("entrepreneur", 12), ("other", 5)]);

    private static readonly Weighted<string> Housing = new(
    [
        ("住房安全鉴定A级", 20), ("住房安全鉴定B级", 45), ("危房改造竣工验收合格", 20), ("易地扶贫搬迁集中安置入住", 15),
    ]);

    private static readonly Weighted<string> Water = new(
    [
        ("集中供水（自来水入户），水质检测合格", 55), ("分散供水（水窖、山泉水），水量水质达标", 45),
    ]);

    private readonly DemoCountyGenerator generator = generator ?? throw new ArgumentNullException(nameof(generator));

    /// <summary>
    /// Every village's history, village by village in code order (a village without households still has its work
    /// team). Households never registered as poor that are monitored today (<see cref="DemoCountyGenerator.AtTheEdge"/>)
    /// come with their villages' flags.
    /// </summary>
    public IEnumerable<VillageHistory> Villages()
    {
        var county = DemoCountyGenerator.County();
        var random = new Random(generator.Seed ^ 0x0CA3_9A16);
        var allocation = generator.Allocation();
        var households = generator.Households().GetEnumerator();
        var pairings = Pairings(random);
        var edge = generator.AtTheEdge().ToLookup(h => h.VillageCode);
        var teams = TeamVillages(county);
        using (households)
        {
            foreach (var (village, count) in allocation)
            {
                var township = county.Townships.First(t => t.Code == village.TownshipCode);
                var inVillage = new List<DemoHousehold>(count);
                for (var i = 0; i < count && households.MoveNext(); i++)
                {
                    inVillage.Add(households.Current);
                }

                yield return History(random, township, village, inVillage, teams.Contains(village.Code), pairings, edge[village.Code].ToList());
            }
        }
    }

    /// <summary>How many villages' records <see cref="Villages"/> yields.</summary>
    public static int VillageCount => DemoCountyGenerator.County().Villages.Count();

    /// <summary>农村常住居民人均可支配收入, 2015–2020: 11,109 yuan in 2020 after five years of 9.98% a year on average.</summary>
    public static IReadOnlyList<(int Year, decimal Income)> FarmersIncome() =>
        Enumerable.Range(2015, 6)
            .Select(year => (year, Math.Round(FarmersIncome2020 / (decimal)Math.Pow(1 + FarmersIncomeGrowth, 2020 - year), 0, MidpointRounding.AwayFromZero)))
            .ToList();

    /// <summary>The villages with a work team: every poor village and the larger non-poor ones, 281 in all.</summary>
    internal static HashSet<string> TeamVillages(County county) =>
        county.Villages.OrderByDescending(v => v.IsPoorVillage).ThenByDescending(v => v.RuralPopulation).ThenBy(v => v.Code, StringComparer.Ordinal)
            .Take(WorkTeams).Select(v => v.Code).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every village's exit year (the first year its incidence at the check fell below 2%), for a poor village with households.</summary>
    internal static int VillageExitYear(Village village, IReadOnlyList<DemoHousehold> households)
    {
        for (var year = 2014; year < 2020; year++)
        {
            var poor = households.Where(h => h.RegisteredYear <= year && h.ExitYear > year).Sum(h => h.Members.Count(m => m.CountsIn(year)));
            if ((decimal)poor / village.RuralPopulation < VillageMaxIncidence)
            {
                return year;
            }
        }

        return 2020;
    }

    private VillageHistory History(
        Random random, Township township, Village village, List<DemoHousehold> households, bool hasTeam, Dictionary<string, List<(HistoryPerson Person, string From)>> pairings,
        List<DemoHousehold> edge)
    {
        var record = new VillageHistory { ClientRef = "DH-" + village.Code, VillageCode = village.Code };
        var jitter = random.Next(0, 21);
        foreach (var byYear in households.GroupBy(h => h.ExitYear).OrderBy(g => g.Key))
        {
            record.ExitBatches.Add(Batch(random, record, township, village, byYear.Key, [.. byYear], jitter));
        }

        if (village.IsPoorVillage && households.Count > 0)
        {
            var year = VillageExitYear(village, households);
            var on = new DateOnly(year, 11, 20);
            record.VillageExit = new HistoryVillageExit
            {
                Year = year,
                Proposal = Step(on, $"{village.Name}村民委员会", "申请贫困村出列"),
                Check = Step(on.AddDays(11), $"{township.Name}人民政府、县扶贫办联合核查组", "贫困发生率及基础设施、公共服务逐项核查"),
                Notice = Step(on.AddDays(12), $"{village.Name}村民委员会", "村务公开栏公示"),
                NoticeUntil = WireText.Date(on.AddDays(20)),
                Exit = Step(on.AddDays(25), "房县人民政府", "批准贫困村出列"),
                PavedRoadWithBus = true, SafeDrinkingWater = true, Electricity = true, Broadband = true, Clinic = true, ServiceCentre = true, LeadingIndustry = true,
                CollectiveIncome = true,
            };
        }

        if (hasTeam)
        {
            record.WorkTeam = Team(random, township, village);
        }

        foreach (var household in households)
        {
            if (pairings.Remove(household.HouseholdNumber, out var helpers))
            {
                foreach (var (person, from) in helpers)
                {
                    var helper = record.Helpers.FirstOrDefault(h => h.Person.ExternalRef == person.ExternalRef);
                    if (helper is null)
                    {
                        record.Helpers.Add(helper = new HistoryHelper { Person = person });
                    }

                    helper.Pairings.Add(new HistoryPairing { HouseholdNumber = household.HouseholdNumber, From = from });
                }
            }

            if (household.UnderMonitoring)
            {
                record.Flags.Add(Flag(random, village, household, household.HouseholdNumber, null, "unstable-exited"));
            }
        }

        for (var i = 0; i < edge.Count; i++)
        {
            var category = edge[i].Index - generator.HouseholdCount < generator.EdgeCount ? "edge" : "sudden-hardship";
            record.Flags.Add(Flag(random, village, edge[i], null, edge[i].ToRecord(), category));
        }

        return record;
    }

    private static HistoryExitBatch Batch(Random random, VillageHistory record, Township township, Village village, int year, List<DemoHousehold> households, int jitter)
    {
        var proposed = new DateOnly(year, 8, 20).AddDays(jitter);
        var noticeDays = 7 + random.Next(0, 4);
        var notice = proposed.AddDays(25);
        var announced = notice.AddDays(noticeDays + 3);
        var batch = new HistoryExitBatch
        {
            Name = $"{year}年度{village.Name}贫困户脱贫退出",
            Year = year,
            // Notes where the step is the batch's (review, notice); each household's own steps carry who and when.
            Proposal = Step(proposed, $"{village.Name}村民委员会", string.Empty),
            Review = Step(proposed.AddDays(10), $"{village.Name}村民代表大会", "民主评议拟退出户"),
            Check = Step(proposed.AddDays(18), $"{village.Name}村委会、驻村工作队", string.Empty),
            Confirmation = Step(proposed.AddDays(22), $"{village.Name}村委会", string.Empty),
            Notice = Step(notice, $"{village.Name}村民委员会", "村务公开栏公示"),
            NoticeUntil = WireText.Date(notice.AddDays(noticeDays)),
            Announcement = Step(announced, $"{township.Name}人民政府", string.Empty),
            Exit = Step(announced.AddDays(10), "房县扶贫开发领导小组", string.Empty),
        };
        foreach (var household in households)
        {
            batch.HouseholdNumbers.Add(household.HouseholdNumber);
            Income(random, record, household, year);
            Assessments(random, record, household, year, proposed);
            if (random.NextDouble() < 1.0 / 300)
            {
                batch.Objections.Add(new HistoryObjection
                {
                    HouseholdNumber = household.HouseholdNumber,
                    RaisedOn = WireText.Date(notice.AddDays(2)),
                    RaisedBy = "村民代表",
                    Content = "反映该户家庭收入未达到退出标准",
                    Upheld = false,
                    Resolution = "经村委会和驻村工作队复核，该户务工和产业收入属实，人均纯收入超过当年标准，异议不成立",
                    ResolvedOn = WireText.Date(notice.AddDays(5)),
                    ResolvedBy = $"{village.Name}村委会、驻村工作队",
                });
            }
        }

        return batch;
    }

    /// <summary>The exit year's income: per-capita net income 1.25–2.8 times the year's line, from work, business, transfers (and dividends), less costs.</summary>
    private static void Income(Random random, VillageHistory record, DemoHousehold household, int year)
    {
        var size = household.Members.Count(m => m.CountsIn(year));
        var net = Math.Round(PovertyLines[year] * (decimal)(1.25 + (1.55 * random.NextDouble())) * size, 0);
        var hasLabour = household.Members.Any(m => m.LabourAbility is Vocabulary.LabourNormal or Vocabulary.LabourWeak);
        var wageShare = hasLabour ? 0.35 + (0.3 * random.NextDouble()) : 0;
        var transferShare = hasLabour ? 0.08 + (0.17 * random.NextDouble()) : 0.45 + (0.2 * random.NextDouble());
        var costShare = 0.05 + (0.1 * random.NextDouble());
        var dividend = random.NextDouble() < 0.25 ? 300m + (100 * random.Next(0, 6)) : 0m;
        var wage = Math.Round(net * (decimal)wageShare, 0);
        var transfer = Math.Round(net * (decimal)transferShare, 0);
        var cost = Math.Round(net * (decimal)costShare, 0);
        var property = net + cost - wage - transfer - dividend > 0 ? dividend : 0m;
        var business = net + cost - wage - transfer - property;
        void Add(string kind, decimal amount, bool counts, string what)
        {
            if (amount > 0)
            {
                record.Income.Add(new HistoryIncome
                {
                    HouseholdNumber = household.HouseholdNumber,
                    Year = year,
                    Kind = kind,
                    Amount = amount.ToString("0.00", CultureInfo.InvariantCulture),
                    CountsTowardExit = counts,
                    Source = "registry",
                    SourceRecordId = $"campaign-{year}-{household.HouseholdNumber}-{kind}",
                    Description = $"{year}年入户核实：{what}",
                });
            }
        }

        Add("wage", wage, true, "务工和公益岗位工资");
        Add("business", business, true, "种养殖和经营收入");
        Add("property", property, true, "扶贫资产收益分红");
        Add("transfer", transfer, true, "养老金、生态补偿、低保等转移性收入");
        Add("production-cost", cost, true, "生产经营性支出");
        if (household.Members.Any(m => m.SchoolingStatus is Vocabulary.Vocational or Vocabulary.College))
        {
            record.Income.Add(new HistoryIncome
            {
                HouseholdNumber = household.HouseholdNumber, Year = year, Kind = "transfer", Amount = "3000.00", CountsTowardExit = false, Source = "registry",
                SourceRecordId = $"campaign-{year}-{household.HouseholdNumber}-education-aid", Description = $"{year}年雨露计划补助（不计入稳定脱贫收入）",
            });
        }
    }

    /// <summary>两不愁三保障 and safe water, each assessed by its owner at the village's visit before the review.</summary>
    private static void Assessments(Random random, VillageHistory record, DemoHousehold household, int year, DateOnly on)
    {
        var reference = new DateOnly(year, 9, 1);
        var schoolChild = household.Members.Any(m => m.BirthDate.AddYears(6) <= reference && m.BirthDate.AddYears(16) > reference);
        void Add(string guarantee, string source, string reason) => record.Assessments.Add(new HistoryAssessment
        {
            HouseholdNumber = household.HouseholdNumber,
            Guarantee = guarantee,
            Met = true,
            Reason = reason,
            Source = source,
            SourceRecordId = $"campaign-{year}-{household.HouseholdNumber}-{guarantee}",
            AssessedOn = WireText.Date(on),
        });

        Add("food", "registry", "口粮自给或有稳定收入购买，不愁吃");
        Add("clothing", "registry", "四季衣被齐全，不愁穿");
        Add("compulsory-education", "education", schoolChild ? "义务教育阶段子女均在校就读，无失学辍学" : "家中无义务教育阶段适龄儿童");
        Add("basic-medical-care", "welfare", "家庭成员均参加城乡居民基本医疗保险和大病保险，享受健康扶贫政策");
        Add("safe-housing", "relocation", Housing.Next(random));
        Add("safe-drinking-water", "relocation", Water.Next(random));
    }

    private static HistoryWorkTeam Team(Random random, Township township, Village village)
    {
        var unit = CountyUnits[random.Next(CountyUnits.Length)];
        var from = village.IsPoorVillage ? new DateOnly(2015, 8, 10).AddDays(random.Next(0, 30)) : new DateOnly(2016, 3, 1).AddDays(random.Next(0, 60));
        var team = new HistoryWorkTeam { SendingUnit = unit, From = WireText.Date(from) };
        var others = OthersIn(village);
        for (var k = 0; k <= others; k++)
        {
            var male = random.NextDouble() < 0.7;
            team.Members.Add(new HistoryTeamMember
            {
                Person = new HistoryPerson
                {
                    ExternalRef = $"demo-team-{village.Code}-{k}",
                    Name = ChineseNames.Surnames.Next(random) + ChineseNames.GivenName(random, male, 1965 + random.Next(0, 30)),
                    WorkUnit = k == 0 || random.NextDouble() < 0.6 ? unit : $"{township.Name}人民政府",
                    Phone = Phone(random),
                    Kind = "cadre",
                },
                Role = k == 0 ? "first-secretary" : "member",
                From = WireText.Date(from.AddDays(k == 0 ? 0 : random.Next(0, 90))),
            });
        }

        return team;
    }

    /// <summary>Members besides the first secretary: two in each team, three in the poor villages' and one more (913 in all with the 281 first secretaries).</summary>
    private static int OthersIn(Village village)
    {
        var extra = StationedCadres - FirstSecretaries - (2 * WorkTeams);
        var poor = DemoCountyGenerator.County().Villages.Where(v => v.IsPoorVillage).OrderBy(v => v.Code, StringComparer.Ordinal).Select(v => v.Code).ToList();
        var firstNonPoor = TeamVillages(DemoCountyGenerator.County()).Where(c => !poor.Contains(c)).Order(StringComparer.Ordinal).Take(extra - poor.Count);
        return village.IsPoorVillage || firstNonPoor.Contains(village.Code) ? 3 : 2;
    }

    /// <summary>
    /// 结对帮扶: every registered household gets one helper of its township, each helper at most five households;
    /// 11,090 cadres and 5,837 others at full scale (at a small scale, at least as many as five households each need).
    /// </summary>
    private Dictionary<string, List<(HistoryPerson Person, string From)>> Pairings(Random random)
    {
        var households = generator.Households().Select(h => (h.HouseholdNumber, h.TownshipCode, h.RegisteredYear)).ToList();
        var byTownship = households.GroupBy(h => h.TownshipCode).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var minimum = byTownship.Sum(g => (g.Count() + MaxHouseholdsPerHelper - 1) / MaxHouseholdsPerHelper);
        var cadres = (int)Math.Round(PairedCadres * generator.Scale, MidpointRounding.AwayFromZero);
        var others = (int)Math.Round(PairedOthers * generator.Scale, MidpointRounding.AwayFromZero);
        cadres += Math.Max(0, minimum - cadres - others);
        var total = cadres + others;
        var helpersIn = CountyLayout.Apportion(total, byTownship.Select(g => (double)g.Count()).ToArray(), 0);
        for (var i = 0; i < helpersIn.Length; i++)
        {
            // At least enough for five households each, and never more helpers than households.
            var count = byTownship[i].Count();
            var need = (count + MaxHouseholdsPerHelper - 1) / MaxHouseholdsPerHelper;
            while (helpersIn[i] < need)
            {
                var donor = Enumerable.Range(0, helpersIn.Length).First(j => helpersIn[j] > (byTownship[j].Count() + MaxHouseholdsPerHelper - 1) / MaxHouseholdsPerHelper);
                helpersIn[donor]--;
                helpersIn[i]++;
            }

            while (helpersIn[i] > count)
            {
                var taker = Enumerable.Range(0, helpersIn.Length).First(j => helpersIn[j] < byTownship[j].Count());
                helpersIn[i]--;
                helpersIn[taker]++;
            }
        }

        var isCadre = Enumerable.Range(0, total).Select(i => i < cadres).ToArray();
        random.Shuffle(isCadre);
        var result = new Dictionary<string, List<(HistoryPerson, string)>>(StringComparer.Ordinal);
        var helperIndex = 0;
        for (var t = 0; t < byTownship.Count; t++)
        {
            var inTownship = byTownship[t].ToList();
            var helpers = helpersIn[t];
            var township = DemoCountyGenerator.County().Townships.First(x => x.Code == byTownship[t].Key);
            var at = 0;
            for (var k = 0; k < helpers; k++, helperIndex++)
            {
                var person = Helper(random, township, $"demo-helper-{township.Code}-{k + 1:00000}", isCadre[helperIndex]);
                var share = (inTownship.Count / helpers) + (k < inTownship.Count % helpers ? 1 : 0);
                foreach (var (number, _, registered) in inTownship.Skip(at).Take(share))
                {
                    var from = new DateOnly(Math.Max(registered, 2015), 3, 1).AddDays(random.Next(0, 60));
                    result[number] = [(person, WireText.Date(from))];
                }

                at += share;
            }
        }

        return result;
    }

    private static HistoryPerson Helper(Random random, Township township, string reference, bool cadre)
    {
        var kind = cadre ? "cadre" : OtherKinds.Next(random);
        var unit = kind switch
        {
            "cadre" => random.NextDouble() < 0.7 ? CountyUnits[random.Next(CountyUnits.Length)] : $"{township.Name}人民政府",
            "teacher" => Schools[random.Next(Schools.Length)].Replace("镇", township.Name, StringComparison.Ordinal),
            "medical-staff" => Clinics[random.Next(Clinics.Length)].Replace("镇", township.Name, StringComparison.Ordinal),
            "deputy" => "县人大代表",
            "cppcc-member" => "县政协委员",
            "entrepreneur" => $"{township.Name}{(random.NextDouble() < 0.5 ? "香菇" : "黄酒")}专业合作社",
            _ => $"{township.Name}志愿服务队",
        };
        var male = random.NextDouble() < 0.6;
        return new HistoryPerson
        {
            ExternalRef = reference,
            Name = ChineseNames.Surnames.Next(random) + ChineseNames.GivenName(random, male, 1960 + random.Next(0, 35)),
            WorkUnit = unit,
            Phone = Phone(random),
            Kind = kind,
        };
    }

    /// <summary>A monitoring flag raised in 2025, with the measures taken; on an exited household, or on a household entered for monitoring.</summary>
    private static HistoryFlag Flag(Random random, Village village, DemoHousehold household, string? number, HouseholdRecord? entered, string category)
    {
        var raised = new DateOnly(2025, 1, 10).AddDays(random.Next(0, 280));
        if (entered is not null)
        {
            raised = new DateOnly(household.RegisteredYear, 1, 10).AddDays(random.Next(0, 280));
        }

        var (trigger, reason, measure, description) = category switch
        {
            "edge" => ("own-application", "家庭人均纯收入略高于监测线，无劳动力，存在致贫风险", "civil-affairs-floor", "申请纳入低保，落实临时救助"),
            "sudden-hardship" => random.NextDouble() < 0.5
                ? ("department-data", "因洪涝灾害房屋受损，家庭基本生活出现严重困难", "housing-renovation", "应急管理部门救助，实施房屋修缮")
                : ("cadre-visit", "家庭成员遭遇意外事故，医疗支出大，基本生活出现严重困难", "health", "医疗救助和临时救助"),
            _ => household.MainCause switch
            {
                "illness" => ("cadre-visit", "家庭成员患慢性病，医疗支出增加，收入不稳定", "health", "落实家庭医生签约服务和慢病门诊报销"),
                "disability" => ("department-data", "家庭成员残疾，劳动力弱，收入不稳定", "disability-floor", "落实残疾人两项补贴，安排辅助性就业"),
                _ => random.NextDouble() < 0.5
                    ? ("own-application", "务工收入下降，存在返贫风险", "employment", "推荐到县扶贫车间就业")
                    : ("cadre-visit", "产业收入下降，存在返贫风险", "industry", "产业奖补：发展香菇种植"),
            },
        };
        var flag = new HistoryFlag
        {
            HouseholdNumber = number ?? string.Empty,
            Household = entered,
            Category = category,
            Trigger = trigger,
            Reason = reason,
            RaisedOn = WireText.Date(raised),
            RaisedBy = $"{village.Name}驻村工作队",
        };
        flag.Measures.Add(new HistoryMeasure { Category = measure, Description = description, StartedOn = WireText.Date(raised.AddDays(random.Next(3, 30))) });
        return flag;
    }

    private static string Phone(Random random) =>
        ChineseNames.PhonePrefixes[random.Next(ChineseNames.PhonePrefixes.Length)] + random.Next(0, 100_000_000).ToString("00000000", CultureInfo.InvariantCulture);

    private static HistoryStep Step(DateOnly on, string by, string note) => new() { On = WireText.Date(on), By = by, Note = note };

    /// <summary>一名干部结对帮扶一般不超过5户.</summary>
    private const int MaxHouseholdsPerHelper = 5;
}
