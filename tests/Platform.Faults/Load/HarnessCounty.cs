using Platform.Contracts.Grpc.Households.V1;
using Platform.Contracts.People;

namespace Platform.Faults.Load;

/// <summary>The harness's little county: one township of six villages, loaded before the faults begin.</summary>
internal static class HarnessCounty
{
    public const string Township = "420325901";

    public static readonly IReadOnlyList<string> Villages = [.. Enumerable.Range(1, 6).Select(n => $"{Township}{n:000}")];

    private static readonly string[] VillageNames = ["东山村", "西河村", "南岭村", "北坡村", "中坝村", "石桥村"];

    public static ImportVillagesRequest Request()
    {
        var request = new ImportVillagesRequest();
        request.Townships.Add(new TownshipRecord { Code = Township, Name = "演练乡" });
        for (var i = 0; i < Villages.Count; i++)
        {
            request.Villages.Add(new VillageRecord { Code = Villages[i], Name = VillageNames[i], TownshipCode = Township, RuralPopulation = 1200, IsPoorVillage = i % 2 == 0 });
        }

        return request;
    }

    /// <summary>The county's calendar day (China time): what the services count ages and terms by.</summary>
    public static DateOnly Today() => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    /// <summary>1 September of the current school year (ages of schooling count from it).</summary>
    public static DateOnly SchoolYearStart(DateOnly today) => new(today.Month >= 9 ? today.Year : today.Year - 1, 9, 1);
}

/// <summary>
/// Makes people for one worker: valid resident ID numbers of a division code of the worker's own (so
/// workers never collide), names, and birth dates well inside an age band, never at a boundary of the
/// services' age rules (school age 3–22 and compulsory 6–15 at 1 September, working age 16–60).
/// </summary>
internal sealed class People(int worker, Random random)
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "桂英", "建华", "志强", "春梅"];

    private readonly string division = $"4203{10 + worker % 90:00}";
    private readonly HashSet<string> issued = new(StringComparer.Ordinal);

    /// <summary>An adult of 30 to 50: working age, never a student.</summary>
    public PersonModel Adult(string relation)
    {
        var birth = HarnessCounty.Today().AddYears(-random.Next(30, 51)).AddDays(-random.Next(0, 300));
        return Person(birth, relation, schoolAge: null, disabled: false);
    }

    /// <summary>A child aged 7 to 12 at the start of the school year: followed by the pillar, of compulsory-school age.</summary>
    public PersonModel Child(bool disabled)
    {
        var age = random.Next(7, 13);
        var birth = HarnessCounty.SchoolYearStart(HarnessCounty.Today()).AddYears(-age).AddDays(-random.Next(30, 300));
        return Person(birth, relation: null, schoolAge: age, disabled);
    }

    public string Name(IEnumerable<PersonModel> household)
    {
        var taken = household.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        while (true)
        {
            var name = Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)];
            if (taken.Add(name))
            {
                return name;
            }
        }
    }

    private PersonModel Person(DateOnly birth, string? relation, int? schoolAge, bool disabled)
    {
        while (true)
        {
            var idNumber = ResidentIdNumber.Create(division, birth, random.Next(0, 1000));
            if (issued.Add(idNumber.Value))
            {
                return new PersonModel
                {
                    IdNumber = idNumber.Value,
                    BirthDate = birth,
                    Relation = relation ?? (idNumber.IsMale ? "之子" : "之女"),
                    SchoolAge = schoolAge,
                    Disabled = disabled,
                };
            }
        }
    }
}

/// <summary>What a worker knows of one of its households: only what the platform accepted.</summary>
internal sealed class HouseholdModel
{
    public required string Number { get; init; }

    public Guid Id { get; set; }

    public required string Village { get; set; }

    public string Status { get; set; } = "poor";

    private readonly long created = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>Time since the worker registered it.</summary>
    public TimeSpan Age => System.Diagnostics.Stopwatch.GetElapsedTime(created);

    public List<PersonModel> Members { get; } = [];

    /// <summary>The education pillar has learned it from the registry's events (its students can be written to).</summary>
    public bool KnownToPillar { get; set; }

    /// <summary>A write to it ended "maybe": the worker no longer knows its state and leaves it alone.</summary>
    public bool Uncertain { get; set; }

    public IEnumerable<PersonModel> Current => Members.Where(m => m.Id != Guid.Empty && m.Current);
}

/// <summary>What a worker knows of one person.</summary>
internal sealed class PersonModel
{
    public required string IdNumber { get; init; }

    public string Name { get; set; } = string.Empty;

    public required DateOnly BirthDate { get; init; }

    public required string Relation { get; set; }

    /// <summary>Age at the start of the school year, for children (null: an adult).</summary>
    public int? SchoolAge { get; init; }

    public bool Disabled { get; init; }

    public Guid Id { get; set; }

    public bool Current { get; set; } = true;

    public bool IsChild => SchoolAge is not null;

    public bool Enrolled { get; set; }

    public bool CaseOpen { get; set; }

    public bool Granted { get; set; }

    public Guid EnrolmentId { get; set; }

    public bool Completed { get; set; }
}
