using Platform.Households.Domain;

namespace Platform.Households.Helpers;

/// <summary>A helper as county or township staff register one (帮扶责任人, 驻村干部): name, work unit, phone, kind, their own reference.</summary>
public sealed record HelperRequest(string? Name, string? WorkUnit, string? Phone, string? Kind, string? ExternalRef);

/// <summary>A helper: the phone masked; the households paired now and the team stationed in, within the caller's scope.</summary>
public sealed record HelperDto(Guid Id, string Name, string WorkUnit, string? Phone, HelperKind Kind, string? ExternalRef, int ActivePairings, Guid? TeamId);

public sealed record HelperDetail(HelperDto Helper, IReadOnlyList<PairingDto> Pairings);

/// <summary>结对: which helper (by id), from when (today if left out).</summary>
public sealed record PairingRequest(Guid? CadreId, DateOnly? From);

/// <summary>An end (结对结束, 离队, 撤回): on which day (today if left out), and why.</summary>
public sealed record EndRequest(DateOnly? To, string? Reason);

public sealed record PairingDto(
    Guid Id, Guid HouseholdId, string HouseholdNumber, string VillageCode, Guid CadreId, string HelperName, string WorkUnit, string? Phone, HelperKind Kind,
    DateOnly From, DateOnly? To, string? EndReason);

/// <summary>驻村工作队: the village it is stationed in, the sending unit, from when.</summary>
public sealed record WorkTeamRequest(string? VillageCode, string? SendingUnit, DateOnly? From);

/// <summary>驻村: a helper joins a team as first secretary, leader or member.</summary>
public sealed record StationRequest(Guid? CadreId, string? Role, DateOnly? From);

public sealed record TeamMemberDto(long Id, Guid CadreId, string Name, string WorkUnit, string? Phone, TeamRole Role, DateOnly From, DateOnly? To);

public sealed record WorkTeamDto(
    Guid Id, string VillageCode, string VillageName, string TownshipCode, bool IsPoorVillage, string SendingUnit, DateOnly From, DateOnly? To,
    IReadOnlyList<TeamMemberDto> Members);

/// <summary>A helper's phone whole: only ever the answer to an audited request with a reason.</summary>
public sealed record HelperContact(Guid Id, string Name, string WorkUnit, string? Phone);

/// <summary>Why the caller needs the phone whole (kept in the audit log).</summary>
public sealed record ContactRequest(string? Reason);
