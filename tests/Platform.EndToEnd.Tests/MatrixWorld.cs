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
    private readonly Dictionary<Target, Queue<PoolHousehold>> fresh = new() { [Target.Inside] = new(), [Target.Outside] = new() };
    private readonly Dictionary<Target, PoolHousehold> shared = [];

    public sealed record Person(Guid Id, string IdNumber, string Name);

    public sealed record PoolHousehold(Guid Id, string Number, string Village, Person Head, Person Pupil, Person Disabled, Person Young, Guid CaseId);

    public static string VillageOf(Target target) => target == Target.Inside ? PlatformFixture.Village : TestCounty.VillageOfOtherTownship;

    public PoolHousehold Shared(Target target) => shared[target];

    public async Task StartAsync()
    {
        await TestCounty.ImportPlacesAsync(county.Grpc);
        foreach (var target in Enum.GetValues<Target>())
        {
            shared[target] = await FreshAsync(target);
        }
    }

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
