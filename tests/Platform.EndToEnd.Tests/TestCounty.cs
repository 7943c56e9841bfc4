using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Contracts.People;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// A small county for scenarios through the gateway: two townships, the test users' village
/// (<see cref="PlatformFixture.Village"/>), a second village of the same township and one of another
/// township; households registered by the county office over REST, with people no other call has.
/// </summary>
public static class TestCounty
{
    public const string OtherVillageOfTownship = "420325001002";
    public const string OtherTownship = "420325002";
    public const string VillageOfOtherTownship = "420325002001";

    private static int sequence = 600;

    public sealed record Person(string IdNumber, string Name, string Relation, DateOnly BirthDate)
    {
        public Guid Id { get; set; }
    }

    public sealed record RegisteredHousehold(Guid Id, string Number, string VillageCode, IReadOnlyList<Person> Members);

    /// <summary>Creates the townships and villages (the county office's gRPC import; repeating it only updates them).</summary>
    public static async Task ImportPlacesAsync(GrpcChannel countyOffice) =>
        await new HouseholdRegistry.HouseholdRegistryClient(countyOffice).ImportVillagesAsync(Places());

    /// <summary>The county's townships and villages, as the registry's import takes them.</summary>
    public static ImportVillagesRequest Places() => new()
    {
        Townships = { new TownshipRecord { Code = PlatformFixture.Township, Name = "城关镇" }, new TownshipRecord { Code = OtherTownship, Name = "军店镇" } },
        Villages =
        {
            new VillageRecord { Code = PlatformFixture.Village, Name = "东城村", TownshipCode = PlatformFixture.Township, RuralPopulation = 900, IsPoorVillage = true },
            new VillageRecord { Code = OtherVillageOfTownship, Name = "西城村", TownshipCode = PlatformFixture.Township, RuralPopulation = 800 },
            new VillageRecord { Code = VillageOfOtherTownship, Name = "军店村", TownshipCode = OtherTownship, RuralPopulation = 700 },
        },
    };

    /// <summary>A school roll saying a child of compulsory age is not at school, naming both lines of responsibility (it opens a dropout case).</summary>
    public static Platform.Contracts.Grpc.Education.V1.SchoolRollRecord NotEnrolled(string idNumber, string name) => new()
    {
        IdNumber = idNumber, Name = name, Status = "not-enrolled", Note = "适龄未入学",
        AdministrativeOfficer = new Platform.Contracts.Grpc.Education.V1.ResponsiblePerson { Name = "张村长", Position = "村主任" },
        EducationOfficer = new Platform.Contracts.Grpc.Education.V1.ResponsiblePerson { Name = "李老师", Position = "班主任" },
    };

    /// <summary>A person born on that day, with a number nobody else has.</summary>
    public static Person NewPerson(string name, string relation, DateOnly birthDate, bool male = true)
    {
        var next = Interlocked.Increment(ref sequence);
        return new Person(ResidentIdNumber.Create("420325", birthDate, (next % 450 * 2) + (male ? 1 : 0)).Value, name, relation, birthDate);
    }

    /// <summary>Someone who is <paramref name="schoolAge"/> at the start of this school year (born in March).</summary>
    public static DateOnly BornAtSchoolAge(int schoolAge)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var start = new DateOnly(today.Month >= 9 ? today.Year : today.Year - 1, 9, 1);
        return new DateOnly(start.Year - schoolAge, 3, 10 + (Interlocked.Increment(ref sequence) % 15));
    }

    public static string NewHouseholdNumber() =>
        "E2E" + Interlocked.Increment(ref sequence).ToString("D5", CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..5];

    /// <summary>Registers a household through the gateway and returns it with its members' ids.</summary>
    public static async Task<RegisteredHousehold> RegisterAsync(HttpClient county, string village, params Person[] members)
    {
        ArgumentNullException.ThrowIfNull(county);
        var number = NewHouseholdNumber();
        using var response = await county.PostAsJsonAsync("/api/households", RegistrationBody(number, village, members));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"registration: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var ids = json.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("id").GetGuid());
        foreach (var member in members)
        {
            member.Id = ids[member.Name];
        }

        return new RegisteredHousehold(json.GetProperty("id").GetGuid(), number, village, members);
    }

    /// <summary>The body of a valid registration (POST /api/households).</summary>
    public static object RegistrationBody(string number, string village, params Person[] members) => new
    {
        householdNumber = number,
        villageCode = village,
        status = "poor",
        mainCause = "illness",
        registeredYear = 2016,
        phone = "13800001234",
        members = members.Select(m => new { idNumber = m.IdNumber, name = m.Name, relation = m.Relation }).ToArray(),
    };

    /// <summary>Waits until the education pillar knows the household (its students' route answers for the county office).</summary>
    public static Task KnownToEducationAsync(HttpClient county, Guid household, int students) =>
        Eventually.AssertAsync(
            async () =>
            {
                using var response = await county.GetAsync(new Uri($"/api/education/households/{household}/students", UriKind.Relative));
                return response.IsSuccessStatusCode && JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetArrayLength() == students;
            },
            TimeSpan.FromSeconds(60),
            "the education pillar knows the household");

    /// <summary>The status of a gRPC call (OK when it returned).</summary>
    public static async Task<StatusCode> StatusOfAsync(Func<Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RpcException error)
        {
            return error.StatusCode;
        }
    }
}
