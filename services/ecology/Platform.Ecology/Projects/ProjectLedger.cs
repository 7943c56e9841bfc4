using System.Globalization;
using Platform.Contracts;
using Platform.Contracts.Registry;
using Platform.Ecology.Data;
using Platform.Ecology.Domain;
using Platform.Ecology.Rangers;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults;

namespace Platform.Ecology.Projects;

/// <summary>
/// Records a household's wages or dividend from a project inside the caller's unit of work: joins the
/// household to the project when new, adds the income and its record for the registry (wage or property
/// income) to the outbox. Used by the portal and the bulk feed; the caller has checked it is not recorded yet.
/// </summary>
public sealed class ProjectLedger(EcologyDbContext db, TimeProvider clock)
{
    public RuleResult TryRecord(
        EcologyProject project, Guid householdId, Guid? memberId, bool joined, ProjectIncomeKind kind, int year, decimal amount, string? note, string recordedBy, out ProjectIncome? income)
    {
        ArgumentNullException.ThrowIfNull(project);
        income = null;
        var check = ProjectIncome.Check(project, year, amount, clock.Today());
        if (!check.Succeeded)
        {
            return check;
        }

        var now = clock.GetUtcNow();
        if (!joined)
        {
            db.ProjectHouseholds.Add(ProjectHousehold.Join(project.Id, householdId, now));
        }

        income = ProjectIncome.Make(project, householdId, memberId, kind, year, amount, note, recordedBy, now);
        db.ProjectIncomes.Add(income);
        db.AddIntegrationEvent(
            Income.Recorded(
                householdId, memberId, year, kind == ProjectIncomeKind.Wage ? IncomeKind.Wage : IncomeKind.Property, amount, income.Id,
                string.Create(CultureInfo.InvariantCulture, $"{project.Name}{year}年{EcologyNames.Of(kind)}"), now),
            clock);
        return RuleResult.Ok;
    }

    public static string AlreadyRecorded(ProjectIncomeKind kind, int year) =>
        string.Create(CultureInfo.InvariantCulture, $"该户{year}年在本项目的{EcologyNames.Of(kind)}已登记，不能重复登记");
}
