using Platform.Contracts.People;
using Platform.Faults.Load;

namespace Platform.Faults.Checking;

/// <summary>
/// Compares what every consumer holds with the ledger of what the platform accepted:
/// <list type="bullet">
/// <item>the registry against the load's accepted writes (households, members, removals, status history, latest status and village);</item>
/// <item>the education pillar against the load's accepted writes (grants, dropout cases opened and closed, training completions);</item>
/// <item>the education pillar's copy of the registry (households, members, students and where they live) against the registry;</item>
/// <item>the registry's copy of the pillar's reports (a grant is an income record, a dropout case a guarantee assessment) against the pillar;</item>
/// <item>the pillar against itself where an effect applied twice would show (open cases per household, a completion announced once).</item>
/// </list>
/// </summary>
internal static class ConsistencyChecker
{
    private static readonly string[] StatusCodes = ["poor", "exited", "monitored"];

    public static IReadOnlyList<CheckResult> Check(Ledger ledger, Snapshot snapshot)
    {
        var registry = snapshot.Registry;
        var education = snapshot.Education;
        var entries = ledger.Entries.ToLookup(e => e.Kind, StringComparer.Ordinal);
        IEnumerable<(string, Fate)> Written(string kind) => entries[kind].Select(e => (e.Key, e.Fate));

        var currentRegistry = registry.Members.ToDictionary(m => m.Id);
        var householdOf = registry.Households.ToDictionary(h => h.Id);
        var schoolYearStart = HarnessCounty.SchoolYearStart(HarnessCounty.Today());
        var closed = education.Cases.Where(c => !c.Open).ToList();
        var openByHousehold = education.Cases.Where(c => c.Open).GroupBy(c => c.HouseholdId).ToDictionary(g => g.Key, g => g.Count());

        return
        [
            // What the load wrote, in the registry.
            Tally.Compare("registry: households registered", Written(Effects.Household), registry.Households.Select(h => h.Number)),
            Tally.Compare("registry: members registered or added", Written(Effects.Member), registry.Members.Select(m => m.IdNumber), ResidentIdNumber.Mask),
            Tally.Compare("registry: members removed", Written(Effects.Removal), registry.Members.Where(m => !m.Current && m.RemovalNote is not null).Select(m => m.RemovalNote!)),
            Tally.Compare("registry: status changes (history)", Written(Effects.StatusChange), registry.StatusChangeReasons),
            Tally.CompareLatest("registry: latest status", ledger.Values.Where(v => v.Kind == Effects.Status),
                registry.Households.ToDictionary(h => h.Number, h => StatusCodes[h.Status], StringComparer.Ordinal)),
            Tally.CompareLatest("registry: latest village (moves)", ledger.Values.Where(v => v.Kind == Effects.Village),
                registry.Households.ToDictionary(h => h.Number, h => h.Village, StringComparer.Ordinal)),

            // What the load wrote, in the education pillar.
            Tally.Compare("education: aid grants", Written(Effects.Grant), education.Grants.Select(g => g.StudentId.ToString())),
            Tally.Compare("education: dropout cases opened by school rolls", Written(Effects.DropoutCase), education.Cases.Select(c => c.StudentId.ToString())),
            Tally.Compare("education: cases closed by a roll (back at school)", Written(Effects.ReturnToSchool),
                closed.Where(Snapshot.IsReturnedToSchool).Select(c => c.StudentId.ToString())),
            Tally.Compare("education: cases closed as home teaching", Written(Effects.HomeTeaching), closed.Where(Snapshot.IsHomeTeaching).Select(c => c.Id.ToString())),
            Tally.Compare("education: training completions", Written(Effects.Completion), education.CompletedEnrolments),

            // The registry's household events, as the education pillar applied them.
            Tally.CompareCopy("education <- registry: households (village, status)",
                registry.Households.Select(h => Snapshot.Tuple(h.Id, h.Village, h.Township, h.Status)), education.Households),
            Tally.CompareCopy("education <- registry: members (household, current)",
                registry.Members.Select(m => Snapshot.Tuple(m.Id, m.HouseholdId, m.Current)), education.Members),
            Tally.CompareCopy("education <- registry: students (household, current, village)",
                registry.Members.Where(m => IsFollowedAge(m.BirthDate, schoolYearStart))
                    .Select(m => Snapshot.StudentTuple(m.Id, m.HouseholdId, m.Current, householdOf[m.HouseholdId].Village)),
                education.Students),
            Tally.CompareCopy("education <- registry: no open case of a removed member",
                education.Cases.Where(c => currentRegistry.TryGetValue(c.StudentId, out var m) && !m.Current).Select(c => Snapshot.Tuple(c.Id, false)),
                education.Cases.Where(c => currentRegistry.TryGetValue(c.StudentId, out var m) && !m.Current).Select(c => Snapshot.Tuple(c.Id, c.Open))),

            // The pillar's reports, as the registry applied them.
            Tally.CompareCopy("registry <- education: income records of grants",
                education.Grants.Select(g => Snapshot.Tuple(g.Id, g.HouseholdId, g.Amount)), registry.EducationIncome),
            Tally.CompareCopy("registry <- education: guarantee assessments", education.Assessments, registry.EducationAssessments),
            Tally.CompareCopy("registry <- education: compulsory-education guarantee",
                education.OpenCases.Select(g => Snapshot.Tuple(g.Household, g.OpenCases == 0)), registry.CompulsoryEducation),

            // The pillar against itself.
            Tally.CompareCopy("education: open cases per household",
                education.OpenCases.Select(g => Snapshot.Tuple(g.Household, openByHousehold.GetValueOrDefault(g.Household))),
                education.OpenCases.Select(g => Snapshot.Tuple(g.Household, g.OpenCases))),
            Tally.CompareCopy("education: each completion announced once", education.CompletedEnrolments, education.CompletionAnnouncements),
        ];
    }

    /// <summary>
    /// The pillar follows members of 3 to 22 at 1 September (its SchoolAge rule); the load makes only
    /// children of 7 to 12 and adults of 30 to 50, far from either edge.
    /// </summary>
    private static bool IsFollowedAge(DateOnly birthDate, DateOnly schoolYearStart)
    {
        var age = schoolYearStart.Year - birthDate.Year - (birthDate.AddYears(schoolYearStart.Year - birthDate.Year) > schoolYearStart ? 1 : 0);
        return age is >= 3 and <= 22;
    }
}
