using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Grpc.Relocation.V1;
using Platform.Relocation.Data;
using Platform.Relocation.Domain;
using Platform.Relocation.Guarantees;
using Platform.Relocation.Housing;
using Platform.Relocation.Subsidies;
using Platform.ServiceDefaults;

namespace Platform.Relocation.Grpc;

/// <summary>
/// The housing bureau's feeds (see housing.proto): appraisals by report number, renovation projects by project
/// number, sanitary toilets by owner. Each batch resolves its owners at once, adds its records, then assesses
/// the safe-housing guarantee of every registered household it touched.
/// </summary>
public sealed class HousingFeeds(RelocationDbContext db, SafetyBook book, HousingWrites writes, SubsidyLedger subsidies, TimeProvider clock)
    : IFeedBatch<AppraisalRecord>, IFeedBatch<RenovationRecord>, IFeedBatch<ToiletRecord>
{
    private readonly HashSet<Guid> touched = [];

    public async Task ApplyAsync(FeedUnit unit, IReadOnlyList<(int Index, AppraisalRecord Record)> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var today = clock.Today();
        var owners = await OwnersAsync(unit, batch.Select(b => new OwnerClaim(b.Record.Owner?.IdNumber, b.Record.Owner?.Name, b.Record.VillageCode)).ToList(), cancellationToken);
        var numbers = batch.Select(b => b.Record.ReportNumber.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var existing = await db.Appraisals.Where(a => numbers.Contains(a.ReportNumber)).ToDictionaryAsync(a => a.ReportNumber, StringComparer.Ordinal, cancellationToken);
        for (var i = 0; i < batch.Count; i++)
        {
            var (index, record) = batch[i];
            var fields = new FeedFields();
            var grade = fields.Code<HouseGrade>(record.Grade, "grade", "鉴定等级");
            var appraisedOn = fields.Date(record.AppraisedOn, "appraised_on", today, required: true);
            var agency = fields.Text(record.Agency, 100, "agency", "鉴定机构");
            var report = fields.Text(record.ReportNumber, 40, "report_number", "鉴定报告编号");
            if (!Resolved(owners[i], fields, out var owner) || fields.Failed)
            {
                unit.Reject(index, record.ClientRef, fields.First.Field, fields.First.Reason);
                continue;
            }

            if (existing.TryGetValue(report, out var known))
            {
                var same = known.OwnerIdNumber == owner.IdNumber && known.Grade == grade && known.AppraisedOn == appraisedOn;
                if (same)
                {
                    unit.Accept(changed: false);
                }
                else
                {
                    unit.Reject(index, record.ClientRef, "report_number", "该鉴定报告编号已登记为另一份鉴定");
                }

                continue;
            }

            existing[report] = writes.Appraise(owner, new AppraisalInput(grade, appraisedOn!.Value, agency, report), unit.Actor);
            Touch(owner);
            unit.Accept(changed: true);
        }

        await book.AssessAsync(touched, cancellationToken);
    }

    public async Task ApplyAsync(FeedUnit unit, IReadOnlyList<(int Index, RenovationRecord Record)> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var today = clock.Today();
        var owners = await OwnersAsync(unit, batch.Select(b => new OwnerClaim(b.Record.Owner?.IdNumber, b.Record.Owner?.Name, b.Record.VillageCode)).ToList(), cancellationToken);
        var numbers = batch.Select(b => b.Record.ProjectNumber.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var existing = await db.Renovations.Where(r => numbers.Contains(r.ProjectNumber)).ToDictionaryAsync(r => r.ProjectNumber, StringComparer.Ordinal, cancellationToken);
        await subsidies.LoadAsync(existing.Values.Select(HousingWrites.SourceOf).ToList(), cancellationToken);
        for (var i = 0; i < batch.Count; i++)
        {
            var (index, record) = batch[i];
            var fields = new FeedFields();
            var number = fields.Text(record.ProjectNumber, 40, "project_number", "项目编号");
            var programme = fields.Code<RenovationProgramme>(record.Programme, "programme", "改造类别");
            var method = fields.Code<RenovationMethod>(record.Method, "method", "改造方式");
            var started = fields.Date(record.StartedOn, "started_on", today, required: true);
            var accepted = fields.Date(record.AcceptedOn, "accepted_on", today);
            fields.Check(SubsidyLedger.CheckFen(record.SubsidyFen, "subsidy_fen", out var subsidy), "subsidy_fen");
            if (!Resolved(owners[i], fields, out var owner) || fields.Failed)
            {
                unit.Reject(index, record.ClientRef, fields.First.Field, fields.First.Reason);
                continue;
            }

            var input = new RenovationInput(number, programme, method, started!.Value, accepted, string.IsNullOrWhiteSpace(record.AcceptedBy) ? null : record.AcceptedBy, subsidy);
            if (existing.TryGetValue(number, out var known))
            {
                if (known.OwnerIdNumber != owner.IdNumber)
                {
                    unit.Reject(index, record.ClientRef, "project_number", "该项目编号已登记为另一户的改造项目");
                    continue;
                }

                var (updated, changed) = writes.Update(known, input, unit.Actor);
                if (!updated.Succeeded)
                {
                    unit.Reject(index, record.ClientRef, FeedFields.Snake(updated.Field!), updated.Error!);
                    continue;
                }

                if (changed)
                {
                    Touch(owner);
                }

                unit.Accept(changed);
                continue;
            }

            var (project, result) = writes.Start(owner, input, unit.Actor);
            if (project is null)
            {
                unit.Reject(index, record.ClientRef, FeedFields.Snake(result.Field!), result.Error!);
                continue;
            }

            existing[number] = project;
            Touch(owner);
            unit.Accept(changed: true);
        }

        await book.AssessAsync(touched, cancellationToken);
    }

    public async Task ApplyAsync(FeedUnit unit, IReadOnlyList<(int Index, ToiletRecord Record)> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var today = clock.Today();
        var owners = await OwnersAsync(unit, batch.Select(b => new OwnerClaim(b.Record.Owner?.IdNumber, b.Record.Owner?.Name, b.Record.VillageCode)).ToList(), cancellationToken);
        var numbers = owners.Where(o => o.Owner is not null).Select(o => o.Owner!.IdNumber).Distinct(StringComparer.Ordinal).ToList();
        var existing = await db.Toilets.Where(t => numbers.Contains(t.OwnerIdNumber)).ToDictionaryAsync(t => t.OwnerIdNumber, StringComparer.Ordinal, cancellationToken);
        for (var i = 0; i < batch.Count; i++)
        {
            var (index, record) = batch[i];
            var fields = new FeedFields();
            var type = fields.Code<ToiletType>(record.Type, "type", "厕所类型");
            var completed = fields.Date(record.CompletedOn, "completed_on", today, required: true);
            if (!Resolved(owners[i], fields, out var owner) || fields.Failed)
            {
                unit.Reject(index, record.ClientRef, fields.First.Field, fields.First.Reason);
                continue;
            }

            if (existing.TryGetValue(owner.IdNumber, out var known))
            {
                if (known.Type == type && known.CompletedOn == completed)
                {
                    unit.Accept(changed: false);
                }
                else
                {
                    unit.Reject(index, record.ClientRef, "owner.id_number", $"该户已于{known.CompletedOn:yyyy-MM-dd}完成改厕登记");
                }

                continue;
            }

            var toilet = writes.Toilet(owner, type, completed!.Value, unit.Actor);
            db.Toilets.Add(toilet);
            existing[owner.IdNumber] = toilet;
            unit.Accept(changed: true);
        }
    }

    private async Task<IReadOnlyList<OwnerVerdict>> OwnersAsync(FeedUnit unit, IReadOnlyList<OwnerClaim> claims, CancellationToken cancellationToken)
    {
        var owners = await HouseOwners.ResolveAsync(db, book, unit.Scope, claims, clock.Today(), Feed, cancellationToken);
        await book.LoadAsync(owners.Select(o => o.Owner?.HouseholdId).OfType<Guid>().Distinct().ToList(), cancellationToken);
        return owners;
    }

    private static bool Resolved(OwnerVerdict verdict, FeedFields fields, out HouseOwner owner)
    {
        owner = verdict.Owner!;
        if (verdict.Owner is not null)
        {
            return true;
        }

        fields.Fail(verdict.Field!, verdict.Reason!);
        return false;
    }

    private void Touch(HouseOwner owner)
    {
        if (owner.HouseholdId is { } household)
        {
            touched.Add(household);
        }
    }

    /// <summary>The portal's field names as the feeds spell them.</summary>
    private static string Feed(string field) => field switch
    {
        "owner.idNumber" => "owner.id_number",
        _ => FeedFields.Snake(field),
    };
}
