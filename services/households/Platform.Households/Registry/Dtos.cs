using Platform.Contracts.Households;
using Platform.Contracts.People;
using Platform.Contracts.Registry;
using Platform.Households.Domain;

namespace Platform.Households.Registry;

/// <summary>A household in a list (户列表).</summary>
public sealed record HouseholdListItem(
    Guid Id,
    string HouseholdNumber,
    string TownshipName,
    string VillageCode,
    string VillageName,
    HouseholdStatus Status,
    PovertyCause MainCause,
    string? HeadName,
    string? HeadIdNumber,
    int Size);

/// <summary>One household with its members (户详情). ID numbers and phone are masked.</summary>
public sealed record HouseholdDetail(
    Guid Id,
    string HouseholdNumber,
    string TownshipCode,
    string TownshipName,
    string VillageCode,
    string VillageName,
    HouseholdStatus Status,
    PovertyCause MainCause,
    IReadOnlyList<PovertyCause> OtherCauses,
    string? Phone,
    int RegisteredYear,
    int? ExitYear,
    IReadOnlyList<MemberDetail> Members,
    IReadOnlyList<GuaranteeDetail> Guarantees);

/// <summary>
/// A member as every reader sees it: the ID number masked and the birth year, never the birth date (the
/// date is eight of the number's eighteen characters; the audited reveal shows the whole number).
/// </summary>
public sealed record MemberDetail(
    Guid Id,
    string IdNumber,
    string Name,
    Sex Sex,
    int BirthYear,
    string Relation,
    HealthStatus Health,
    int? DisabilityGrade,
    LabourAbility LabourAbility,
    SchoolingStatus SchoolingStatus,
    string? Ethnicity,
    DateTimeOffset? RemovedAt,
    MemberRemovalReason? RemovalReason)
{
    public static MemberDetail From(Member member) => new(
        member.Id,
        ResidentIdNumber.Mask(member.IdNumber),
        member.Name,
        member.Sex,
        member.BirthDate.Year,
        member.Relation,
        member.Health,
        member.DisabilityGrade,
        member.LabourAbility,
        member.SchoolingStatus,
        member.Ethnicity,
        member.RemovedAt,
        member.RemovalReason);
}

public sealed record GuaranteeDetail(Guarantee Guarantee, bool Met, string Reason, Pillar Source, string SourceRecordId, DateTimeOffset AssessedAt);

public sealed record AddMemberRequest(MemberSubmission? Member, string? Reason);

public sealed record RemoveMemberRequest(string? Reason, string? Note);

public sealed record ChangeStatusRequest(string? Status, string? Reason, int? Year);

/// <summary>迁移: the village the household is filed under from now on, and why (e.g. 易地扶贫搬迁至某安置点).</summary>
public sealed record MoveRequest(string? VillageCode, string? Reason);

public sealed record MemberLookupRequest(string? IdNumber);

/// <summary>Why the caller needs the whole number (kept in the audit log), e.g. 核对医保报销材料.</summary>
public sealed record RevealIdentityRequest(string? Reason);

/// <summary>A member's resident ID number and the household's phone, whole: only ever the answer to an audited reveal.</summary>
public sealed record MemberIdentity(Guid MemberId, string Name, string IdNumber, string? HouseholdPhone);

public sealed record TownshipDto(string Code, string Name, int Villages);

public sealed record VillageDto(string Code, string Name, string TownshipCode, string TownshipName, int RuralPopulation, bool IsPoorVillage);

/// <summary>The county's figures the portal shows (全县概况).</summary>
public sealed record CountyFigures(
    int Townships,
    int Villages,
    int PoorVillages,
    long RuralPopulation,
    long Households,
    long People,
    long PoorHouseholds,
    long PoorPeople,
    long ExitedHouseholds,
    long ExitedPeople,
    long MonitoredHouseholds,
    long MonitoredPeople);
