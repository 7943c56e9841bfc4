using System.Globalization;
using Platform.Contracts.Grpc.Education.V1;

namespace Platform.DemoCounty;

/// <summary>
/// The demo county's education data, derived deterministically from its households: school rolls (学籍)
/// of every member of school age with a handful of dropouts, this term's aid grants for every entitled
/// student, skills-training courses with completions totalling exactly <see cref="TrainingPersonTimes"/>,
/// and the village kindergartens and care centres of the seed's figures.
/// </summary>
public sealed class DemoEducation
{
    /// <summary>技能培训 person-times of the seed county.</summary>
    public const int TrainingPersonTimes = 9_701;

    /// <summary>村级幼儿园 of the seed county.</summary>
    public const int Kindergartens = 42;

    /// <summary>留守儿童关爱中心 of the seed county.</summary>
    public const int CareCentres = 12;

    /// <summary>One compulsory-age child in about this many is reported dropped out (a handful in the county).</summary>
    public const int DropoutOneIn = 2_000;

    private const int CoursesPerTownship = 16;

    private static readonly string[] Trades = ["食用菌栽培", "中药材种植", "茶叶种植与加工", "畜禽养殖", "电工", "焊工", "家政服务", "电子商务"];

    private readonly IReadOnlyList<DemoHousehold> households;
    private readonly int dropoutOneIn;

    /// <param name="today">The county's date (China Standard Time): ages, stages and grades are computed for its school year.</param>
    /// <param name="dropoutOneIn">One compulsory-age child in this many is reported dropped out (benches raise the share).</param>
    public DemoEducation(DemoCountyGenerator generator, DateOnly today, int dropoutOneIn = DropoutOneIn)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfLessThan(dropoutOneIn, 1);
        this.dropoutOneIn = dropoutOneIn;
        households = generator.Households().ToList();
        Today = today;
        SchoolYearStart = new DateOnly(today.Month >= 9 ? today.Year : today.Year - 1, 9, 1);
    }

    public DateOnly Today { get; }

    public DateOnly SchoolYearStart { get; }

    /// <summary>Members of pre-school to university age (3–22 at the start of the school year): the education pillar's students.</summary>
    public IEnumerable<(DemoHousehold Household, DemoMember Member, int Age)> Students() =>
        from h in households
        from m in h.Members
        let age = AgeOn(m.BirthDate, SchoolYearStart)
        where age is >= 3 and <= 22
        select (h, m, age);

    public int StudentCount => Students().Count();

    /// <summary>A school roll for every student: stage and grade by age, some boarders, a handful dropped out.</summary>
    public IEnumerable<SchoolRollRecord> SchoolRolls()
    {
        foreach (var (household, member, age) in Students())
        {
            var pick = Pick(member.IdNumber);
            var record = new SchoolRollRecord { ClientRef = member.IdNumber[^6..], IdNumber = member.IdNumber, Name = member.Name };
            var (stage, grade) = age switch
            {
                <= 5 => ("preschool", age - 2),
                <= 11 => ("primary", age - 5),
                <= 14 => ("junior", age - 11),
                <= 17 when pick % 10 < 6 => ("senior", age - 14),
                <= 17 when pick % 10 < 9 || age == 15 => ("vocational", age - 14),
                <= 17 => ((string?)null, 0),
                <= 20 when pick % 10 < 3 => ("higher-vocational", age - 17),
                <= 22 when pick % 10 < 5 => ("undergraduate", age - 17),
                _ => (null, 0),
            };
            if (age is >= 6 and <= 14 && pick % dropoutOneIn == 7 % dropoutOneIn)
            {
                record.Status = "dropped-out";
                record.Stage = stage;
                record.Grade = grade;
                record.SchoolName = SchoolName(household, stage!);
                record.Note = "学校报送：长期未到校";
                record.AdministrativeOfficer = new ResponsiblePerson { Name = "村委会主任", Position = "村委会主任" };
                record.EducationOfficer = new ResponsiblePerson { Name = "班主任", Position = "班主任" };
            }
            else if (stage is null)
            {
                record.Status = "not-enrolled";
            }
            else
            {
                record.Status = "enrolled";
                record.Stage = stage;
                record.Grade = grade;
                record.SchoolCode = "21420325" + household.TownshipCode[^2..];
                record.SchoolName = SchoolName(household, stage);
                record.Boarding = stage switch
                {
                    "junior" => pick % 10 < 6,
                    "primary" => grade >= 4 && pick % 10 < 3,
                    _ => false,
                };
            }

            yield return record;
        }
    }

    /// <summary>This term's grants: every enrolled student, each policy they are entitled to (the standard amounts).</summary>
    public IEnumerable<AidGrantRecord> AidGrants() =>
        SchoolRolls().Where(r => r.Status == "enrolled").SelectMany(r => PoliciesOf(r).Select(policy => new AidGrantRecord
        {
            ClientRef = $"{r.ClientRef}-{policy}", IdNumber = r.IdNumber, Name = r.Name, Policy = policy,
        }));

    /// <summary>The policies a student is entitled to (as the pillar's standard configuration says).</summary>
    public static IEnumerable<string> PoliciesOf(SchoolRollRecord roll)
    {
        ArgumentNullException.ThrowIfNull(roll);
        switch (roll.Stage)
        {
            case "primary" or "junior":
                if (roll.Boarding)
                {
                    yield return "living-subsidy";
                }

                yield return "nutrition-meals";
                break;
            case "senior":
                yield return "high-school-grant";
                break;
            case "vocational":
                yield return "vocational-grant";
                yield return "rain-dew";
                break;
            case "higher-vocational":
                yield return "rain-dew";
                break;
        }
    }

    /// <summary>Skills-training courses: a number per township across the campaign's years (2016–2020), eight trades.</summary>
    public IReadOnlyList<DemoCourse> Courses()
    {
        var perTownship = Math.Max(CoursesPerTownship, (int)Math.Ceiling((double)TrainingPersonTimes / Math.Max(1, Trainees().Count)) + 1);
        var courses = new List<DemoCourse>();
        foreach (var township in DemoCountyGenerator.County().Townships)
        {
            for (var n = 0; n < perTownship; n++)
            {
                var year = 2016 + (n % 5);
                var trade = Trades[(n + (township.Code.GetHashCodeStable() % Trades.Length)) % Trades.Length];
                var starts = new DateOnly(year, 3 + (n % 8), 10);
                courses.Add(new DemoCourse(
                    string.Create(CultureInfo.InvariantCulture, $"{year}年{township.Name}{trade}培训班第{(n / 5) + 1}期"),
                    trade,
                    township.Code,
                    starts,
                    starts.AddDays(14)));
            }
        }

        return courses;
    }

    /// <summary>
    /// Completions totalling exactly <see cref="TrainingPersonTimes"/>: members aged 18–55 through the
    /// campaign, round after round, each round on another course of their township (person-times, so one
    /// person may complete several courses but never the same one twice).
    /// </summary>
    public IEnumerable<(DemoCourse Course, DemoMember Member)> Completions()
    {
        var trainees = Trainees();
        var byTownship = Courses().GroupBy(c => c.TownshipCode).ToDictionary(g => g.Key, g => g.ToList());
        for (var k = 0; k < TrainingPersonTimes; k++)
        {
            var (household, member) = trainees[k % trainees.Count];
            var round = k / trainees.Count;
            var courses = byTownship[household.TownshipCode];
            yield return (courses[(round + Pick(member.IdNumber)) % courses.Count], member);
        }
    }

    /// <summary>村级幼儿园 in the first poor villages, 留守儿童关爱中心 in the first townships serving all their villages.</summary>
    public IEnumerable<(string Kind, string Name, string VillageCode, IReadOnlyList<string> Served)> Facilities()
    {
        var county = DemoCountyGenerator.County();
        foreach (var village in county.Villages.Where(v => v.IsPoorVillage).Take(Kindergartens))
        {
            yield return ("kindergarten", village.Name + "幼儿园", village.Code, [village.Code]);
        }

        foreach (var township in county.Townships.Take(CareCentres))
        {
            var home = township.Villages[0];
            yield return ("care-centre", township.Name + "留守儿童关爱中心", home.Code, township.Villages.Select(v => v.Code).ToList());
        }
    }

    private List<(DemoHousehold Household, DemoMember Member)> Trainees() =>
        (from h in households
         from m in h.Members
         where m.BirthDate.Year is >= 1962 and <= 1997
         select (h, m)).ToList();

    private static string SchoolName(DemoHousehold household, string stage)
    {
        var township = DemoCountyGenerator.County().Townships.First(t => t.Code == household.TownshipCode).Name;
        return stage switch
        {
            "preschool" => township + "中心幼儿园",
            "primary" => township + "中心小学",
            "junior" => township + "初级中学",
            "senior" => "房县第一中学",
            "vocational" => "房县职业技术学校",
            "higher-vocational" => "十堰职业技术学院",
            _ => "湖北大学",
        };
    }

    private static int Pick(string idNumber) => Math.Abs(idNumber.GetHashCodeStable() % 1_000_003);

    private static int AgeOn(DateOnly birth, DateOnly date)
    {
        var age = date.Year - birth.Year;
        return birth.AddYears(age) > date ? age - 1 : age;
    }
}

/// <summary>A skills-training course of the demo county.</summary>
public sealed record DemoCourse(string Name, string Trade, string TownshipCode, DateOnly StartsOn, DateOnly EndsOn);
