using Platform.Contracts.Grpc.Households.V1;

namespace Platform.DemoCounty;

/// <summary>
/// One generated 建档立卡 household: registered as poor in <see cref="RegisteredYear"/>, it exits in
/// <see cref="ExitYear"/> through its village's procedure (<see cref="DemoCampaign"/>), and may be under
/// monitoring today. The string fields use the wire vocabulary of <c>households/v1/registry.proto</c> (see
/// <see cref="Vocabulary"/>), so <see cref="ToRecord"/> is a plain copy.
/// </summary>
public sealed record DemoHousehold(
    int Index,
    string HouseholdNumber,
    string TownshipCode,
    string VillageCode,
    bool InPoorVillage,
    bool UnderMonitoring,
    string MainCause,
    IReadOnlyList<string> OtherCauses,
    string Phone,
    int RegisteredYear,
    int ExitYear,
    IReadOnlyList<DemoMember> Members)
{
    /// <summary>The head of household (户主): always the first member.</summary>
    public DemoMember Head => Members[0];

    /// <summary>The caller's reference echoed by the import summary (e.g. DC-000001).</summary>
    public string ClientRef => $"DC-{Index + 1:000000}";

    /// <summary>
    /// The gRPC record streamed to <c>HouseholdRegistry.ImportHouseholds</c>: registered as poor (建档立卡); the
    /// exit comes later, through the procedure.
    /// </summary>
    public HouseholdRecord ToRecord()
    {
        var record = new HouseholdRecord
        {
            ClientRef = ClientRef,
            HouseholdNumber = HouseholdNumber,
            VillageCode = VillageCode,
            Status = Vocabulary.Poor,
            MainCause = MainCause,
            Phone = Phone,
            RegisteredYear = RegisteredYear,
        };
        record.OtherCauses.AddRange(OtherCauses);
        foreach (var member in Members)
        {
            record.Members.Add(member.ToRecord());
        }

        return record;
    }
}

/// <summary>One member of a generated household. <see cref="IdNumber"/> is a valid 420325 number.</summary>
public sealed record DemoMember(
    string IdNumber,
    string Name,
    string Sex,
    DateOnly BirthDate,
    int Age,
    string Relation,
    string Health,
    int? DisabilityGrade,
    string LabourAbility,
    string SchoolingStatus,
    string Ethnicity)
{
    public bool IsMale => string.Equals(Sex, Vocabulary.Male, StringComparison.Ordinal);

    /// <summary>Whether the member counts in the household's size of <paramref name="year"/> (the registry counts a member from birth).</summary>
    public bool CountsIn(int year) => BirthDate <= new DateOnly(year, 12, 31);

    public MemberRecord ToRecord() => new()
    {
        IdNumber = IdNumber,
        Name = Name,
        Sex = Sex,
        Relation = Relation,
        Health = Health,
        DisabilityGrade = DisabilityGrade,
        LabourAbility = LabourAbility,
        SchoolingStatus = SchoolingStatus,
        Ethnicity = Ethnicity,
    };
}
