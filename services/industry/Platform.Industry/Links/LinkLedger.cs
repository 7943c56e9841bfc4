using System.Globalization;
using Platform.Industry.Data;
using Platform.Industry.Domain;
using Platform.Industry.Income;

namespace Platform.Industry.Links;

/// <summary>
/// Makes links and their payments inside the caller's unit of work, after the caller checked the rules: each payment
/// adds its income record for the registry to the outbox; a correction reports the same record again. Used by the
/// portal and by the agriculture bureau's feeds.
/// </summary>
public sealed class LinkLedger(IndustryDbContext db, IncomeReports income, TimeProvider clock)
{
    public BenefitLink Link(Guid entityId, Guid householdId, Guid memberId, LinkKind kind, Guid? baseId, DateOnly startedOn, string? note, string actor)
    {
        var now = clock.GetUtcNow();
        var link = new BenefitLink
        {
            Id = Guid.CreateVersion7(now),
            EntityId = entityId,
            HouseholdId = householdId,
            MemberId = memberId,
            Kind = kind,
            BaseId = baseId,
            StartedOn = startedOn,
            Note = note,
            CreatedAt = now,
            CreatedBy = actor,
        };
        db.Links.Add(link);
        return link;
    }

    /// <summary>Adds the payment and its income record; <see cref="LinkRules.CanPay"/> was checked.</summary>
    public LinkPayment Pay(BenefitLink link, string entityName, string reference, DateOnly paidOn, decimal amount, string? note, string actor, out IndustryIncome record)
    {
        ArgumentNullException.ThrowIfNull(link);
        var now = clock.GetUtcNow();
        var payment = new LinkPayment
        {
            Id = Guid.CreateVersion7(now),
            LinkId = link.Id,
            HouseholdId = link.HouseholdId,
            MemberId = link.MemberId,
            Reference = reference,
            PaidOn = paidOn,
            Amount = amount,
            Note = note,
            RecordedAt = now,
            RecordedBy = actor,
        };
        db.Payments.Add(payment);
        record = income.Record(payment.Id, IncomeSource.LinkPayment, link.HouseholdId, link.MemberId, paidOn.Year, amount, Description(entityName, link.Kind, paidOn, reference), link.Kind);
        return payment;
    }

    /// <summary>Whether a payment sent again says something else (then it is a correction).</summary>
    public static bool Differs(LinkPayment payment, DateOnly paidOn, decimal amount) => payment.PaidOn != paidOn || payment.Amount != amount;

    /// <summary>Corrects the payment and reports its income record again (both tracked); <see cref="LinkRules.CanPay"/> was checked.</summary>
    public void Correct(LinkPayment payment, IndustryIncome record, BenefitLink link, string entityName, DateOnly paidOn, decimal amount, string? note, string actor)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(link);
        payment.PaidOn = paidOn;
        payment.Amount = amount;
        payment.Note = note ?? payment.Note;
        payment.RecordedAt = clock.GetUtcNow();
        payment.RecordedBy = actor;
        income.Correct(record, paidOn.Year, amount, Description(entityName, link.Kind, paidOn, payment.Reference));
    }

    private static string Description(string entityName, LinkKind kind, DateOnly paidOn, string reference) =>
        string.Create(CultureInfo.InvariantCulture, $"{entityName} {Names.Of(kind)}（{paidOn:yyyy-MM-dd}，凭证号 {reference}）");
}
