using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Grpc.Relocation.V1;
using Platform.Contracts.Relocation;
using Platform.Relocation.Cases;
using Platform.Relocation.Data;
using Platform.Relocation.Domain;
using Platform.Relocation.Guarantees;
using Platform.Relocation.Households;
using Platform.Relocation.Subsidies;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.People;

namespace Platform.Relocation.Grpc;

/// <summary>Relocation cases from the development-and-reform bureau, one per registered household (see cases.proto).</summary>
public sealed class CaseFeed(RelocationDbContext db, SafetyBook book, CaseLedger ledger, SubsidyLedger subsidies, TimeProvider clock) : IFeedBatch<CaseRecord>
{
    public async Task ApplyAsync(FeedUnit unit, IReadOnlyList<(int Index, CaseRecord Record)> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var today = clock.Today();
        var verdicts = await FeedPeople.MatchAsync(db, unit.Scope, batch.Select(b => new PersonClaim(b.Record.Member?.IdNumber, b.Record.Member?.Name)).ToList(), today, cancellationToken);
        var householdIds = verdicts.Where(v => v.IsMatch).Select(v => v.Person!.HouseholdId).Distinct().ToList();
        var households = await db.FactsAsync(householdIds, unit.Scope, cancellationToken);
        await book.LoadAsync(householdIds, cancellationToken);
        var codes = batch.Select(b => b.Record.SiteCode.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var sites = await db.Sites.Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, StringComparer.Ordinal, cancellationToken);
        var sitesById = sites.Values.ToDictionary(s => s.Id);
        var known = householdIds.Select(book.CaseOf).OfType<RelocationCase>().ToList();
        foreach (var missing in known.Where(c => c.SiteId is { } id && !sitesById.ContainsKey(id)).Select(c => c.SiteId!.Value).Distinct().ToList() is { Count: > 0 } ids
                     ? await db.Sites.Where(s => ids.Contains(s.Id)).ToListAsync(cancellationToken)
                     : [])
        {
            sitesById[missing.Id] = missing;
        }

        await subsidies.LoadAsync(known.Select(CaseLedger.SourceOf).ToList(), cancellationToken);

        for (var i = 0; i < batch.Count; i++)
        {
            var (index, record) = batch[i];
            var verdict = verdicts[i];
            if (!verdict.IsMatch)
            {
                unit.Reject(index, record.ClientRef, "member." + verdict.Field, verdict.Reason!);
                continue;
            }

            var household = households[verdict.Person!.HouseholdId];
            var fields = new FeedFields();
            var mode = fields.Code<ResettlementMode>(record.Mode, "mode", "安置方式");
            var planned = fields.Date(record.PlannedOn, "planned_on", today);
            var steps = new CaseSteps(
                fields.Date(record.AllocatedOn, "allocated_on", today), unit.Actor, Optional(record.HousingUnit), record.FloorArea == 0 ? null : record.FloorArea,
                fields.Date(record.MovedInOn, "moved_in_on", today), unit.Actor,
                fields.Date(record.DemolishedOn, "demolished_on", today), unit.Actor, Mu(record.ReclaimedMu, fields));
            var destination = fields.Village(record.DestinationVillageCode, "destination_village_code", required: false);
            fields.Check(SubsidyLedger.CheckFen(record.SubsidyFen, "subsidy_fen", out var subsidy), "subsidy_fen");
            ResettlementSite? site = null;
            if (record.SiteCode.Trim() is { Length: > 0 } code && !sites.TryGetValue(code, out site))
            {
                fields.Fail("site_code", "安置点编号不存在");
            }

            if (fields.Failed)
            {
                unit.Reject(index, record.ClientRef, fields.First.Field, fields.First.Reason);
                continue;
            }

            var relocation = book.CaseOf(household.Id);
            var opened = false;
            if (relocation is null)
            {
                if (planned is null)
                {
                    unit.Reject(index, record.ClientRef, "planned_on", "新建搬迁档案须写明纳入计划日期");
                    continue;
                }

                var plan = RelocationCase.CanPlan(mode, site, planned.Value, unit.Actor, today);
                if (!plan.Succeeded)
                {
                    unit.Reject(index, record.ClientRef, FeedFields.Snake(plan.Field!), plan.Error!);
                    continue;
                }

                if (destination is not null && mode != ResettlementMode.Scattered)
                {
                    unit.Reject(index, record.ClientRef, "destination_village_code", "集中安置的迁入地为安置点所在村，不另填");
                    continue;
                }

                relocation = ledger.Plan(household, mode, site, destination, planned.Value, unit.Actor);
                opened = true;
            }
            else if (relocation.Mode != mode || relocation.SiteId != site?.Id || (planned is { } p && p != relocation.PlannedOn))
            {
                unit.Reject(index, record.ClientRef, relocation.Mode != mode ? "mode" : relocation.SiteId != site?.Id ? "site_code" : "planned_on", "该户已有搬迁档案，安置方式、安置点和计划日期不能更改");
                continue;
            }

            var caseSite = relocation.SiteId is { } siteId ? sitesById.GetValueOrDefault(siteId) : null;
            var (result, changed) = await ledger.AdvanceAsync(relocation, steps, household, caseSite, cancellationToken);
            if (!result.Succeeded)
            {
                unit.Reject(index, record.ClientRef, FeedFields.Snake(result.Field!), result.Error!, afterChanges: opened || changed);
                continue;
            }

            if (subsidy is { } amount)
            {
                var paid = ledger.PaySubsidy(relocation, amount, relocation.MovedInOn ?? today, unit.Actor, out var subsidyChanged);
                if (!paid.Succeeded)
                {
                    unit.Reject(index, record.ClientRef, "subsidy_fen", paid.Error!, afterChanges: opened || changed);
                    continue;
                }

                changed |= subsidyChanged;
            }

            unit.Accept(opened || changed);
        }
    }

    private static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static decimal? Mu(string? text, FeedFields fields)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (WireText.TryDecimal(text, out var given) && given is { } mu && mu >= 0)
        {
            return mu;
        }

        fields.Fail("reclaimed_mu", "复垦面积应为数字（亩），如 0.35");
        return null;
    }
}
