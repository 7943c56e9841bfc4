using Platform.Contracts.Registry;
using Platform.Contracts.Welfare;
using Platform.Messaging.Households;
using Platform.Welfare.Data;
using Platform.Welfare.Domain;

namespace Platform.Welfare.Assistance;

/// <summary>A household that meets the conditions of 低保 or 特困 for a year, with the figures of its means test.</summary>
public sealed class QualifyingHousehold
{
    public required ReplicaHousehold Household { get; init; }

    public required int People { get; init; }

    public required decimal AnnualIncome { get; init; }

    public required SocialAssistanceCategory Category { get; init; }

    public required bool Enrolled { get; init; }
}

/// <summary>
/// <see cref="AssistanceRules.Qualifies"/> as one query over many households (应保尽保): the same conditions —
/// every member unable to support themselves and income under the 特困 standard for all, else income under the
/// 低保 standard for all — with the means-test income of <see cref="AssistanceRules.MeansIncome"/>. The API tests
/// check the query against the rule for households of every kind.
/// </summary>
internal static class AssistanceQueries
{
    public static IQueryable<QualifyingHousehold> Qualifying(WelfareDbContext db, IQueryable<ReplicaHousehold> households, AssistanceStandard standard, DateOnly today)
    {
        var year = standard.Year;
        var oldBy = AssistanceRules.OldAgeBornBy(today);
        var minorAfter = AssistanceRules.MinorBornAfter(today);
        var minimumLiving = standard.MinimumLivingAnnual;
        var extremePoverty = standard.ExtremePovertyAnnual;
        var members = db.ReplicaMembers.Where(m => m.LeftAt == null);
        var able = members.Where(m =>
            !((m.LabourAbility == LabourCodes.None || m.LabourAbility == LabourCodes.NotWorkingAge)
              && (m.BirthDate <= oldBy || m.BirthDate > minorAfter || m.DisabilityGrade != null || m.Health == HealthCodes.Disabled)));
        // Each household's figures once, by joins on grouped rows: as correlated subqueries EF repeats them in
        // every branch of the test (fifteen lookups a household; half a second for the county's figures).
        var people = members.GroupBy(m => m.HouseholdId).Select(g => new { HouseholdId = g.Key, Count = g.Count() });
        var recordedIncome = db.IncomeRecords
            .Where(r => r.Year == year && r.CountsTowardExit && r.Source != Pillar.Welfare)
            .GroupBy(r => r.HouseholdId)
            .Select(g => new { HouseholdId = g.Key, Amount = g.Sum(r => r.Kind == IncomeKind.ProductionCost ? -r.Amount : r.Amount) });
        var checks = db.MeansChecks.Where(c => c.Year == year);
        var tested =
            from h in households
            join p in people on h.Id equals p.HouseholdId
            join i in recordedIncome on h.Id equals i.HouseholdId into incomes
            from i in incomes.DefaultIfEmpty()
            join c in checks on h.Id equals c.HouseholdId into means
            from c in means.DefaultIfEmpty()
            let recorded = (decimal?)i.Amount ?? 0m
            let verified = (decimal?)c.VerifiedIncome
            let income = verified != null && verified > recorded ? verified.Value : recorded
            let allUnable = !able.Any(m => m.HouseholdId == h.Id)
            select new
            {
                Household = h,
                People = p.Count,
                Income = income,
                Category = allUnable && income < extremePoverty * p.Count
                    ? SocialAssistanceCategory.ExtremePoverty
                    : income < minimumLiving * p.Count ? SocialAssistanceCategory.MinimumLiving : (SocialAssistanceCategory?)null,
            };
        return tested
            .Where(t => t.Category != null)
            .Select(t => new QualifyingHousehold
            {
                Household = t.Household,
                People = t.People,
                AnnualIncome = t.Income,
                Category = t.Category!.Value,
                Enrolled = db.AssistanceEnrolments.Any(e => e.HouseholdId == t.Household.Id && e.EndedOn == null),
            });
    }
}
