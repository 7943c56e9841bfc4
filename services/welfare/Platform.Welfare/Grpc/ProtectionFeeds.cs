using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Grpc.Welfare.V1;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Grpc;
using Platform.Welfare.Data;
using Platform.Welfare.Domain;
using Platform.Welfare.Protection;

namespace Platform.Welfare.Grpc;

/// <summary>The poverty-protection insurer's payouts in bulk, by the portal's ledger and rules.</summary>
public static class ProtectionFeeds
{
    public static async Task<FeedBatch?> PayoutsAsync(IServiceProvider services, IReadOnlyList<(int Index, ProtectionPayoutRecord Record)> batch, FeedCaller caller, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<WelfareDbContext>();
        var ledger = services.GetRequiredService<ProtectionLedger>();
        var today = services.GetRequiredService<TimeProvider>().Today();
        var result = new FeedBatch();
        var parsed = new List<(int Index, ProtectionPayoutRecord Record, decimal? Amount, DateOnly? IncurredOn)>();
        foreach (var (index, record) in batch)
        {
            if (!WireText.TryDecimal(record.Amount, out var amount))
            {
                result.Reject(index, record.ClientRef, "amount", FeedFields.AmountFormat);
            }
            else if (!WireText.TryDate(record.IncurredOn, out var on))
            {
                result.Reject(index, record.ClientRef, "incurred_on", FeedFields.DateFormat);
            }
            else if (string.IsNullOrWhiteSpace(record.ClaimNumber))
            {
                result.Reject(index, record.ClientRef, "claim_number", "请填写赔案号（同一理赔重复报送时据此识别）");
            }
            else
            {
                parsed.Add((index, record, amount, on));
            }
        }

        var verdicts = await FeedPeople.MatchAsync(db, caller, parsed.Select(p => ((string?)p.Record.IdNumber, (string?)p.Record.Name)), today, cancellationToken);
        var households = verdicts.Where(v => v.IsMatch).Select(v => v.Person!.HouseholdId).Distinct().ToList();
        var numbers = parsed.Select(p => p.Record.ClaimNumber.Trim()).Distinct().ToList();
        var paidBefore = (await db.ProtectionPayouts.AsNoTracking().Where(p => numbers.Contains(p.ClaimNumber!)).Select(p => p.ClaimNumber!).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var policies = await db.ProtectionPolicies.AsNoTracking().ToDictionaryAsync(p => p.Year, cancellationToken);
        var policyIds = policies.Values.Select(p => p.Id).ToList();
        var covered = (await db.ProtectionCovers.AsNoTracking().Where(c => households.Contains(c.HouseholdId) && policyIds.Contains(c.PolicyId)).Select(c => new { c.PolicyId, c.HouseholdId })
            .ToListAsync(cancellationToken)).Select(c => (c.PolicyId, c.HouseholdId)).ToHashSet();
        var paid = (await db.ProtectionPayouts.AsNoTracking().Where(p => households.Contains(p.HouseholdId))
                .GroupBy(p => new { p.PolicyId, p.HouseholdId, p.Cause }).Select(g => new { g.Key.PolicyId, g.Key.HouseholdId, g.Key.Cause, Amount = g.Sum(p => p.Amount) })
                .ToListAsync(cancellationToken))
            .ToDictionary(p => (p.PolicyId, p.HouseholdId, p.Cause), p => p.Amount);
        foreach (var ((index, record, amount, incurredOn), verdict) in parsed.Zip(verdicts))
        {
            if (verdict.Person is not { } member)
            {
                result.Reject(index, record.ClientRef, verdict.Field!, verdict.Reason!);
                continue;
            }

            if (paidBefore.Contains(record.ClaimNumber.Trim()))
            {
                result.Accept(changed: false);
                continue;
            }

            var errors = new Dictionary<string, string[]>();
            var input = ProtectionApi.Parse(member.HouseholdId, member.Id, record.Cause, amount, incurredOn, record.ClaimNumber, record.Note, errors);
            if (input is null)
            {
                var (field, reasons) = errors.First();
                result.Reject(index, record.ClientRef, field, reasons[0]);
                continue;
            }

            var policy = policies.GetValueOrDefault(input.IncurredOn.Year);
            var key = (policy?.Id ?? Guid.Empty, input.HouseholdId, input.Cause);
            var done = ledger.Pay(input, policy, policy is not null && covered.Contains((policy.Id, input.HouseholdId)), paid.GetValueOrDefault(key), caller.Actor, out var payout);
            if (!done.Succeeded)
            {
                result.Reject(index, record.ClientRef, done.Field!, done.Error!);
                continue;
            }

            paid[key] = paid.GetValueOrDefault(key) + payout!.Amount;
            paidBefore.Add(input.ClaimNumber!);
            result.Accept(changed: true);
        }

        return await services.GetRequiredService<BatchCommit>().TryCommitAsync(db, null, cancellationToken) ? result : null;
    }
}
