using Platform.Contracts;

namespace Platform.Relocation.Domain;

/// <summary>
/// A record about a house, of a registered household or of one not registered as poor (无差别: the
/// housing bureau works for both). The owner's resident ID number keys the house: a household registered
/// later finds its house by it. Whole number, never logged.
/// </summary>
public interface IHouseRecord
{
    /// <summary>The registered household the owner belongs to; null for a household not registered as poor.</summary>
    Guid? HouseholdId { get; set; }

    string OwnerIdNumber { get; }

    string OwnerName { get; }

    /// <summary>Where the house stands (a house stays there when its household moves).</summary>
    string VillageCode { get; }

    string TownshipCode { get; }
}

/// <summary>房屋安全鉴定: a house appraised A or B (safe), C (partly dangerous) or D (dangerous as a whole).</summary>
public sealed class HousingAppraisal : IHouseRecord
{
    public required Guid Id { get; init; }

    public Guid? HouseholdId { get; set; }

    public required string OwnerIdNumber { get; init; }

    public required string OwnerName { get; init; }

    public required string VillageCode { get; init; }

    public required string TownshipCode { get; init; }

    public required HouseGrade Grade { get; init; }

    public required DateOnly AppraisedOn { get; init; }

    /// <summary>鉴定机构.</summary>
    public required string Agency { get; init; }

    /// <summary>鉴定报告编号, unique.</summary>
    public required string ReportNumber { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public required string RecordedBy { get; init; }

    /// <summary>"A and B safe; C partly dangerous; D dangerous as a whole" (房屋安全鉴定).</summary>
    public static bool IsSafe(HouseGrade grade) => grade is HouseGrade.A or HouseGrade.B;
}

/// <summary>
/// 危房改造: a dilapidated house reinforced or rebuilt, in the earlier programme or the 2019–2020
/// non-differentiated one (无差别危房改造, poor and non-poor alike); accepted (竣工验收) it is safe.
/// </summary>
public sealed class RenovationProject : IHouseRecord
{
    public required Guid Id { get; init; }

    public Guid? HouseholdId { get; set; }

    public required string OwnerIdNumber { get; init; }

    public required string OwnerName { get; init; }

    public required string VillageCode { get; init; }

    public required string TownshipCode { get; init; }

    /// <summary>项目编号, unique.</summary>
    public required string ProjectNumber { get; init; }

    public required RenovationProgramme Programme { get; init; }

    public required RenovationMethod Method { get; init; }

    public required DateOnly StartedOn { get; init; }

    public DateOnly? AcceptedOn { get; private set; }

    public string? AcceptedBy { get; private set; }

    public required DateTimeOffset RecordedAt { get; init; }

    public required string RecordedBy { get; init; }

    public bool IsAccepted => AcceptedOn is not null;

    /// <summary>竣工验收: once, on or after the start, not in the future, naming who accepted it.</summary>
    public RuleResult Accept(DateOnly on, string? by, DateOnly today)
    {
        if (AcceptedOn is { } accepted)
        {
            return accepted == on ? RuleResult.Ok : RuleResult.Fail("acceptedOn", $"该项目已于{accepted:yyyy-MM-dd}竣工验收");
        }

        var date = Rules.CheckDate(on, today, "acceptedOn");
        if (!date.Succeeded)
        {
            return date;
        }

        if (on < StartedOn)
        {
            return RuleResult.Fail("acceptedOn", $"验收日期不能早于开工日期（{StartedOn:yyyy-MM-dd}）");
        }

        var actor = Rules.CheckActor(by, "acceptedBy");
        if (!actor.Succeeded)
        {
            return actor;
        }

        AcceptedOn = on;
        AcceptedBy = by!.Trim();
        return RuleResult.Ok;
    }
}

/// <summary>无害化卫生厕所改造 of a household (one toilet a household).</summary>
public sealed class ToiletRenovation : IHouseRecord
{
    public required Guid Id { get; init; }

    public Guid? HouseholdId { get; set; }

    public required string OwnerIdNumber { get; init; }

    public required string OwnerName { get; init; }

    public required string VillageCode { get; init; }

    public required string TownshipCode { get; init; }

    public required ToiletType Type { get; init; }

    public required DateOnly CompletedOn { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public required string RecordedBy { get; init; }
}
