using Platform.Contracts;
using Platform.Contracts.Registry;
using Platform.Education.Data;
using Platform.Education.Domain;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults;

namespace Platform.Education.Aid;

/// <summary>
/// Makes grants inside the caller's unit of work: checks the term, the student's entitlement and the
/// amount, adds the grant and the household's income record (转移性收入) for the registry to the outbox —
/// committed by the caller's SaveChanges together, or not at all. Used by the portal and the bulk feed.
/// </summary>
public sealed class AidLedger(EducationDbContext db, AidCatalogue catalogue, TimeProvider clock)
{
    public const string PolicyField = "policy";

    /// <summary>Checks and adds the grant; the caller has checked it was not granted already, and saves.</summary>
    public RuleResult TryGrant(AidPolicy policy, Student student, Term term, decimal? amount, string? note, string grantedBy, out AidGrant? grant)
    {
        ArgumentNullException.ThrowIfNull(student);
        grant = null;
        var standard = catalogue[policy];
        var check = AidRules.TermOpen(term, clock.Today());
        if (check.Succeeded)
        {
            check = AidRules.Eligible(standard, student);
        }

        var granted = 0m;
        if (check.Succeeded)
        {
            check = AidRules.Amount(amount, standard.AmountPerTerm[student.Stage!.Value], out granted);
        }

        if (!check.Succeeded)
        {
            return check;
        }

        var now = clock.GetUtcNow();
        grant = AidGrant.Make(standard, student, term, granted, note, grantedBy, now);
        db.AidGrants.Add(grant);
        db.AddIntegrationEvent(Income(grant, standard, term, now), clock);
        return RuleResult.Ok;
    }

    /// <summary>The message for a grant made already (same policy, student and term).</summary>
    public string AlreadyGranted(AidPolicy policy, Term term) => $"该生{term.Display}已享受{catalogue[policy].Name}，同一学期不能重复发放";

    private static IncomeRecorded Income(AidGrant grant, AidStandard standard, Term term, DateTimeOffset now) => new()
    {
        EventId = Guid.CreateVersion7(now),
        HouseholdId = grant.HouseholdId,
        OccurredAt = now,
        MemberId = grant.StudentId,
        // The year the term starts in: the autumn term's aid is paid in its autumn.
        Year = term.Start.Year,
        Kind = IncomeKind.Transfer,
        Amount = grant.Amount,
        CountsTowardExit = grant.CountsTowardExit,
        Source = Pillar.Education,
        SourceRecordId = grant.Id.ToString(),
        Description = $"{standard.Name}（{term.Display}）",
    };
}
