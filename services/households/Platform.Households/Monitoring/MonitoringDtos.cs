using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.Households.Domain;

namespace Platform.Households.Monitoring;

public sealed record RaiseFlagRequest(Guid? HouseholdId, string? Category, string? Trigger, string? Reason, DateOnly? On);

/// <summary>纳入监测 a household never registered as poor, with its members, and its flag.</summary>
public sealed record MonitoredHouseholdRequest(HouseholdSubmission? Household, string? Category, string? Trigger, string? Reason, DateOnly? On);

/// <summary>帮扶回访: the per-capita income found (else the registry's own figure for the year), whether the cause is resolved.</summary>
public sealed record ReviewRequest(DateOnly? On, decimal? PerCapitaIncome, bool? CauseResolved, string? Note);

public sealed record RemovalRequest(string? Reason);

public sealed record MeasureRequest(string? Category, string? Description, DateOnly? StartedOn, Guid? FlagId);

public sealed record IncomeCheckRequest(int? Year);

/// <summary>What the yearly income check did: flags raised, households already flagged, households without income records that year.</summary>
public sealed record IncomeCheckResult(int Year, decimal MonitoringLine, int Checked, int BelowLine, int Raised, int AlreadyFlagged, int WithoutIncome);

public sealed record FlagListItem(
    Guid Id, Guid HouseholdId, string HouseholdNumber, string VillageCode, string VillageName, HouseholdStatus HouseholdStatus,
    MonitoringCategory Category, MonitoringTrigger Trigger, string Reason, DateOnly RaisedOn, DateOnly? StableSince, bool CauseResolved, DateOnly? RemovedOn);

public sealed record ReviewDto(DateOnly On, string By, decimal PerCapitaIncome, decimal MonitoringLine, bool AboveLine, bool CauseResolved, string? Note);

public sealed record SignalDto(MonitoringTrigger Trigger, Pillar? Source, string? SourceRecordId, ExpenseKind? ExpenseKind, decimal? Amount, bool AboveThreshold, DateOnly On, string Description);

public sealed record MeasureDto(Guid Id, Guid? FlagId, MeasureCategory Category, string Description, DateOnly StartedOn, string By);

/// <summary>A flag with who raised it, how it ended (risk-eliminated, or became-poor on a return to poverty), its reviews, signals and measures.</summary>
public sealed record FlagDetail(
    FlagListItem Flag, string RaisedBy, string? RemovedBy, string? RemovalReason, FlagEnding? Ending,
    IReadOnlyList<ReviewDto> Reviews, IReadOnlyList<SignalDto> Signals, IReadOnlyList<MeasureDto> Measures);

/// <summary>The filters of the monitoring list and of its export; state is open (default), removed or all.</summary>
public sealed record FlagFilter(string? Category, string? State, string? Trigger, string? Township, string? Village, Guid? Household);
