using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Grpc.Industry.V1;
using Platform.Industry.Common;
using Platform.Industry.Data;
using Platform.Industry.Domain;
using Platform.Industry.Households;
using Platform.Industry.Links;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.People;

namespace Platform.Industry.Grpc;

/// <summary>
/// The agriculture bureau's benefit links and payments, by the portal's rules (<see cref="LinkRules"/>, <see cref="LinkLedger"/>):
/// a link is found again by entity, household and kind; a payment by its link and reference, and a payment sent
/// again with another amount or date is corrected in place — the registry's income record with it.
/// </summary>
public sealed class LinkFeed(IndustryDbContext db, LinkLedger ledger, FeedRunner runner, TimeProvider clock)
{
    private const string NoEntity = "经营主体不存在（请先报送经营主体）";

    public Task<FeedSummary> ImportLinksAsync(IAsyncStreamReader<LinkRecord> records, FeedCaller caller, CancellationToken cancellationToken) =>
        runner.RunAsync(records, r => r.ClientRef, (batch, result, token) => ApplyLinksAsync(batch, result, caller, token), cancellationToken);

    public Task<FeedSummary> ImportPaymentsAsync(IAsyncStreamReader<PaymentRecord> records, FeedCaller caller, CancellationToken cancellationToken) =>
        runner.RunAsync(records, r => r.ClientRef, (batch, result, token) => ApplyPaymentsAsync(batch, result, caller, token), cancellationToken);

    private async Task ApplyLinksAsync(IReadOnlyList<(int Index, LinkRecord Record)> batch, FeedBatch result, FeedCaller caller, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var verdicts = await FeedPeople.MatchAsync(db, caller.Scope, batch.Select(b => new PersonClaim(b.Record.IdNumber, b.Record.Name)).ToList(), today, cancellationToken);
        var entityCodes = batch.Select(b => b.Record.EntityCode.Trim()).Distinct().ToList();
        var entities = await db.Entities.AsNoTracking().Within(caller.Scope).Where(e => entityCodes.Contains(e.Code)).ToDictionaryAsync(e => e.Code, StringComparer.Ordinal, cancellationToken);
        var baseCodes = batch.Select(b => b.Record.BaseCode.Trim()).Where(c => c.Length > 0).Distinct().ToList();
        var bases = await db.Bases.AsNoTracking().Within(caller.Scope).Where(b => baseCodes.Contains(b.Code)).ToDictionaryAsync(b => b.Code, StringComparer.Ordinal, cancellationToken);
        var households = verdicts.Where(v => v.IsMatch).Select(v => v.Person!.HouseholdId).Distinct().ToList();
        var open = (await db.Links.AsNoTracking().Where(l => households.Contains(l.HouseholdId) && l.EndedOn == null).Select(l => new { l.EntityId, l.HouseholdId, l.Kind }).ToListAsync(cancellationToken))
            .Select(l => (l.EntityId, l.HouseholdId, l.Kind)).ToHashSet();

        for (var i = 0; i < batch.Count; i++)
        {
            var (index, record) = batch[i];
            var errors = new Dictionary<string, string[]>();
            var kind = Input.Code<LinkKind>(record.Kind, "kind", "利益联结方式", errors);
            var startedOn = Input.RequiredDate(record.StartedOn, "startedOn", "联结开始日期", errors);
            var note = Input.Text(record.Note, 200, "note", errors);
            if (errors.Count > 0)
            {
                result.Reject(index, record.ClientRef, errors);
                continue;
            }

            if (verdicts[i] is not { IsMatch: true, Person: { } member })
            {
                result.Reject(index, record.ClientRef, verdicts[i].Field!, verdicts[i].Reason!);
                continue;
            }

            if (!entities.TryGetValue(record.EntityCode.Trim(), out var entity))
            {
                result.Reject(index, record.ClientRef, "entity_code", NoEntity);
                continue;
            }

            Guid? baseId = null;
            if (record.BaseCode.Trim() is { Length: > 0 } baseCode)
            {
                if (!bases.TryGetValue(baseCode, out var onBase) || (onBase.EntityId is { } runBy && runBy != entity.Id))
                {
                    result.Reject(index, record.ClientRef, "base_code", "产业基地不存在，或由其他经营主体经营");
                    continue;
                }

                baseId = onBase.Id;
            }

            if (open.Contains((entity.Id, member.HouseholdId, kind)))
            {
                result.Keep();
                continue;
            }

            var allowed = LinkRules.CanLink(kind, memberIsCurrent: true, member.BirthDate, startedOn, today);
            if (!allowed.Succeeded)
            {
                result.Reject(index, record.ClientRef, allowed.Field!, allowed.Error!);
                continue;
            }

            ledger.Link(entity.Id, member.HouseholdId, member.Id, kind, baseId, startedOn, note, caller.Actor);
            open.Add((entity.Id, member.HouseholdId, kind));
            result.Create();
        }
    }

    private async Task ApplyPaymentsAsync(IReadOnlyList<(int Index, PaymentRecord Record)> batch, FeedBatch result, FeedCaller caller, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var verdicts = await FeedPeople.MatchAsync(db, caller.Scope, batch.Select(b => new PersonClaim(b.Record.IdNumber, b.Record.Name)).ToList(), today, cancellationToken);
        var entityCodes = batch.Select(b => b.Record.EntityCode.Trim()).Distinct().ToList();
        var entities = await db.Entities.AsNoTracking().Within(caller.Scope).Where(e => entityCodes.Contains(e.Code)).ToDictionaryAsync(e => e.Code, StringComparer.Ordinal, cancellationToken);
        var entityIds = entities.Values.Select(e => e.Id).ToList();
        var households = verdicts.Where(v => v.IsMatch).Select(v => v.Person!.HouseholdId).Distinct().ToList();
        var links = await db.Links.Where(l => households.Contains(l.HouseholdId) && entityIds.Contains(l.EntityId)).ToListAsync(cancellationToken);
        var linkIds = links.Select(l => l.Id).ToList();
        var references = batch.Select(b => b.Record.Reference.Trim()).Distinct().ToList();
        var payments = await db.Payments.Where(p => linkIds.Contains(p.LinkId) && references.Contains(p.Reference)).ToDictionaryAsync(p => (p.LinkId, p.Reference), cancellationToken);
        var paymentIds = payments.Values.Select(p => p.Id).ToList();
        var income = await db.Income.Where(i => paymentIds.Contains(i.SourceRecordId)).ToDictionaryAsync(i => i.SourceRecordId, cancellationToken);

        for (var i = 0; i < batch.Count; i++)
        {
            var (index, record) = batch[i];
            var errors = new Dictionary<string, string[]>();
            var kind = Input.Code<LinkKind>(record.LinkKind, "linkKind", "利益联结方式", errors);
            var reference = LinkRules.Reference(record.Reference, errors);
            var paidOn = Input.RequiredDate(record.PaidOn, "paidOn", "兑现日期", errors);
            var note = Input.Text(record.Note, 200, "note", errors);
            if (errors.Count > 0)
            {
                result.Reject(index, record.ClientRef, errors);
                continue;
            }

            if (verdicts[i] is not { IsMatch: true, Person: { } member })
            {
                result.Reject(index, record.ClientRef, verdicts[i].Field!, verdicts[i].Reason!);
                continue;
            }

            if (!entities.TryGetValue(record.EntityCode.Trim(), out var entity))
            {
                result.Reject(index, record.ClientRef, "entity_code", NoEntity);
                continue;
            }

            // The household's link of that kind with the entity that was open on the day paid (the open one first).
            var link = links.Where(l => l.EntityId == entity.Id && l.HouseholdId == member.HouseholdId && l.Kind == kind)
                .OrderBy(l => l.IsOpen ? 0 : 1)
                .FirstOrDefault(l => l.StartedOn <= paidOn && (l.EndedOn is null || l.EndedOn >= paidOn))
                ?? links.FirstOrDefault(l => l.EntityId == entity.Id && l.HouseholdId == member.HouseholdId && l.Kind == kind && l.IsOpen);
            if (link is null)
            {
                result.Reject(index, record.ClientRef, "link_kind", $"该户与该经营主体没有“{Names.Of(kind)}”利益联结（请先报送利益联结）");
                continue;
            }

            var amount = Input.Yuan(record.AmountFen);
            var allowed = LinkRules.CanPay(link, paidOn, amount, today);
            if (!allowed.Succeeded)
            {
                result.Reject(index, record.ClientRef, allowed.Field!, allowed.Error!);
                continue;
            }

            if (payments.TryGetValue((link.Id, reference!), out var payment))
            {
                if (LinkLedger.Differs(payment, paidOn, amount))
                {
                    ledger.Correct(payment, income[payment.Id], link, entity.Name, paidOn, amount, note, caller.Actor);
                    result.Correct();
                }
                else
                {
                    result.Keep();
                }

                continue;
            }

            var paid = ledger.Pay(link, entity.Name, reference!, paidOn, amount, note, caller.Actor, out var reported);
            payments[(link.Id, paid.Reference)] = paid;
            income[paid.Id] = reported;
            result.Create();
        }
    }
}
