using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Registry;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults;
using Platform.Welfare.Data;
using Platform.Welfare.Domain;

namespace Platform.Welfare.Protection;

/// <summary>A payout as the portal or a feed gives it, parsed.</summary>
public sealed record PayoutInput(Guid HouseholdId, Guid? MemberId, PayoutCause Cause, decimal Amount, DateOnly IncurredOn, string? ClaimNumber, string? Note);

/// <summary>
/// 扶贫保障保险 inside the caller's unit of work: the year's policy covers every registered household (set-based,
/// and each household followed later that year), and payouts within the sums insured, each the household's
/// one-off transfer income in the registry (not counted toward stable exit income).
/// </summary>
public sealed class ProtectionLedger(WelfareDbContext db, TimeProvider clock)
{
    /// <summary>Covers every followed household with current members not yet under the policy; returns how many were added.</summary>
    public Task<int> CoverAllAsync(ProtectionPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var now = clock.GetUtcNow();
        return db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO protection_covers (policy_id, household_id, people, premium, covered_at)
            SELECT {policy.Id}, m.household_id, count(*), count(*) * {policy.PremiumPerPerson}, {now}
            FROM replica_members m
            WHERE m.left_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM protection_covers c WHERE c.policy_id = {policy.Id} AND c.household_id = m.household_id)
            GROUP BY m.household_id
            """,
            cancellationToken);
    }

    /// <summary>A household followed during a policy year joins the policy (the reactions call it).</summary>
    public void Cover(ProtectionPolicy policy, Guid householdId, int people)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (people > 0)
        {
            db.ProtectionCovers.Add(new ProtectionCover
            {
                PolicyId = policy.Id, HouseholdId = householdId, People = people, Premium = people * policy.PremiumPerPerson, CoveredAt = clock.GetUtcNow(),
            });
        }
    }

    /// <summary>Checks and adds a payout with its income record; the caller found the policy, the cover and what was paid for the cause.</summary>
    public RuleResult Pay(PayoutInput input, ProtectionPolicy? policy, bool covered, decimal paidForCause, string paidBy, out ProtectionPayout? payout)
    {
        ArgumentNullException.ThrowIfNull(input);
        payout = null;
        if (policy is null)
        {
            return RuleResult.Fail("incurredOn", $"{input.IncurredOn.Year}年没有扶贫保险保单");
        }

        var check = ProtectionRules.CheckPayout(policy, covered, paidForCause, input.Cause, input.Amount, input.IncurredOn, clock.Today());
        if (!check.Succeeded)
        {
            return check;
        }

        var now = clock.GetUtcNow();
        payout = new ProtectionPayout
        {
            Id = Guid.CreateVersion7(now), PolicyId = policy.Id, HouseholdId = input.HouseholdId, MemberId = input.MemberId, Cause = input.Cause, Amount = input.Amount,
            IncurredOn = input.IncurredOn, ClaimNumber = input.ClaimNumber, Note = input.Note, PaidBy = paidBy, PaidAt = now,
        };
        db.ProtectionPayouts.Add(payout);
        db.AddIntegrationEvent(
            new IncomeRecorded
            {
                EventId = Guid.CreateVersion7(now), HouseholdId = payout.HouseholdId, OccurredAt = now, MemberId = payout.MemberId, Year = payout.IncurredOn.Year,
                Kind = IncomeKind.Transfer, Amount = payout.Amount, CountsTowardExit = false, Source = Pillar.Welfare, SourceRecordId = "protection-payout:" + payout.Id,
                Description = payout.Description,
            },
            clock);
        return RuleResult.Ok;
    }
}
