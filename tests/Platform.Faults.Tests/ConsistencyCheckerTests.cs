using Platform.Contracts.People;
using Platform.Faults.Checking;
using Platform.Faults.Load;

namespace Platform.Faults.Tests;

/// <summary>
/// The checker must see what it is there to see: a consistent platform passes, and each kind of fault
/// planted in one copy (an effect lost, applied twice, invented, or left stale) is counted where it belongs.
/// </summary>
public sealed class ConsistencyCheckerTests
{
    private static readonly Guid Household = Guid.NewGuid();
    private static readonly Guid Head = Guid.NewGuid();
    private static readonly Guid Child = Guid.NewGuid();
    private static readonly Guid LeftChild = Guid.NewGuid();
    private static readonly Guid GrantId = Guid.NewGuid();
    private static readonly Guid Assessment = Guid.NewGuid();
    private static readonly Guid Case = Guid.NewGuid();
    private const string Village = "420325901001";
    private const string OtherVillage = "420325901002";
    private const string Number = "FH1-00001";

    [Fact]
    public void A_consistent_platform_passes_every_check()
    {
        var (ledger, snapshot) = World();

        var checks = ConsistencyChecker.Check(ledger, snapshot);

        Assert.All(checks, check => Assert.True(check.Passed, $"{check.Name}: {string.Join("; ", check.Examples)}"));
        Assert.Equal(0, checks.Sum(c => c.Lost + c.Duplicated + c.Unexpected));
    }

    [Fact]
    public void An_income_record_the_registry_never_got_is_lost()
    {
        var (ledger, snapshot) = World();
        snapshot.Registry.EducationIncome.Clear();

        var check = Single(ConsistencyChecker.Check(ledger, snapshot), "registry <- education: income records of grants");

        Assert.Equal((1, 0, 0), (check.Lost, check.Duplicated, check.Unexpected));
    }

    [Fact]
    public void An_assessment_applied_twice_is_duplicated()
    {
        var (ledger, snapshot) = World();
        snapshot.Registry.EducationAssessments.Add(snapshot.Registry.EducationAssessments[0]);

        var check = Single(ConsistencyChecker.Check(ledger, snapshot), "registry <- education: guarantee assessments");

        Assert.Equal((0, 1, 0), (check.Lost, check.Duplicated, check.Unexpected));
    }

    [Fact]
    public void A_household_the_registry_does_not_have_is_unexpected_at_the_pillar()
    {
        var (ledger, snapshot) = World();
        snapshot.Education.Households.Add(Snapshot.Tuple(Guid.NewGuid(), Village, "420325901", 0));

        var check = Single(ConsistencyChecker.Check(ledger, snapshot), "education <- registry: households (village, status)");

        Assert.Equal((0, 0, 1), (check.Lost, check.Duplicated, check.Unexpected));
    }

    [Fact]
    public void A_move_the_pillar_missed_is_lost_and_its_stale_village_unexpected()
    {
        var (ledger, snapshot) = World();
        snapshot.Education.Students[0] = Snapshot.StudentTuple(Child, Household, true, OtherVillage);

        var check = Single(ConsistencyChecker.Check(ledger, snapshot), "education <- registry: students (household, current, village)");

        Assert.Equal((1, 0, 1), (check.Lost, check.Duplicated, check.Unexpected));
    }

    [Fact]
    public void A_completion_announced_twice_and_a_grant_made_twice_are_duplicated()
    {
        var (ledger, snapshot) = World();
        snapshot.Education.CompletionAnnouncements.Add("E1");
        snapshot.Education.Grants.Add(snapshot.Education.Grants[0] with { Id = Guid.NewGuid() });

        var checks = ConsistencyChecker.Check(ledger, snapshot);

        Assert.Equal(1, Single(checks, "education: each completion announced once").Duplicated);
        Assert.Equal(1, Single(checks, "education: aid grants").Duplicated);
    }

    [Fact]
    public void An_accepted_write_the_registry_lost_is_lost_but_a_maybe_write_may_be_missing_once()
    {
        var (ledger, snapshot) = World();
        ledger.Record(Effects.StatusChange, "r-maybe", Fate.Maybe);
        snapshot.Registry.StatusChangeReasons.Remove("r1");

        var check = Single(ConsistencyChecker.Check(ledger, snapshot), "registry: status changes (history)");

        Assert.Equal((1, 0, 0), (check.Lost, check.Duplicated, check.Unexpected));
        Assert.Equal(1, check.Maybe);
    }

    [Fact]
    public void A_maybe_write_found_twice_is_duplicated_and_found_once_is_recovered()
    {
        var written = new[] { ("a", Fate.Maybe), ("b", Fate.Maybe), ("c", Fate.Ok) };

        var check = Tally.Compare("t", written, ["a", "b", "b", "c"]);

        Assert.Equal((0, 1, 0, 2), (check.Lost, check.Duplicated, check.Unexpected, check.Recovered));
    }

    [Fact]
    public void The_latest_value_is_the_last_accepted_one_or_any_maybe_after_it()
    {
        var writes = new[]
        {
            new ValueWrite(Effects.Village, "h1", "v1", Fate.Ok), new ValueWrite(Effects.Village, "h1", "v2", Fate.Ok), new ValueWrite(Effects.Village, "h1", "v3", Fate.Maybe),
            new ValueWrite(Effects.Village, "h2", "v1", Fate.Ok), new ValueWrite(Effects.Village, "h2", "v2", Fate.Ok),
            new ValueWrite(Effects.Village, "h3", "v1", Fate.Ok),
        };
        var observed = new Dictionary<string, string> { ["h1"] = "v3", ["h2"] = "v1", ["h3"] = "v9" };

        var check = Tally.CompareLatest("t", writes, observed);

        // h1: v2 or v3 both fine; h2 went back to an overwritten value (lost); h3 holds a value nobody wrote (lost, unexpected).
        Assert.Equal((2, 0, 1), (check.Lost, check.Duplicated, check.Unexpected));
    }

    [Fact]
    public void A_report_with_a_message_left_in_a_queue_or_an_unsent_row_fails()
    {
        var report = Report() with { ShardQueueMessages = 1 };
        Assert.False(report.Passed);
        Assert.False((Report() with { UnsentOutbox = new Dictionary<string, long> { ["education"] = 1 } }).Passed);
        Assert.False((Report() with { ErrorQueueMessages = 1 }).Passed);
        Assert.True(Report().Passed);
    }

    private static FaultReport Report() => new()
    {
        Checks = [],
        UnsentOutbox = new Dictionary<string, long> { ["education"] = 0 },
        SetAsideOutbox = new Dictionary<string, long> { ["education"] = 0 },
        ShardQueues = 32,
        ShardQueueMessages = 0,
        ErrorQueues = 2,
        ErrorQueueMessages = 0,
        Kills = new Dictionary<Victim, int>(),
        Operations = new Dictionary<string, (int, int, int)>(),
        RefusalReasons = [],
        UnexpectedExits = [],
        Duration = TimeSpan.Zero,
    };

    private static CheckResult Single(IEnumerable<CheckResult> checks, string name) => checks.Single(c => c.Name == name);

    /// <summary>One household, as the load wrote it and as both services hold it when nothing went wrong.</summary>
    private static (Ledger Ledger, Snapshot Snapshot) World()
    {
        var schoolYear = HarnessCounty.SchoolYearStart(HarnessCounty.Today());
        var headId = ResidentIdNumber.Create("420310", new DateOnly(1985, 3, 1), 11).Value;
        var childId = ResidentIdNumber.Create("420310", schoolYear.AddYears(-9).AddDays(-60), 12).Value;
        var leftId = ResidentIdNumber.Create("420310", schoolYear.AddYears(-8).AddDays(-60), 14).Value;
        var ledger = new Ledger();
        ledger.Record(Effects.Household, Number, Fate.Ok);
        foreach (var id in new[] { headId, childId, leftId })
        {
            ledger.Record(Effects.Member, id, Fate.Ok);
        }

        ledger.Record(Effects.Removal, "n1", Fate.Ok);
        ledger.Record(Effects.StatusChange, "r1", Fate.Ok);
        ledger.Record(Effects.DropoutCase, Child.ToString(), Fate.Ok);
        ledger.Record(Effects.ReturnToSchool, Child.ToString(), Fate.Ok);
        ledger.Record(Effects.Grant, Child.ToString(), Fate.Ok);
        ledger.Record(Effects.Completion, "E1", Fate.Ok);
        ledger.RecordValue(Effects.Status, Number, "poor", Fate.Ok);
        ledger.RecordValue(Effects.Status, Number, "monitored", Fate.Ok);
        ledger.RecordValue(Effects.Village, Number, Village, Fate.Ok);

        var snapshot = new Snapshot
        {
            Registry = new RegistrySide
            {
                Households = [new RegistryHousehold(Household, Number, Village, "420325901", 2)],
                Members =
                [
                    new RegistryMember(Head, Household, headId, new DateOnly(1985, 3, 1), true, null),
                    new RegistryMember(Child, Household, childId, schoolYear.AddYears(-9).AddDays(-60), true, null),
                    new RegistryMember(LeftChild, Household, leftId, schoolYear.AddYears(-8).AddDays(-60), false, "n1"),
                ],
                StatusChangeReasons = ["r1"],
                EducationIncome = [Snapshot.Tuple(GrantId, Household, 400m)],
                EducationAssessments = [Snapshot.Tuple(Assessment, Household, true)],
                CompulsoryEducation = [Snapshot.Tuple(Household, true)],
                Outbox = new OutboxState(0, 0, 4),
            },
            Education = new EducationSide
            {
                Households = [Snapshot.Tuple(Household, Village, "420325901", 2)],
                Members = [Snapshot.Tuple(Head, Household, true), Snapshot.Tuple(Child, Household, true), Snapshot.Tuple(LeftChild, Household, false)],
                Students = [Snapshot.StudentTuple(Child, Household, true, Village), Snapshot.StudentTuple(LeftChild, Household, false, OtherVillage)],
                Grants = [new Grant(GrantId, Child, Household, 400m)],
                Cases = [new DropoutCaseRow(Case, Child, Household, false, 1, "school-roll-import")],
                OpenCases = [(Household, 0)],
                CompletedEnrolments = ["E1"],
                Assessments = [Snapshot.Tuple(Assessment, Household, true)],
                CompletionAnnouncements = ["E1"],
                Outbox = new OutboxState(0, 0, 3),
            },
        };
        return (ledger, snapshot);
    }
}
