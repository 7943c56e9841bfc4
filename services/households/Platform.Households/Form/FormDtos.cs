using Platform.Contracts.Households;
using Platform.Households.Domain;

namespace Platform.Households.Form;

/// <summary>
/// The household part of the form (扶贫手册), as county staff send it: codes for the type and the fuel, land in
/// mu (two decimals), living conditions answered yes or no. Land left out is none; distance and area left out are unknown.
/// </summary>
public sealed record HouseholdFormRequest(
    string? Type,
    decimal? CultivatedLand,
    decimal? ForestLand,
    decimal? ReturnedFarmland,
    decimal? Orchard,
    decimal? DistanceToRoadKm,
    bool? DangerousHouse,
    decimal? HouseArea,
    string? Fuel,
    bool? SafeDrinkingWater,
    bool? Electricity,
    bool? BroadcastTv,
    bool? SanitaryToilet,
    bool? CooperativeMember,
    bool? LinkedToLeadEnterprise);

/// <summary>A member's part of the form: education, skill, work, insurance, 低保/特困 status, public-welfare post months.</summary>
public sealed record MemberFormRequest(
    string? Education,
    string? Skill,
    int? MonthsWorked,
    string? WorkPlace,
    bool? ResidentMedicalInsurance,
    bool? CriticalIllnessInsurance,
    bool? Pension,
    string? Welfare,
    int? PublicWelfarePostMonths);

/// <summary>健康状况 and 残疾等级 as found (a cadre's visit, a certificate), and why.</summary>
public sealed record HealthChangeRequest(string? Health, int? DisabilityGrade, string? Reason);

/// <summary>The household's form: its part (null until filled in) and each current member's.</summary>
public sealed record HouseholdFormDto(
    Guid HouseholdId,
    string HouseholdNumber,
    HouseholdStatus Status,
    HouseholdProfileData? Household,
    string? UpdatedBy,
    DateTimeOffset? UpdatedAt,
    IReadOnlyList<MemberFormDto> Members);

/// <summary>A member's form: who (ID number masked), health and disability, labour and schooling, and the rest of the form (null until filled in).</summary>
public sealed record MemberFormDto(
    Guid MemberId,
    string Name,
    string IdNumber,
    string Relation,
    HealthStatus Health,
    int? DisabilityGrade,
    LabourAbility LabourAbility,
    SchoolingStatus SchoolingStatus,
    MemberProfileData? Profile,
    string? UpdatedBy,
    DateTimeOffset? UpdatedAt);
