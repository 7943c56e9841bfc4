using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Industry.Common;
using Platform.Industry.Data;
using Platform.Industry.Domain;
using Platform.Industry.Households;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;

namespace Platform.Industry.Links;

/// <summary>利益联结: an entity, a member of a registered household (the contract holder or worker), a kind, an optional base, a start.</summary>
public sealed record LinkRequest(Guid? EntityId, Guid? MemberId, string? Kind, Guid? BaseId, DateOnly? StartedOn, string? Note);

public sealed record LinkEndRequest(DateOnly? EndedOn, string? Reason);

/// <summary>收益兑现: a payment on a link; the reference (凭证号) is generated when not given.</summary>
public sealed record PaymentRequest(string? Reference, DateOnly? PaidOn, decimal? Amount, string? Note);

/// <summary>The portal's links and payments: validate, check the rules in the caller's scope, write with the income record in one transaction.</summary>
public sealed class LinkCommands(IndustryDbContext db, LinkLedger ledger, TimeProvider clock)
{
    private const string AlreadyLinked = "该户与该经营主体已有同一方式的利益联结";

    public async Task<Outcome<BenefitLink>> CreateAsync(LinkRequest request, DataScope scope, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        var kind = Input.Code<LinkKind>(request.Kind, "kind", "利益联结方式", errors);
        if (request.EntityId is null)
        {
            FieldErrors.Add(errors, "entityId", "请指定经营主体");
        }

        if (request.MemberId is null)
        {
            FieldErrors.Add(errors, "memberId", "请指定建档立卡户成员");
        }

        if (request.StartedOn is null)
        {
            FieldErrors.Add(errors, "startedOn", "请填写联结开始日期");
        }

        var note = Input.Text(request.Note, 200, "note", errors);
        if (errors.Count > 0)
        {
            return Outcome<BenefitLink>.Refused(Refusal.Invalid, errors);
        }

        var member = await db.MembersWithin(scope).SingleOrDefaultAsync(m => m.Id == request.MemberId, cancellationToken);
        if (member is null)
        {
            return Outcome<BenefitLink>.Refused(Refusal.NotFound, "memberId", "成员不存在");
        }

        var entity = await db.Entities.Within(scope).SingleOrDefaultAsync(e => e.Id == request.EntityId, cancellationToken);
        if (entity is null)
        {
            return Outcome<BenefitLink>.Refused(Refusal.NotFound, "entityId", "经营主体不存在");
        }

        if (request.BaseId is { } baseId)
        {
            var onBase = await db.Bases.Within(scope).SingleOrDefaultAsync(b => b.Id == baseId, cancellationToken);
            if (onBase is null)
            {
                return Outcome<BenefitLink>.Refused(Refusal.NotFound, "baseId", "产业基地不存在");
            }

            if (onBase.EntityId is { } runBy && runBy != entity.Id)
            {
                return Outcome<BenefitLink>.Refused(Refusal.Invalid, "baseId", "该基地由其他经营主体经营");
            }
        }

        var allowed = LinkRules.CanLink(kind, member.LeftAt is null, member.BirthDate, request.StartedOn!.Value, clock.Today());
        if (!allowed.Succeeded)
        {
            return Outcome<BenefitLink>.Refused(Refusal.Invalid, allowed.Field!, allowed.Error!);
        }

        if (await db.Links.AnyAsync(l => l.EntityId == entity.Id && l.HouseholdId == member.HouseholdId && l.Kind == kind && l.EndedOn == null, cancellationToken))
        {
            return Outcome<BenefitLink>.Refused(Refusal.Conflict, "kind", AlreadyLinked);
        }

        var link = ledger.Link(entity.Id, member.HouseholdId, member.Id, kind, request.BaseId, request.StartedOn.Value, note, actor);
        return await db.SaveAsOutcomeAsync(link, ("kind", "请重试"), _ => ("kind", AlreadyLinked), cancellationToken);
    }

    public async Task<Outcome<BenefitLink>> EndAsync(Guid linkId, LinkEndRequest request, DataScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        var reason = Input.Required(request.Reason, 200, "reason", "终止原因", errors);
        var endedOn = request.EndedOn ?? clock.Today();
        if (endedOn > clock.Today())
        {
            FieldErrors.Add(errors, "endedOn", "终止日期不能晚于今天");
        }

        if (errors.Count > 0)
        {
            return Outcome<BenefitLink>.Refused(Refusal.Invalid, errors);
        }

        var link = await db.Links.OfHouseholdsWithin(db, scope).SingleOrDefaultAsync(l => l.Id == linkId, cancellationToken);
        if (link is null)
        {
            return Outcome<BenefitLink>.Refused(Refusal.NotFound, "linkId", "利益联结不存在");
        }

        if (!link.IsOpen)
        {
            return Outcome<BenefitLink>.Refused(Refusal.Conflict, "linkId", $"该利益联结已于{link.EndedOn:yyyy-MM-dd}终止");
        }

        if (endedOn < link.StartedOn)
        {
            return Outcome<BenefitLink>.Refused(Refusal.Invalid, "endedOn", "终止日期不能早于开始日期");
        }

        if (await db.Payments.AnyAsync(p => p.LinkId == link.Id && p.PaidOn > endedOn, cancellationToken))
        {
            return Outcome<BenefitLink>.Refused(Refusal.Invalid, "endedOn", "终止日期之后已有兑现记录");
        }

        link.End(endedOn, reason);
        return await db.SaveAsOutcomeAsync(link, ("linkId", "该利益联结刚被他人修改，请刷新后重试"), _ => ("linkId", "请重试"), cancellationToken);
    }

    public async Task<Outcome<LinkPayment>> PayAsync(Guid linkId, PaymentRequest request, DataScope scope, string actor, CancellationToken cancellationToken)
    {
        var (link, entityName, refusal) = await PayableAsync(linkId, request, scope, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var reference = string.IsNullOrWhiteSpace(request.Reference) ? "P" + Guid.CreateVersion7(clock.GetUtcNow()).ToString("N")[..20] : request.Reference.Trim();
        if (await db.Payments.AnyAsync(p => p.LinkId == link!.Id && p.Reference == reference, cancellationToken))
        {
            return Outcome<LinkPayment>.Refused(Refusal.Conflict, "reference", "该凭证号已登记；更正请修改原兑现记录");
        }

        var payment = ledger.Pay(link!, entityName!, reference, request.PaidOn!.Value, request.Amount!.Value, Input.Text(request.Note, 200, "note", new Dictionary<string, string[]>()), actor, out _);
        return await db.SaveAsOutcomeAsync(payment, ("reference", "请重试"), _ => ("reference", "该凭证号已登记"), cancellationToken);
    }

    /// <summary>更正: a payment's date or amount (and note) corrected; the registry's record is corrected in place.</summary>
    public async Task<Outcome<LinkPayment>> CorrectAsync(Guid linkId, Guid paymentId, PaymentRequest request, DataScope scope, string actor, CancellationToken cancellationToken)
    {
        var (link, entityName, refusal) = await PayableAsync(linkId, request, scope, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var payment = await db.Payments.SingleOrDefaultAsync(p => p.Id == paymentId && p.LinkId == linkId, cancellationToken);
        var record = await db.Income.SingleOrDefaultAsync(i => i.SourceRecordId == paymentId, cancellationToken);
        if (payment is null || record is null)
        {
            return Outcome<LinkPayment>.Refused(Refusal.NotFound, "paymentId", "兑现记录不存在");
        }

        if (LinkLedger.Differs(payment, request.PaidOn!.Value, request.Amount!.Value))
        {
            ledger.Correct(payment, record, link!, entityName!, request.PaidOn.Value, request.Amount.Value, Input.Text(request.Note, 200, "note", new Dictionary<string, string[]>()), actor);
        }

        return await db.SaveAsOutcomeAsync(payment, ("paymentId", "该兑现记录刚被他人修改，请刷新后重试"), _ => ("paymentId", "请重试"), cancellationToken);
    }

    private async Task<(BenefitLink? Link, string? EntityName, Outcome<LinkPayment>? Refusal)> PayableAsync(
        Guid linkId, PaymentRequest request, DataScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        if (request.PaidOn is null)
        {
            FieldErrors.Add(errors, "paidOn", "请填写兑现日期");
        }

        if (request.Amount is null)
        {
            FieldErrors.Add(errors, "amount", "请填写兑现金额（元）");
        }

        if (request.Reference is { } reference && (reference.Trim().Length is 0 || reference.Trim().Length > LinkRules.MaxReferenceLength))
        {
            FieldErrors.Add(errors, "reference", $"凭证号不超过{LinkRules.MaxReferenceLength}个字符");
        }

        Input.Text(request.Note, 200, "note", errors);
        if (errors.Count > 0)
        {
            return (null, null, Outcome<LinkPayment>.Refused(Refusal.Invalid, errors));
        }

        var found = await db.Links.OfHouseholdsWithin(db, scope).Where(l => l.Id == linkId)
            .Join(db.Entities, l => l.EntityId, e => e.Id, (l, e) => new { Link = l, e.Name })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return (null, null, Outcome<LinkPayment>.Refused(Refusal.NotFound, "linkId", "利益联结不存在"));
        }

        var allowed = LinkRules.CanPay(found.Link, request.PaidOn!.Value, request.Amount!.Value, clock.Today());
        return allowed.Succeeded
            ? (found.Link, found.Name, null)
            : (null, null, Outcome<LinkPayment>.Refused(Refusal.Invalid, allowed.Field!, allowed.Error!));
    }
}
