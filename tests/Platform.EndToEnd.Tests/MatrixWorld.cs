using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Grpc.Education.V1;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Contracts.People;
using Platform.Education.Data;
using Platform.Households.Data;
using Platform.Testing;
using GrpcHouseholdRecord = Platform.Contracts.Grpc.Households.V1.HouseholdRecord;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The objects the matrix's calls are about, made by the county office before any call is counted: a
/// household for the reads in the test users' village and one in another township, and fresh ones for
/// each write (a head of 45, a boarder of 12 at school, a disabled child of 10 with an open dropout case,
/// a child of 9 without a school roll), so every write request would succeed for a caller that may make it.
/// </summary>
public sealed class MatrixWorld(PlatformFixture platform, Callers.Session county)
{
    private const int Batch = 24;
    private static int sequence;
    private static int villageSequence = 100;
    private readonly Dictionary<Target, Queue<PoolHousehold>> fresh = new() { [Target.Inside] = new(), [Target.Outside] = new() };
    private readonly Dictionary<Target, PoolHousehold> shared = [];

    public sealed record Person(Guid Id, string IdNumber, string Name);

    public sealed record PoolHousehold(Guid Id, string Number, string Village, Person Head, Person Pupil, Person Disabled, Person Young, Guid CaseId);

    public static string VillageOf(Target target) => target == Target.Inside ? PlatformFixture.Village : TestCounty.VillageOfOtherTownship;

    public PoolHousehold Shared(Target target) => shared[target];

    /// <summary>The objects of the registry's exit, monitoring and helpers that the reads are about, one per target.</summary>
    public sealed record RegistryObjects(Guid Batch, Guid Flag, Guid Helper, Guid Team, Guid VillageExit);

    private readonly Dictionary<Target, RegistryObjects> registry = [];

    public RegistryObjects Registry(Target target) => registry[target];

    /// <summary>An inspection (评估检查) of the county, sampling one household of the test users' village.</summary>
    public Guid Inspection { get; private set; }

    public async Task StartAsync()
    {
        await TestCounty.ImportPlacesAsync(county.Grpc);
        foreach (var target in Enum.GetValues<Target>())
        {
            shared[target] = await FreshAsync(target);
            var helper = await HelperAsync();
            await PostAsync($"/api/households/{shared[target].Id}/pairings", new { cadreId = helper });
            var team = await PostAsync("/api/households/work-teams", new { villageCode = VillageOf(target), sendingUnit = "县发改局", from = "2020-03-01" });

            // The test users' village is a poor village; in the other township a poor village of the matrix's own.
            var exitVillage = target == Target.Inside ? PlatformFixture.Village : await FreshVillageAsync(target, poor: true);
            var villageExit = await PostAsync("/api/households/village-exits", new { villageCode = exitVillage });
            registry[target] = new RegistryObjects(await ExitBatchAsync(target), await FlagAsync(target), helper, Id(team), Id(villageExit));
        }

        Inspection = await InspectionAsync();
    }

    /// <summary>A poor household of the target in a new exit batch of its village, proposed by the county office.</summary>
    public async Task<Guid> ExitBatchAsync(Target target) => (await ExitBatchWithHouseholdAsync(target)).Batch;

    public async Task<(Guid Batch, Guid Household)> ExitBatchWithHouseholdAsync(Target target)
    {
        var household = await FreshAsync(target);
        var batch = await PostAsync("/api/households/exit-batches/", ExitBatchBody(VillageOf(target), household.Id));
        return (Id(batch.GetProperty("batch")), household.Id);
    }

    /// <summary>
    /// A batch of 2020 in its notice period (公示), its one household eligible by the pillars' reports:
    /// proposed, reviewed, checked, confirmed and publicised by the county office, dated in the autumn of 2020.
    /// </summary>
    public async Task<(Guid Batch, Guid Household)> PublicisedBatchAsync(Target target)
    {
        var household = (await FreshAsync(target)).Id;
        // Four people: 40,000 a year is 10,000 each, above the line of 2020.
        await ExitScenario.ReportEligibleAsync(e => StreamEvents.PublishAsync(platform.VirtualHost, e), household, income: 40_000m);
        await ExitScenario.WaitEligibleAsync(county.Rest, household);
        var created = await PostAsync("/api/households/exit-batches/", new
        {
            villageCode = VillageOf(target), year = 2020, name = "矩阵公示" + Guid.NewGuid().ToString("N")[..8], householdIds = new[] { household }, on = "2020-10-01",
        });
        var batch = Id(created.GetProperty("batch"));
        foreach (var (step, body) in new (string, object)[]
        {
            ("review", new { on = "2020-10-10" }), ("check", new { on = "2020-10-15" }), ("confirmation", new { on = "2020-10-16" }),
            ("notice", new { on = "2020-10-17", until = "2020-10-24" }),
        })
        {
            await PostAsync($"/api/households/exit-batches/{batch}/steps/{step}", body);
        }

        return (batch, household);
    }

    /// <summary>A publicised batch with an objection raised against its household: (batch, objection).</summary>
    public async Task<(Guid Batch, Guid Objection)> ObjectionAsync(Target target)
    {
        var (batch, household) = await PublicisedBatchAsync(target);
        var objection = await PostAsync($"/api/households/exit-batches/{batch}/objections", ObjectionBody(household));
        return (batch, Id(objection));
    }

    public static object ObjectionBody(Guid household) => new { householdId = household, on = "2020-10-20", raisedBy = "村民代表", content = "该户家中有人长期务工在外，收入情况需再核实" };

    public static object ExitBatchBody(string village, Guid household) => new
    {
        villageCode = village, year = DateTime.UtcNow.AddHours(8).Year, name = "矩阵批次" + Guid.NewGuid().ToString("N")[..8], householdIds = new[] { household },
    };

    /// <summary>A household of the target outside the registry until now, entered in monitoring (边缘易致贫户) by the county office, raised on <paramref name="on"/>.</summary>
    public async Task<Guid> FlagAsync(Target target, DateOnly? on = null) => (await MonitoredHouseholdAsync(target, on)).Flag;

    public static object MonitoredHouseholdBody(string village, DateOnly? on = null) => new
    {
        household = TestCounty.RegistrationBody(TestCounty.NewHouseholdNumber(), village, TestCounty.NewPerson("监测户主", "户主", new DateOnly(1970, 4, 2))),
        category = "edge", trigger = "cadre-visit", reason = "家庭成员患病，收入下降", on = on ?? Today(),
    };

    /// <summary>A household of the target entered in monitoring by the county office (its status monitored), with its open flag.</summary>
    public async Task<(Guid Household, Guid Flag)> MonitoredHouseholdAsync(Target target, DateOnly? on = null)
    {
        var flag = (await PostAsync("/api/households/monitoring/households", MonitoredHouseholdBody(VillageOf(target), on))).GetProperty("flag");
        return (flag.GetProperty("householdId").GetGuid(), Id(flag));
    }

    /// <summary>A monitored household whose flag has ended (risk gone, income stable): it may be flagged again.</summary>
    public async Task<Guid> UnflaggedMonitoredHouseholdAsync(Target target)
    {
        var flag = await StableFlagAsync(target);
        var removed = await PostAsync($"/api/households/monitoring/flags/{flag}/removal", new { reason = "务工收入稳定超过监测线" });
        return removed.GetProperty("flag").GetProperty("householdId").GetGuid();
    }

    /// <summary>A flag whose risk is gone and whose income has stayed above the line for more than six months (reviewed then and today).</summary>
    public async Task<Guid> StableFlagAsync(Target target)
    {
        var flag = await FlagAsync(target, Today().AddDays(-400));
        foreach (var on in new[] { Today().AddDays(-300), Today() })
        {
            await PostAsync($"/api/households/monitoring/flags/{flag}/reviews", new { on, perCapitaIncome = 20_000m, causeResolved = true, note = "务工收入稳定" });
        }

        return flag;
    }

    /// <summary>A helper (帮扶责任人) not yet paired or stationed, made by the county office.</summary>
    public async Task<Guid> HelperAsync() =>
        Id((await PostAsync("/api/households/helpers", new { name = "矩阵帮扶" + Letters(Interlocked.Increment(ref sequence)), workUnit = "县农业农村局", phone = "13900001111", kind = "cadre" })).GetProperty("helper"));

    /// <summary>A fresh household of the target paired with a fresh helper: (household, pairing).</summary>
    public async Task<(Guid Household, Guid Pairing)> PairingAsync(Target target)
    {
        var household = await FreshAsync(target);
        var pairing = await PostAsync($"/api/households/{household.Id}/pairings", new { cadreId = await HelperAsync() });
        return (household.Id, Id(pairing));
    }

    /// <summary>A work team in a new village of the target (one current team per village).</summary>
    public async Task<Guid> TeamAsync(Target target) =>
        Id(await PostAsync("/api/households/work-teams", new { villageCode = await FreshVillageAsync(target, poor: false), sendingUnit = "县财政局", from = "2020-03-01" }));

    /// <summary>A fresh helper stationed in the target's shared team: its station's id.</summary>
    public async Task<long> StationAsync(Target target)
    {
        var cadre = await HelperAsync();
        var team = await PostAsync($"/api/households/work-teams/{Registry(target).Team}/members", new { cadreId = cadre, role = "member", from = "2021-01-01" });
        return team.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("cadreId").GetGuid() == cadre).GetProperty("id").GetInt64();
    }

    /// <summary>A village exit (贫困村出列) proposed in a new poor village of the target, whose incidence is low.</summary>
    public async Task<Guid> VillageExitAsync(Target target) =>
        Id(await PostAsync("/api/households/village-exits", new { villageCode = await FreshVillageAsync(target, poor: true) }));

    /// <summary>A new inspection that draws every poor village (the matrix makes some without households) and one household of each.</summary>
    public async Task<Guid> InspectionAsync() =>
        Id(await PostAsync("/api/households/inspections/", InspectionBody()));

    public static object InspectionBody() => new
    {
        name = "矩阵检查" + Guid.NewGuid().ToString("N")[..8], year = DateTime.UtcNow.AddHours(8).Year - 1, seed = "matrix", poorVillages = 1000, otherVillages = 0, householdsPerVillage = 1,
    };

    /// <summary>The household a new inspection sampled.</summary>
    public async Task<(Guid Inspection, Guid Household)> InspectionWithSampleAsync()
    {
        var inspection = await InspectionAsync();
        var sample = JsonDocument.Parse(await county.Rest.GetStringAsync(new Uri($"/api/households/inspections/{inspection}/sample", UriKind.Relative))).RootElement;
        return (inspection, sample.GetProperty("items")[0].GetProperty("householdId").GetGuid());
    }

    /// <summary>A new village in the target's township (rural population large enough that its incidence is low).</summary>
    public async Task<string> FreshVillageAsync(Target target, bool poor)
    {
        var township = target == Target.Inside ? PlatformFixture.Township : TestCounty.OtherTownship;
        var code = township + Interlocked.Increment(ref villageSequence).ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
        var places = TestCounty.Places();
        places.Villages.Clear();
        places.Villages.Add(new VillageRecord { Code = code, Name = "矩阵村" + code[^3..], TownshipCode = township, RuralPopulation = 50_000, IsPoorVillage = poor });
        await new HouseholdRegistry.HouseholdRegistryClient(county.Grpc).ImportVillagesAsync(places);
        return code;
    }

    public static DateOnly Today() => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private async Task<JsonElement> PostAsync(string path, object body)
    {
        using var response = await county.Rest.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static Guid Id(JsonElement element) => element.GetProperty("id").GetGuid();

    /// <summary>A household nobody has used yet.</summary>
    public async Task<PoolHousehold> FreshAsync(Target target)
    {
        if (fresh[target].Count == 0)
        {
            foreach (var household in await CreateAsync(VillageOf(target), Batch))
            {
                fresh[target].Enqueue(household);
            }
        }

        return fresh[target].Dequeue();
    }

    /// <summary>A course in the township of the target, opened by the county office.</summary>
    public async Task<Guid> CourseAsync(Target target)
    {
        using var response = await county.Rest.PostAsJsonAsync("/api/education/training/courses", CourseBody(VillageOf(target)[..9]));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>A fresh household's head enrolled on a new course by the county office.</summary>
    public async Task<Guid> EnrolmentAsync(Target target)
    {
        var household = await FreshAsync(target);
        using var response = await county.Rest.PostAsJsonAsync($"/api/education/training/courses/{await CourseAsync(target)}/enrolments", new { memberId = household.Head.Id });
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
    }

    public static object CourseBody(string township)
    {
        var start = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(-10);
        return new { name = "矩阵培训班" + Guid.NewGuid().ToString("N")[..8], trade = "电工", townshipCode = township, startsOn = start, endsOn = start.AddDays(9), organiser = "县人社局" };
    }

    /// <summary>A valid household for the registry's bulk import: a head of 45 and three children (12, 10 and disabled, 9).</summary>
    public static GrpcHouseholdRecord HouseholdRecord(string village)
    {
        // Sequences 901–997 (TestCounty's people stay below 900), a day later every 49 households: no number twice.
        var n = Interlocked.Increment(ref sequence);
        var (shift, number) = (n / 49, 901 + (2 * (n % 49)));
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var schoolYear = today.Month >= 9 ? today.Year : today.Year - 1;
        DateOnly AtSchoolAge(int age) => new DateOnly(schoolYear - age, 3, 1).AddDays(shift % 150);
        MemberRecord Member(string relation, string name, DateOnly born, string health = "healthy", int? grade = null) => new()
        {
            IdNumber = ResidentIdNumber.Create("420325", born, number).Value, Name = name, Sex = "male", Relation = relation, Health = health,
            DisabilityGrade = grade, LabourAbility = "normal", SchoolingStatus = "primary",
        };

        var record = new GrpcHouseholdRecord
        {
            ClientRef = "m" + n, HouseholdNumber = "MX" + n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..6],
            VillageCode = village, Status = "poor", MainCause = "illness", RegisteredYear = 2016,
        };
        record.Members.Add(Member("户主", "矩阵户主" + Letters(n), new DateOnly(1981, 2, 1).AddDays(shift)));
        record.Members.Add(Member("之子", "矩阵长子" + Letters(n), AtSchoolAge(12)));
        record.Members.Add(Member("之子", "矩阵次子" + Letters(n), AtSchoolAge(10), "disabled", 2));
        record.Members.Add(Member("之子", "矩阵幼子" + Letters(n), AtSchoolAge(9)));
        return record;
    }

    /// <summary>A number as letters (a name may hold Chinese characters and letters, not digits).</summary>
    private static string Letters(int n)
    {
        var letters = new System.Text.StringBuilder();
        do
        {
            letters.Insert(0, (char)('a' + (n % 26)));
            n /= 26;
        }
        while (n > 0);
        return letters.ToString();
    }

    private async Task<List<PoolHousehold>> CreateAsync(string village, int count)
    {
        var records = Enumerable.Range(0, count).Select(_ => HouseholdRecord(village)).ToList();
        using (var import = new HouseholdRegistry.HouseholdRegistryClient(county.Grpc).ImportHouseholds())
        {
            foreach (var record in records)
            {
                await import.RequestStream.WriteAsync(record);
            }

            await import.RequestStream.CompleteAsync();
            var summary = await import;
            Assert.True(summary.Accepted == count, string.Join("; ", summary.Rejections.Select(r => $"{r.Field}: {r.Reason}")));
        }

        var numbers = records.Select(r => r.HouseholdNumber).ToList();
        var households = await QueryAsync<HouseholdsDbContext, List<(Guid Id, string Number, Dictionary<string, Guid> Members)>>(platform.Households.Services, async db =>
            (await db.Households.Where(h => numbers.Contains(h.HouseholdNumber)).Include(h => h.Members).ToListAsync())
                .Select(h => (h.Id, h.HouseholdNumber, h.Members.ToDictionary(m => m.IdNumber, m => m.Id)))
                .ToList());
        var ids = households.Select(h => h.Id).ToList();
        await Eventually.AssertAsync(
            async () => await QueryAsync<EducationDbContext, int>(platform.Education.Services, db => db.Students.CountAsync(s => ids.Contains(s.HouseholdId))) == 3 * count,
            TimeSpan.FromSeconds(60),
            "the education pillar knows every child of the new households");

        using (var rolls = new SchoolRolls.SchoolRollsClient(county.Grpc).ImportSchoolRolls())
        {
            foreach (var record in records)
            {
                var (pupil, disabled) = (record.Members[1], record.Members[2]);
                await rolls.RequestStream.WriteAsync(new SchoolRollRecord
                {
                    IdNumber = pupil.IdNumber, Name = pupil.Name, SchoolName = "城关镇初级中学", Stage = "junior", Grade = 1, Status = "enrolled", Boarding = true,
                });
                await rolls.RequestStream.WriteAsync(TestCounty.NotEnrolled(disabled.IdNumber, disabled.Name));
            }

            await rolls.RequestStream.CompleteAsync();
            var summary = await rolls;
            Assert.True((summary.Accepted, summary.CasesOpened) == (2 * count, count), string.Join("; ", summary.Rejections.Select(r => $"{r.Field}: {r.Reason}")));
        }

        var disabledIds = households.Select(h => h.Members[records.Single(r => r.HouseholdNumber == h.Number).Members[2].IdNumber]).ToList();
        var cases = await QueryAsync<EducationDbContext, Dictionary<Guid, Guid>>(platform.Education.Services, db =>
            db.DropoutCases.Where(c => disabledIds.Contains(c.StudentId)).ToDictionaryAsync(c => c.StudentId, c => c.Id));
        return households.Select(h =>
        {
            var record = records.Single(r => r.HouseholdNumber == h.Number);
            Person Of(int i) => new(h.Members[record.Members[i].IdNumber], record.Members[i].IdNumber, record.Members[i].Name);
            return new PoolHousehold(h.Id, h.Number, village, Of(0), Of(1), Of(2), Of(3), cases[Of(2).Id]);
        }).ToList();
    }

    private static async Task<TResult> QueryAsync<TContext, TResult>(IServiceProvider services, Func<TContext, Task<TResult>> query)
        where TContext : DbContext
    {
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TContext>());
    }
}
