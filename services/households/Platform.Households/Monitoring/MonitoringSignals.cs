using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.Households.Common;
using Platform.Households.Data;
using Platform.Households.Domain;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults;

namespace Platform.Households.Monitoring;

/// <summary>
/// What a pillar's hardship report does to the registry: a large expense above the threshold of its kind
/// flags an exited household (脱贫不稳定户) or a household under monitoring (突发严重困难户), or joins the
/// household's open flag as a new hardship; below it, or for a poor household, it is only kept on file.
/// Each report counts once (pillar, source record). The caller (a consumer) saves and commits.
/// </summary>
public sealed partial class MonitoringSignals(HouseholdsDbContext db, IOptions<RegistryOptions> options, TimeProvider clock, ILogger<MonitoringSignals> logger)
{
    public const string SystemActor = "system:department-data";

    public async Task ReportLargeExpenseAsync(LargeExpenseReported expense, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expense);
        if (expense.OutOfPocket < 0 || decimal.Round(expense.OutOfPocket, 2) != expense.OutOfPocket || string.IsNullOrWhiteSpace(expense.SourceRecordId))
        {
            throw new InvalidOperationException($"Large expense {expense.EventId} from {expense.Source} is malformed");
        }

        var household = await db.Households.SingleOrDefaultAsync(h => h.Id == expense.HouseholdId, cancellationToken)
            ?? throw new InvalidOperationException($"Large expense {expense.EventId} names an unknown household {expense.HouseholdId}");
        if (await db.MonitoringSignals.AnyAsync(s => s.Source == expense.Source && s.SourceRecordId == expense.SourceRecordId, cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var threshold = options.Value.LargeExpenseThreshold(expense.Kind);
        var above = expense.OutOfPocket > threshold;
        var description = $"{MonitoringNames.Of(expense.Kind)}自付{expense.OutOfPocket:N2}元（监测标准{threshold:N0}元）" +
            (string.IsNullOrWhiteSpace(expense.Description) ? string.Empty : "：" + expense.Description.Trim());
        var signal = new MonitoringSignal
        {
            Id = Guid.CreateVersion7(now),
            HouseholdId = household.Id,
            Trigger = MonitoringTrigger.LargeExpense,
            Source = expense.Source,
            SourceRecordId = expense.SourceRecordId,
            ExpenseKind = expense.Kind,
            Amount = expense.OutOfPocket,
            AboveThreshold = above,
            On = expense.IncurredOn,
            Description = description.Length > 500 ? description[..500] : description,
            RecordedAt = now,
        };
        db.MonitoringSignals.Add(signal);
        if (!above || MonitoringFlag.CategoryFor(household.Status, MonitoringTrigger.LargeExpense) is not { } category)
        {
            LogKeptOnly(logger, expense.EventId, above);
            return;
        }

        var open = await db.MonitoringFlags.SingleOrDefaultAsync(f => f.HouseholdId == household.Id && f.RemovedOn == null, cancellationToken);
        if (open is not null)
        {
            open.NewHardship();
            signal.FlagId = open.Id;
            return;
        }

        var today = clock.Today();
        var (flag, result) = MonitoringFlag.Raise(household.Id, household.Status, category, MonitoringTrigger.LargeExpense, signal.Description, today, SystemActor, today, now);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.Error);
        }

        db.MonitoringFlags.Add(flag!);
        signal.FlagId = flag!.Id;
        household.Touch(now);
        db.AddIntegrationEvent(Raised(flag), clock);
    }

    internal static MonitoringFlagRaised Raised(MonitoringFlag flag) => new()
    {
        EventId = Guid.CreateVersion7(flag.RecordedAt),
        HouseholdId = flag.HouseholdId,
        OccurredAt = flag.RecordedAt,
        FlagId = flag.Id,
        Category = flag.Category,
        Trigger = flag.Trigger,
        RaisedOn = flag.RaisedOn,
        Reason = flag.Reason,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Large expense {EventId} kept on file without a new flag (above threshold: {Above})")]
    private static partial void LogKeptOnly(ILogger logger, Guid eventId, bool above);
}
