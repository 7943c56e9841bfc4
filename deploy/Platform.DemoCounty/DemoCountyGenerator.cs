using System.Globalization;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Contracts.People;

namespace Platform.DemoCounty;

/// <summary>
/// Deterministic generator of the demo county (房县, 420325): by default 48,181 households with 141,281 people,
/// registered as poor (建档立卡) in 2014–2019, in 69 poor villages and, for about a third of them, in non-poor
/// villages; each with the year it exits in (2014–2020) through the procedure its village runs
/// (<see cref="DemoCampaign"/>), a small share under post-exit monitoring today. The same seed and scale give
/// byte-identical households; nothing depends on the clock.
/// </summary>
public sealed class DemoCountyGenerator
{
    public const int DefaultSeed = 2020;

    /// <summary>Households exited in the seed county (累计脱贫退出户).</summary>
    public const int SeedHouseholds = 48_181;

    /// <summary>People exited in the seed county (累计脱贫退出人口).</summary>
    public const int SeedPeople = 141_281;

    /// <summary>Poor villages (贫困村) of the seed county, all exited.</summary>
    public const int PoorVillageCount = 69;

    public const string CountyCode = "420325";
    public const string CountyName = "房县";

    /// <summary>Share of the registered households that live in poor villages; the rest live in non-poor ones.</summary>
    public const double ShareInPoorVillages = 0.65;

    /// <summary>Share of the exited households under post-exit monitoring today (防返贫监测, 脱贫不稳定户).</summary>
    public const double MonitoredShare = 0.015;

    private static readonly Lazy<County> Layout = new(CountyLayout.Build);

    /// <param name="seed">Seed of the households (the county's townships and villages do not depend on it).</param>
    /// <param name="scale">0 &lt; scale ≤ 1: scales the household and people counts; the villages stay.</param>
    public DemoCountyGenerator(int seed = DefaultSeed, double scale = 1.0)
    {
        if (!(scale > 0 && scale <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scale must be greater than 0 and at most 1.");
        }

        Seed = seed;
        Scale = scale;
        HouseholdCount = Math.Max(1, (int)Math.Round(SeedHouseholds * scale, MidpointRounding.AwayFromZero));
        PeopleCount = Math.Clamp((int)Math.Round(SeedPeople * scale, MidpointRounding.AwayFromZero), HouseholdCount, HouseholdCount * 8);
    }

    /// <summary>The date ages are computed at (end of the campaign).</summary>
    public static DateOnly ReferenceDate { get; } = new(2020, 12, 31);

    public int Seed { get; }

    public double Scale { get; }

    /// <summary>Number of households <see cref="Households"/> yields.</summary>
    public int HouseholdCount { get; }

    /// <summary>Number of people across those households.</summary>
    public int PeopleCount { get; }

    /// <summary>
    /// The county's 20 townships and 300 villages (69 poor). Fixed: the same for every seed and
    /// scale, so the registry can seed its townships and villages from it once.
    /// </summary>
    public static County County() => Layout.Value;

    /// <summary>How many households go to each village (same order as <see cref="County.Villages"/>).</summary>
    public IReadOnlyList<(Village Village, int Households)> Allocation()
    {
        var villages = County().Villages.ToArray();
        var counts = AllocateToVillages(villages, HouseholdCount);
        return villages.Select((v, i) => (v, counts[i])).ToArray();
    }

    /// <summary>
    /// The households, village by village in code order, generated lazily (cheap to stream).
    /// Every enumeration starts over from the seed and yields the same households.
    /// </summary>
    public IEnumerable<DemoHousehold> Households()
    {
        var random = new Random(Seed);
        var sizes = HouseholdSizes(random, HouseholdCount, PeopleCount);
        var allocation = Allocation();
        var factory = new HouseholdFactory(random, sequenceOffset: 0);
        var index = 0;
        foreach (var (village, count) in allocation)
        {
            for (var serial = 1; serial <= count; serial++, index++)
            {
                yield return factory.Create(index, village, serial, sizes[index]);
            }
        }
    }

    /// <summary>
    /// Households never registered as poor that the county monitors today (边缘易致贫户, 突发严重困难户): small,
    /// adults only (so no pillar's student counts change), in villages of their own draw, with household numbers
    /// from 9001 in their village and resident ID numbers from a range the registered households never reach.
    /// </summary>
    public IReadOnlyList<DemoHousehold> AtTheEdge()
    {
        var count = EdgeCount + SuddenHardshipCount;
        var random = new Random(Seed ^ 0x5EED_ED9E);
        var villages = County().Villages.ToArray();
        var factory = new HouseholdFactory(random, sequenceOffset: HouseholdFactory.SequencesPerKey / 2);
        var serials = new Dictionary<string, int>(StringComparer.Ordinal);
        var households = new List<DemoHousehold>(count);
        for (var i = 0; i < count; i++)
        {
            var village = villages[random.Next(villages.Length)];
            var serial = 9001 + serials.GetValueOrDefault(village.Code);
            serials[village.Code] = serial - 9000;
            DemoHousehold household;
            do
            {
                household = factory.Create(HouseholdCount + i, village, serial, random.NextDouble() < 0.55 ? 1 : 2);
            }
            while (household.Members.Any(m => m.Age < EdgeMinimumAge));

            households.Add(household with { RegisteredYear = 2021 + random.Next(0, 5), UnderMonitoring = true });
        }

        return households;
    }

    /// <summary>边缘易致贫户 monitored today (about 0.6% of the registered households, at least one).</summary>
    public int EdgeCount => Math.Max(1, (int)Math.Round(HouseholdCount * 0.006, MidpointRounding.AwayFromZero));

    /// <summary>突发严重困难户 monitored today (about 0.2%, at least one).</summary>
    public int SuddenHardshipCount => Math.Max(1, (int)Math.Round(HouseholdCount * 0.002, MidpointRounding.AwayFromZero));

    /// <summary>Adults at the end of the campaign old enough never to be a pillar's student (3–22) today.</summary>
    private const int EdgeMinimumAge = 23;

    /// <summary>The households as gRPC records for <c>HouseholdRegistry.ImportHouseholds</c>.</summary>
    public IEnumerable<HouseholdRecord> Records() => Households().Select(h => h.ToRecord());

    /// <summary>Household sizes 1–8 with a rural distribution, summing exactly to <paramref name="people"/>, shuffled.</summary>
    internal static int[] HouseholdSizes(Random random, int households, int people)
    {
        double[] weights = [14.5, 27.5, 28, 17.5, 7.8, 3.4, 1, 0.3];
        var counts = CountyLayout.Apportion(households, weights, 0);

        // Move households between neighbouring sizes until the members add up exactly.
        var diff = people - counts.Select((n, k) => n * (k + 1)).Sum();
        int[] growOrder = [2, 1, 3, 0, 4, 5, 6];
        int[] shrinkOrder = [3, 2, 4, 1, 5, 6, 7];
        var turn = 0;
        while (diff != 0)
        {
            var order = diff > 0 ? growOrder : shrinkOrder;
            var k = order[turn++ % order.Length];
            if (counts[k] == 0)
            {
                continue;
            }

            counts[k]--;
            counts[diff > 0 ? k + 1 : k - 1]++;
            diff += diff > 0 ? -1 : 1;
        }

        var sizes = new int[households];
        var at = 0;
        for (var k = 0; k < counts.Length; k++)
        {
            for (var n = 0; n < counts[k]; n++)
            {
                sizes[at++] = k + 1;
            }
        }

        random.Shuffle(sizes);
        return sizes;
    }

    private static int[] AllocateToVillages(Village[] villages, int households)
    {
        // A fixed per-village factor, so that incidence varies between villages but not between runs.
        var factors = new Random(CountyCode.GetHashCodeStable());
        var weights = villages.Select(v => v.RuralPopulation * (0.75 + (0.5 * factors.NextDouble()))).ToArray();

        var inPoor = (int)Math.Round(households * ShareInPoorVillages, MidpointRounding.AwayFromZero);
        var poor = Enumerable.Range(0, villages.Length).Where(i => villages[i].IsPoorVillage).ToArray();
        var other = Enumerable.Range(0, villages.Length).Where(i => !villages[i].IsPoorVillage).ToArray();
        var counts = new int[villages.Length];
        var poorCounts = CountyLayout.Apportion(inPoor, poor.Select(i => weights[i]).ToArray(), 1);
        var otherCounts = CountyLayout.Apportion(households - inPoor, other.Select(i => weights[i]).ToArray(), 0);
        for (var k = 0; k < poor.Length; k++)
        {
            counts[poor[k]] = poorCounts[k];
        }

        for (var k = 0; k < other.Length; k++)
        {
            counts[other[k]] = otherCounts[k];
        }

        return counts;
    }
}

internal static class StableHash
{
    /// <summary>A hash that does not change between processes (string.GetHashCode does).</summary>
    public static int GetHashCodeStable(this string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash & int.MaxValue;
        }
    }
}

/// <summary>
/// Makes one household after another, keeping what must be unique across the county. Two factories keep resident
/// ID numbers apart by starting at different sequence numbers (<paramref name="sequenceOffset"/>): the county has a
/// few people per birth date and sex, far from the half of the 500 a factory may use.
/// </summary>
internal sealed class HouseholdFactory(Random random, int sequenceOffset)
{
    public const int SequencesPerKey = 500;

    private static readonly Weighted<string> MainCauses = new(
    [
        ("illness", 30), ("disability", 11), ("capital", 17), ("skills", 15), ("labour", 9), ("schooling", 6),
        ("drive", 3), ("transport", 3), ("disaster", 2.5), ("land", 2), ("water", 1.5),
    ]);

    private static readonly Weighted<string> OtherCauses = new(
    [
        ("skills", 20), ("capital", 20), ("labour", 12), ("illness", 12), ("transport", 8), ("drive", 6),
        ("schooling", 6), ("disability", 5), ("land", 4), ("water", 4), ("disaster", 3),
    ]);

    private static readonly Weighted<int> RegisteredYears = new(
        [(2014, 72), (2015, 7), (2016, 7), (2017, 6), (2018, 5), (2019, 3)]);

    private static readonly (int Year, double Weight)[] ExitYearWeights =
        [(2014, 4), (2015, 11), (2016, 17), (2017, 19), (2018, 22), (2019, 20), (2020, 7)];

    private static readonly Dictionary<int, Weighted<int>> ExitYearsFrom =
        Enumerable.Range(2014, 6).ToDictionary(y => y, y => new Weighted<int>(ExitYearWeights.Where(e => e.Year >= y)));

    private static readonly Weighted<int> DisabilityGrades = new([(1, 10), (2, 20), (3, 30), (4, 40)]);

    private readonly Dictionary<int, int> sequencesUsed = [];
    private readonly HashSet<long> phonesUsed = [];

    public DemoHousehold Create(int index, Village village, int serial, int size)
    {
        var people = Compose(size);
        foreach (var person in people)
        {
            person.Schooling = Schooling(person.Age);
            (person.Health, person.DisabilityGrade) = BaseHealth(person.Age);
        }

        var mainCause = MainCause(people);
        var others = new List<string>(2);
        var otherCount = random.NextDouble() switch { < 0.35 => 0, < 0.75 => 1, _ => 2 };
        for (var tries = 0; others.Count < otherCount && tries < 20; tries++)
        {
            var cause = OtherCauses.Next(random);
            if (cause != mainCause && !others.Contains(cause) && (cause != "schooling" || HasSchoolingCosts(people)))
            {
                others.Add(cause);
            }
        }

        FitHealthToCause(people, mainCause);
        Name(people);

        var members = new DemoMember[people.Count];
        for (var i = 0; i < people.Count; i++)
        {
            var p = people[i];
            var (idNumber, birthDate) = IdNumber(p.BirthDate, p.Male);
            members[i] = new DemoMember(
                idNumber,
                p.Name,
                p.Male ? Vocabulary.Male : Vocabulary.Female,
                birthDate,
                AgeAt(birthDate),
                p.Relation,
                p.Health,
                p.DisabilityGrade,
                LabourAbility(p),
                p.Schooling,
                p.Ethnicity);
        }

        var registered = RegisteredYears.Next(random);
        var exitYear = ExitYearsFrom[registered].Next(random);
        var monitored = random.NextDouble() < DemoCountyGenerator.MonitoredShare;

        return new DemoHousehold(
            index,
            string.Create(CultureInfo.InvariantCulture, $"{village.Code}{serial:0000}"),
            village.TownshipCode,
            village.Code,
            village.IsPoorVillage,
            monitored,
            mainCause,
            others,
            Phone(),
            registered,
            exitYear,
            members);
    }

    private sealed class Person(string relation, int age, bool male)
    {
        public string Relation { get; } = relation;

        public int Age { get; } = age;

        public bool Male { get; } = male;

        public DateOnly BirthDate { get; set; }

        public string Name { get; set; } = "";

        public string Ethnicity { get; set; } = "汉族";

        public string Schooling { get; set; } = Vocabulary.LeftSchool;

        public string Health { get; set; } = Vocabulary.Healthy;

        public int? DisabilityGrade { get; set; }
    }

    /// <summary>Who lives in a household of this size: the head, a spouse, parents, children, grandchildren.</summary>
    private List<Person> Compose(int size)
    {
        // Single-person households are mostly the elderly; large ones span three generations.
        var headAge = size switch
        {
            1 => Triangular(50, 85),
            2 => Triangular(36, 85),
            3 or 4 => Triangular(26, 72),
            _ => Triangular(30, 74),
        };
        var headMale = random.NextDouble() < (size == 1 ? 0.7 : 0.86);
        var people = new List<Person>(size) { new(Vocabulary.Head, headAge, headMale) };
        var slots = size - 1;

        var youngestParent = headAge;
        if (slots > 0 && random.NextDouble() < (headMale ? (headAge < 70 ? 0.88 : 0.7) : 0.15))
        {
            var spouseAge = Math.Clamp(headMale ? headAge - random.Next(-2, 6) : headAge + random.Next(-1, 6), 20, 92);
            people.Add(new Person(Vocabulary.Spouse, spouseAge, !headMale));
            youngestParent = Math.Min(headAge, spouseAge);
            slots--;
        }

        if (slots > 0 && headAge <= 62)
        {
            var r = random.NextDouble();
            if (slots >= 3 && r < 0.10)
            {
                var fatherAge = Math.Min(95, headAge + random.Next(23, 34));
                var motherAge = Math.Max(headAge + 20, fatherAge - random.Next(0, 5));
                people.Add(new Person(Vocabulary.Father, fatherAge, true));
                people.Add(new Person(Vocabulary.Mother, motherAge, false));
                slots -= 2;
            }
            else if (r < 0.28)
            {
                var father = random.NextDouble() < 0.4;
                people.Add(new Person(father ? Vocabulary.Father : Vocabulary.Mother, Math.Min(95, headAge + random.Next(21, 33)), father));
                slots--;
            }
        }

        if (slots > 0 && random.NextDouble() < 0.03)
        {
            // 其他: a brother or sister of the head, a nephew…
            people.Add(new Person(Vocabulary.Other, Math.Clamp(headAge + random.Next(-12, 12), 8, 90), random.NextDouble() < 0.55));
            slots--;
        }

        var grandchildren = 0;
        var grandMax = Math.Min(youngestParent - 40, 20);
        if (headAge >= 50 && grandMax >= 0 && slots >= 1)
        {
            if (slots >= 2 && random.NextDouble() < 0.45)
            {
                grandchildren = random.Next(1, Math.Min(3, slots - 1) + 1);
            }
            else if (slots == 1 && random.NextDouble() < 0.2)
            {
                // Grandparents with a left-behind grandchild (留守儿童), the parents away at work.
                grandchildren = 1;
            }
        }

        var children = slots - grandchildren;
        var childMax = youngestParent - 20;
        var childMin = Math.Max(0, youngestParent - 45);
        if (grandchildren > 0)
        {
            childMin = Math.Min(childMax, Math.Max(childMin, 20));
        }

        foreach (var age in Enumerable.Range(0, children).Select(_ => random.Next(childMin, childMax + 1)).OrderDescending())
        {
            var male = random.NextDouble() < 0.52;
            people.Add(new Person(male ? Vocabulary.Son : Vocabulary.Daughter, age, male));
        }

        foreach (var age in Enumerable.Range(0, grandchildren).Select(_ => random.Next(0, grandMax + 1)).OrderDescending())
        {
            var male = random.NextDouble() < 0.52;
            people.Add(new Person(male ? Vocabulary.Grandson : Vocabulary.Granddaughter, age, male));
        }

        foreach (var person in people)
        {
            person.BirthDate = new DateOnly(DemoCountyGenerator.ReferenceDate.Year - person.Age, 12, 31).AddDays(-random.Next(0, 365));
        }

        return people;
    }

    private int Triangular(int min, int max) =>
        min + (int)Math.Round((max - min) * (random.NextDouble() + random.NextDouble()) / 2, MidpointRounding.AwayFromZero);

    private string Schooling(int age)
    {
        var r = random.NextDouble();
        return age switch
        {
            < 3 => Vocabulary.NotSchoolAge,
            <= 5 => r < 0.9 ? Vocabulary.Preschool : Vocabulary.NotSchoolAge,
            <= 11 => Vocabulary.Primary,
            <= 14 => Vocabulary.Junior,
            <= 17 => r < 0.55 ? Vocabulary.Senior : r < 0.9 ? Vocabulary.Vocational : Vocabulary.LeftSchool,
            <= 21 => r < 0.32 ? Vocabulary.College : Vocabulary.LeftSchool,
            22 => r < 0.12 ? Vocabulary.College : Vocabulary.LeftSchool,
            _ => Vocabulary.LeftSchool,
        };
    }

    private static bool IsStudentAfterCompulsory(string schooling) =>
        schooling is Vocabulary.Senior or Vocabulary.Vocational or Vocabulary.College;

    /// <summary>因学: the costs of boarding, senior school and college weigh on a household.</summary>
    private static bool HasSchoolingCosts(List<Person> people) =>
        people.Any(p => p.Schooling is Vocabulary.Junior || IsStudentAfterCompulsory(p.Schooling));

    private (string Health, int? Grade) BaseHealth(int age)
    {
        var (chronic, serious, disabled) = age switch
        {
            < 18 => (0.02, 0.01, 0.02),
            < 45 => (0.06, 0.025, 0.05),
            < 60 => (0.16, 0.04, 0.08),
            _ => (0.30, 0.06, 0.11),
        };
        var r = random.NextDouble();
        if (r < disabled)
        {
            return (Vocabulary.Disabled, DisabilityGrades.Next(random));
        }

        return r < disabled + serious ? (Vocabulary.Serious, null)
            : r < disabled + serious + chronic ? (Vocabulary.Chronic, null)
            : (Vocabulary.Healthy, null);
    }

    private string MainCause(List<Person> people)
    {
        while (true)
        {
            var cause = MainCauses.Next(random);
            if (cause != "schooling" || HasSchoolingCosts(people))
            {
                return cause;
            }
        }
    }

    /// <summary>A household poor by illness has someone ill; by disability, someone disabled.</summary>
    private void FitHealthToCause(List<Person> people, string mainCause)
    {
        if (mainCause == "illness" && !people.Any(p => p.Health is Vocabulary.Chronic or Vocabulary.Serious))
        {
            var candidates = people.Where(p => p.Health == Vocabulary.Healthy).ToList();
            var patient = candidates.Count > 0 ? candidates[random.Next(candidates.Count)] : people[0];
            patient.Health = random.NextDouble() < 0.65 ? Vocabulary.Chronic : Vocabulary.Serious;
            patient.DisabilityGrade = null;
        }
        else if (mainCause == "disability" && !people.Any(p => p.Health == Vocabulary.Disabled))
        {
            var member = people[random.Next(people.Count)];
            member.Health = Vocabulary.Disabled;
            member.DisabilityGrade = DisabilityGrades.Next(random);
        }
    }

    private string LabourAbility(Person p)
    {
        if (p.Age < 16 || p.Age >= 65)
        {
            return Vocabulary.NotWorkingAge;
        }

        if (IsStudentAfterCompulsory(p.Schooling))
        {
            // 在校生: no labour force while at school.
            return Vocabulary.LabourNone;
        }

        var r = random.NextDouble();
        return p.Health switch
        {
            Vocabulary.Serious => Vocabulary.LabourNone,
            Vocabulary.Disabled when p.DisabilityGrade <= 2 => Vocabulary.LabourNone,
            Vocabulary.Disabled or Vocabulary.Chronic => r < 0.7 ? Vocabulary.LabourWeak : Vocabulary.LabourNormal,
            _ when p.Age >= 60 => r < 0.35 ? Vocabulary.LabourWeak : Vocabulary.LabourNormal,
            _ => r < 0.03 ? Vocabulary.LabourWeak : Vocabulary.LabourNormal,
        };
    }

    /// <summary>Surnames follow the head's line; spouses and mothers come from another family.</summary>
    private void Name(List<Person> people)
    {
        var surname = ChineseNames.Surnames.Next(random);
        var ethnicity = ChineseNames.Ethnicities.Next(random);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in people)
        {
            var family = p.Relation switch
            {
                Vocabulary.Spouse or Vocabulary.Mother => OtherSurname(surname),
                Vocabulary.Other => random.NextDouble() < 0.5 ? surname : ChineseNames.Surnames.Next(random),
                _ => surname,
            };
            p.Ethnicity = p.Relation is Vocabulary.Spouse or Vocabulary.Mother or Vocabulary.Other
                ? ChineseNames.Ethnicities.Next(random)
                : ethnicity;

            string name;
            var tries = 0;
            do
            {
                name = family + ChineseNames.GivenName(random, p.Male, p.BirthDate.Year);
            }
            while (!names.Add(name) && ++tries < 10);

            p.Name = name;
        }
    }

    private string OtherSurname(string surname)
    {
        while (true)
        {
            var other = ChineseNames.Surnames.Next(random);
            if (other != surname)
            {
                return other;
            }
        }
    }

    /// <summary>
    /// A valid 420325 number, unique in the county: each (birth date, sex) has 500 sequence numbers
    /// (odd for men, even for women), handed out in a scrambled but collision-free order.
    /// </summary>
    private (string IdNumber, DateOnly BirthDate) IdNumber(DateOnly birthDate, bool male)
    {
        while (true)
        {
            var key = (birthDate.DayNumber * 2) + (male ? 1 : 0);
            var used = sequencesUsed.GetValueOrDefault(key, sequenceOffset);
            if (used < SequencesPerKey)
            {
                sequencesUsed[key] = used + 1;
                var start = (int)((birthDate.DayNumber * 131L) % SequencesPerKey);
                var sequence = (((start + (used * 7)) % SequencesPerKey) * 2) + (male ? 1 : 0);
                var id = ResidentIdNumber.Create(DemoCountyGenerator.CountyCode, birthDate, sequence);
                return (id.Value, birthDate);
            }

            birthDate = birthDate.AddDays(-1);
        }
    }

    private static int AgeAt(DateOnly birthDate)
    {
        var reference = DemoCountyGenerator.ReferenceDate;
        var age = reference.Year - birthDate.Year;
        return birthDate > reference.AddYears(-age) ? age - 1 : age;
    }

    private string Phone()
    {
        while (true)
        {
            var prefix = random.Next(ChineseNames.PhonePrefixes.Length);
            var line = random.Next(0, 100_000_000);
            if (phonesUsed.Add((prefix * 100_000_000L) + line))
            {
                return string.Create(CultureInfo.InvariantCulture, $"{ChineseNames.PhonePrefixes[prefix]}{line:00000000}");
            }
        }
    }
}
