using Platform.Households.Domain;

namespace Platform.Households.Exit;

public sealed record WhatIfIncome(string? Kind, decimal? Amount, bool? CountsTowardExit);

/// <summary>假设分析: income the household would add, guarantees assumed met or not, another household size.</summary>
public sealed record WhatIfRequest(int? Year, IReadOnlyList<WhatIfIncome>? AddedIncome, IReadOnlyDictionary<string, bool>? Guarantees, int? HouseholdSize);

/// <summary>The verdict as things stand, and as they would stand with the request's changes.</summary>
public sealed record WhatIfResult(ExitVerdict Current, ExitVerdict WhatIf);

public sealed record CreateExitBatchRequest(string? VillageCode, int? Year, string? Name, IReadOnlyList<Guid>? HouseholdIds, DateOnly? On);

public sealed record AddToBatchRequest(IReadOnlyList<Guid>? HouseholdIds, DateOnly? On);

/// <summary>A procedure step: when (for the notice, from <c>on</c> until <c>until</c>), which households (confirmation), a note.</summary>
public sealed record ExitStepRequest(DateOnly? On, DateOnly? Until, IReadOnlyList<Guid>? HouseholdIds, string? Note);

public sealed record ObjectionRequest(Guid? HouseholdId, DateOnly? On, string? RaisedBy, string? Content);

public sealed record ObjectionResolutionRequest(bool? Upheld, string? Resolution, DateOnly? On);

public sealed record WithdrawalRequest(Guid? HouseholdId, string? Reason, DateOnly? On);

public sealed record ExitObjectionDto(Guid Id, DateOnly RaisedOn, string RaisedBy, string Content, DateOnly? ResolvedOn, bool? Upheld, string? Resolution);

public sealed record ExitCaseDto(
    Guid HouseholdId, string HouseholdNumber, string? HeadName, ExitCaseState State, int People, string? ReturnReason, IReadOnlyList<ExitObjectionDto> Objections);

public sealed record ExitStepDto(ExitStep Step, Guid? HouseholdId, DateOnly On, string By, DateTimeOffset RecordedAt, string? Note, ExitVerdict? Verdict);

public sealed record ExitBatchSummary(
    Guid Id, string VillageCode, string VillageName, int Year, string Name, int Cases, int Active, int Exited, int Returned,
    DateOnly? ReviewedOn, DateOnly? NoticeFrom, DateOnly? NoticeUntil, DateOnly? AnnouncedOn, DateOnly? ExitedOn);

public sealed record ExitBatchDetail(ExitBatchSummary Batch, IReadOnlyList<ExitCaseDto> Cases, IReadOnlyList<ExitStepDto> Steps);

/// <summary>A household's exit record: every case it was in with its steps, the status changes (returns to poverty), its exit years.</summary>
public sealed record ExitHistory(
    Guid HouseholdId, int? ExitYear, int? FirstExitYear, IReadOnlyList<ExitHistoryCase> Cases, IReadOnlyList<StatusChangeDto> StatusChanges);

public sealed record ExitHistoryCase(Guid BatchId, string BatchName, int Year, ExitCaseState State, string? ReturnReason, IReadOnlyList<ExitStepDto> Steps);

public sealed record StatusChangeDto(Contracts.Households.HouseholdStatus From, Contracts.Households.HouseholdStatus To, string Reason, string ChangedBy, DateTimeOffset ChangedAt);

/// <summary>A poor household of a village with its verdict for the year (退出预选).</summary>
public sealed record ExitCandidate(Guid HouseholdId, string HouseholdNumber, string? HeadName, ExitVerdict Verdict);

/// <summary>An exited household (drill-down of the exit figures).</summary>
public sealed record ExitedHousehold(Guid HouseholdId, string HouseholdNumber, string VillageCode, string VillageName, string? HeadName, int? ExitYear, int? FirstExitYear, int People);
