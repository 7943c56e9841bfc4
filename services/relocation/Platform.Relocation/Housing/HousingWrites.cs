using Platform.Contracts;
using Platform.Relocation.Domain;
using Platform.Relocation.Guarantees;
using Platform.Relocation.Subsidies;
using Platform.ServiceDefaults;

namespace Platform.Relocation.Housing;

/// <summary>An appraisal as a feed or the portal states it.</summary>
public sealed record AppraisalInput(HouseGrade Grade, DateOnly AppraisedOn, string Agency, string ReportNumber);

/// <summary>A renovation project as stated: its number, programme and method, start, and acceptance when done.</summary>
public sealed record RenovationInput(string ProjectNumber, RenovationProgramme Programme, RenovationMethod Method, DateOnly StartedOn, DateOnly? AcceptedOn, string? AcceptedBy, decimal? Subsidy);

/// <summary>
/// The housing records' writes, shared by the housing bureau's feed and the portal: each adds its record to the
/// unit of work through the <see cref="SafetyBook"/> (so the household's housing guarantee sees it) and
/// returns what changed; the caller assesses the households it touched and saves once.
/// </summary>
public sealed class HousingWrites(SafetyBook book, SubsidyLedger subsidies, TimeProvider clock)
{
    public HousingAppraisal Appraise(HouseOwner owner, AppraisalInput input, string by)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow();
        var appraisal = new HousingAppraisal
        {
            Id = Guid.CreateVersion7(now),
            HouseholdId = owner.HouseholdId,
            OwnerIdNumber = owner.IdNumber,
            OwnerName = owner.Name,
            VillageCode = owner.VillageCode,
            TownshipCode = owner.TownshipCode,
            Grade = input.Grade,
            AppraisedOn = input.AppraisedOn,
            Agency = input.Agency,
            ReportNumber = input.ReportNumber,
            RecordedAt = now,
            RecordedBy = by,
        };
        book.Add(appraisal);
        return appraisal;
    }

    /// <summary>Starts a project (and accepts it when the input says so); refused before anything is added.</summary>
    public (RenovationProject? Project, RuleResult Result) Start(HouseOwner owner, RenovationInput input, string by)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow();
        var project = new RenovationProject
        {
            Id = Guid.CreateVersion7(now),
            HouseholdId = owner.HouseholdId,
            OwnerIdNumber = owner.IdNumber,
            OwnerName = owner.Name,
            VillageCode = owner.VillageCode,
            TownshipCode = owner.TownshipCode,
            ProjectNumber = input.ProjectNumber,
            Programme = input.Programme,
            Method = input.Method,
            StartedOn = input.StartedOn,
            RecordedAt = now,
            RecordedBy = by,
        };
        if (input.AcceptedOn is { } accepted)
        {
            var result = project.Accept(accepted, input.AcceptedBy, clock.Today());
            if (!result.Succeeded)
            {
                return (null, result);
            }
        }

        var paid = CheckSubsidy(project, input.Subsidy);
        if (!paid.Succeeded)
        {
            return (null, paid);
        }

        book.Add(project);
        PaySubsidy(project, input.Subsidy, by);
        return (project, RuleResult.Ok);
    }

    /// <summary>A known project stated again: it may be accepted now, or its subsidy corrected; nothing else changes.</summary>
    public (RuleResult Result, bool Changed) Update(RenovationProject project, RenovationInput input, string by)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(input);
        if (project.Programme != input.Programme || project.Method != input.Method || project.StartedOn != input.StartedOn)
        {
            return (RuleResult.Fail("programme", $"项目{project.ProjectNumber}已登记，改造类别、方式和开工日期不能更改"), false);
        }

        var paid = CheckSubsidy(project, input.Subsidy, input.AcceptedOn);
        if (!paid.Succeeded)
        {
            return (paid, false);
        }

        var changed = false;
        if (input.AcceptedOn is { } accepted)
        {
            var wasAccepted = project.IsAccepted;
            var result = project.Accept(accepted, input.AcceptedBy, clock.Today());
            if (!result.Succeeded)
            {
                return (result, false);
            }

            if (!wasAccepted)
            {
                book.Changed(project);
                changed = true;
            }
        }

        changed |= PaySubsidy(project, input.Subsidy, by);
        return (RuleResult.Ok, changed);
    }

    public ToiletRenovation Toilet(HouseOwner owner, ToiletType type, DateOnly completedOn, string by)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var now = clock.GetUtcNow();
        return new ToiletRenovation
        {
            Id = Guid.CreateVersion7(now),
            HouseholdId = owner.HouseholdId,
            OwnerIdNumber = owner.IdNumber,
            OwnerName = owner.Name,
            VillageCode = owner.VillageCode,
            TownshipCode = owner.TownshipCode,
            Type = type,
            CompletedOn = completedOn,
            RecordedAt = now,
            RecordedBy = by,
        };
    }

    public static string SourceOf(RenovationProject project) => "renovation:" + project.Id;

    /// <summary>危房改造补助: for a registered household's accepted project, paid on its acceptance.</summary>
    private static RuleResult CheckSubsidy(RenovationProject project, decimal? amount, DateOnly? acceptedOn = null)
    {
        if (amount is not { } value)
        {
            return RuleResult.Ok;
        }

        if (project.HouseholdId is null)
        {
            return RuleResult.Fail("subsidy", "补助收入记入建档立卡户；非建档立卡户的补助不在此登记");
        }

        if (!project.IsAccepted && acceptedOn is null)
        {
            return RuleResult.Fail("subsidy", "竣工验收后发放危房改造补助");
        }

        return SubsidyPayment.CheckAmount(value, "subsidy");
    }

    private bool PaySubsidy(RenovationProject project, decimal? amount, string by) =>
        amount is { } value && subsidies.Pay(project.HouseholdId!.Value, SubsidyKind.Renovation, SourceOf(project), value, project.AcceptedOn!.Value, by);
}
