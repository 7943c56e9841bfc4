using Platform.Contracts.Households;
using Platform.Contracts.People;
using Platform.Contracts.Registry;
using Platform.Households.Domain;

namespace Platform.Households.Tests.Domain;

/// <summary>Households, income and assessments for the domain's unit tests, without a database.</summary>
internal static class DomainFactory
{
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 2, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = new(2026, 11, 29);

    public static MemberRegistration Person(string relation, DateOnly birth, int sequence) =>
        new(ResidentIdNumber.Create("420325", birth, sequence), "张三", sequence % 2 == 1 ? Sex.Male : Sex.Female, relation,
            HealthStatus.Healthy, null, LabourAbility.Normal, SchoolingStatus.LeftSchool, "汉族");

    /// <summary>A poor household registered in <paramref name="registeredYear"/> with <paramref name="size"/> adults.</summary>
    public static Household Household(int size = 2, int registeredYear = 2015)
    {
        var members = Enumerable.Range(0, size)
            .Select(i => Person(i == 0 ? "户主" : "之子", new DateOnly(1960 + i, 1, 1), 11 + (i * 2)))
            .ToList();
        var registration = new HouseholdRegistration(
            "H" + Guid.NewGuid().ToString("N")[..8], "420325001001", HouseholdStatus.Poor, PovertyCause.Illness, [], null, registeredYear, null, members);
        return Platform.Households.Domain.Household.Register(registration, 1, Now);
    }

    public static IncomeRecord IncomeOf(Guid household, int year, IncomeKind kind, decimal amount, bool counts = true) => new()
    {
        Id = Guid.NewGuid(), HouseholdId = household, Year = year, Kind = kind, Amount = amount, CountsTowardExit = counts,
        Source = Pillar.Industry, SourceRecordId = Guid.NewGuid().ToString(), EventId = Guid.NewGuid(), RecordedAt = Now,
    };

    public static GuaranteeAssessment Assessment(Guid household, Guarantee guarantee, bool met, DateTimeOffset? at = null, Pillar? source = null) => new()
    {
        Id = Guid.NewGuid(), HouseholdId = household, Guarantee = guarantee, Met = met, Reason = met ? "达标" : "未达标：D级危房",
        Source = source ?? GuaranteeOwners.OwnerOf(guarantee), SourceRecordId = "record-" + guarantee, AssessedAt = at ?? Now, ReceivedAt = Now,
    };

    public static List<GuaranteeState> AllMet(Guid household) =>
        GuaranteeOwners.All.Select(g => GuaranteeState.From(Assessment(household, g, met: true))).ToList();
}
