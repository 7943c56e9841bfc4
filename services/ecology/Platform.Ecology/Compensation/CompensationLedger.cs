using System.Globalization;
using Platform.Contracts;
using Platform.Contracts.Registry;
using Platform.Ecology.Data;
using Platform.Ecology.Domain;
using Platform.Ecology.Rangers;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults;

namespace Platform.Ecology.Compensation;

/// <summary>
/// Pays compensation inside the caller's unit of work: checks the year, the area and the amount against
/// the configured rate, adds the payment and the household's transfer income for the registry to the
/// outbox — committed together by the caller, or not at all. Used by the portal and the bulk feed.
/// </summary>
public sealed class CompensationLedger(EcologyDbContext db, CompensationCatalogue catalogue, TimeProvider clock)
{
    public RuleResult TryPay(
        Guid householdId, Guid? payee, CompensationKind kind, int year, decimal areaMu, decimal? amount, DateOnly? paidOn, string? note, string recordedBy, out CompensationPayment? payment)
    {
        payment = null;
        var standard = catalogue[kind];
        var today = clock.Today();
        var check = CompensationRules.Year(standard, year, today);
        decimal rate = 0, computed = 0;
        if (check.Succeeded)
        {
            check = CompensationRules.Amount(standard, year, areaMu, amount, out rate, out computed);
        }

        var day = paidOn ?? today;
        if (check.Succeeded)
        {
            check = RangerRules.NotInFuture(day, today, "paidOn");
        }

        if (!check.Succeeded)
        {
            return check;
        }

        var now = clock.GetUtcNow();
        payment = CompensationPayment.Make(householdId, payee, kind, year, areaMu, rate, computed, day, note, recordedBy, now);
        db.CompensationPayments.Add(payment);
        db.AddIntegrationEvent(
            Income.Recorded(
                householdId, payee, year, IncomeKind.Transfer, computed, payment.Id,
                string.Create(CultureInfo.InvariantCulture, $"{standard.Name}{year}年（{areaMu:0.##}亩）"), now),
            clock);
        return RuleResult.Ok;
    }

    public string AlreadyPaid(CompensationKind kind, int year) =>
        string.Create(CultureInfo.InvariantCulture, $"该户{year}年{catalogue[kind].Name}已发放，不能重复发放");
}
