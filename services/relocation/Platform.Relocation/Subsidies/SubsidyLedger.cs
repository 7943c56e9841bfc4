using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Messaging.Outbox;
using Platform.Relocation.Data;
using Platform.Relocation.Domain;

namespace Platform.Relocation.Subsidies;

/// <summary>
/// Subsidies paid to registered households (搬迁补助、危房改造补助), one per source record; each payment,
/// and each correction of it, is the household's transfer income in the registry (not counting toward exit),
/// through the outbox with the payment.
/// </summary>
public sealed class SubsidyLedger(RelocationDbContext db, TimeProvider clock)
{
    private readonly Dictionary<string, SubsidyPayment> bySource = new(StringComparer.Ordinal);

    /// <summary>Loads the payments of these source records (one query for a batch).</summary>
    public async Task LoadAsync(IReadOnlyCollection<string> sourceRecordIds, CancellationToken cancellationToken)
    {
        var wanted = sourceRecordIds.Where(s => !bySource.ContainsKey(s)).ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        foreach (var payment in await db.Subsidies.Where(s => wanted.Contains(s.SourceRecordId)).ToListAsync(cancellationToken))
        {
            bySource[payment.SourceRecordId] = payment;
        }
    }

    public SubsidyPayment? Of(string sourceRecordId) => bySource.GetValueOrDefault(sourceRecordId);

    /// <summary>Pays (or corrects) the subsidy of a source record; the caller has loaded it and checked the amount. True when something changed.</summary>
    public bool Pay(Guid householdId, SubsidyKind kind, string sourceRecordId, decimal amount, DateOnly paidOn, string by)
    {
        var now = clock.GetUtcNow();
        if (!bySource.TryGetValue(sourceRecordId, out var payment))
        {
            payment = new SubsidyPayment
            {
                Id = Guid.CreateVersion7(now), HouseholdId = householdId, Kind = kind, SourceRecordId = sourceRecordId, RecordedAt = now, RecordedBy = by,
            };
            bySource[sourceRecordId] = payment;
            db.Subsidies.Add(payment);
        }

        if (!payment.Pay(amount, paidOn))
        {
            return false;
        }

        payment.RecordedBy = by;
        db.AddIntegrationEvent(payment.ToIncome(now), clock);
        return true;
    }

    /// <summary>A subsidy in fen from a feed: 0 is none; else it must be a payable amount.</summary>
    public static RuleResult CheckFen(long fen, string field, out decimal? amount)
    {
        amount = null;
        if (fen == 0)
        {
            return RuleResult.Ok;
        }

        amount = fen / 100m;
        return SubsidyPayment.CheckAmount(amount.Value, field);
    }
}
