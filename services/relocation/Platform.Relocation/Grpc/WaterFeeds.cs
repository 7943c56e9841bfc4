using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Grpc.Relocation.V1;
using Platform.Relocation.Data;
using Platform.Relocation.Domain;
using Platform.Relocation.Water;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.People;

namespace Platform.Relocation.Grpc;

/// <summary>The water bureau's feeds (see water.proto): projects by code, tests by report number.</summary>
public sealed class WaterFeeds(RelocationDbContext db, WaterWrites writes, TimeProvider clock)
    : IFeedBatch<WaterProjectRecord>, IFeedBatch<WaterTestRecord>
{
    public async Task ApplyAsync(FeedUnit unit, IReadOnlyList<(int Index, WaterProjectRecord Record)> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var today = clock.Today();
        var codes = batch.Select(b => b.Record.Code.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var projects = await db.WaterProjects.Where(p => codes.Contains(p.Code)).ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, cancellationToken);
        // Every named household of the batch matched at once; a record's own are at its offset.
        var claims = batch.SelectMany(b => b.Record.ServedHouseholds.Select(p => new PersonClaim(p.IdNumber, p.Name))).ToList();
        var verdicts = await FeedPeople.MatchAsync(db, unit.Scope, claims, today, cancellationToken);
        await writes.PrepareAsync(
            batch.Where(b => Codes.TryParse<WaterProjectKind>(b.Record.Kind, out var kind) && kind == WaterProjectKind.Centralised).SelectMany(b => b.Record.ServedVillageCodes.Append(b.Record.VillageCode))
                .Concat(projects.Values.Where(p => p.Kind == WaterProjectKind.Centralised).SelectMany(p => p.ServedVillages))
                .Select(v => v.Trim()),
            projects.Values.Select(p => p.Id),
            verdicts.Where(v => v.IsMatch).Select(v => v.Person!.HouseholdId),
            cancellationToken);
        var offset = 0;
        foreach (var (index, record) in batch)
        {
            var own = verdicts.Skip(offset).Take(record.ServedHouseholds.Count).ToList();
            offset += record.ServedHouseholds.Count;
            var fields = new FeedFields();
            var code = fields.Text(record.Code, 30, "code", "工程编号");
            var name = fields.Text(record.Name, 100, "name", "工程名称");
            var kind = fields.Code<WaterProjectKind>(record.Kind, "kind", "供水方式");
            var village = fields.Village(record.VillageCode, "village_code");
            var served = record.ServedVillageCodes.Select((v, i) => fields.Village(v, $"served_village_codes[{i}]")).OfType<string>().ToList();
            var completed = fields.Date(record.CompletedOn, "completed_on", today);
            for (var i = 0; i < own.Count; i++)
            {
                if (!own[i].IsMatch)
                {
                    fields.Fail($"served_households[{i}].{own[i].Field}", own[i].Reason!);
                }
            }

            if (fields.Failed)
            {
                unit.Reject(index, record.ClientRef, fields.First.Field, fields.First.Reason);
                continue;
            }

            var input = new WaterProjectInput(
                code, name, kind, village!, served, own.Select(v => v.Person!.HouseholdId).Distinct().ToList(),
                record.LitresPerPersonPerDay, record.RoundTripMinutes, record.GuaranteeRatePercent, completed);
            var check = WaterWrites.Check(input);
            if (!check.Succeeded)
            {
                unit.Reject(index, record.ClientRef, FeedFields.Snake(check.Field!), check.Error!);
                continue;
            }

            var (project, result, changed) = await writes.SaveAsync(projects.GetValueOrDefault(code), input, cancellationToken);
            if (project is null)
            {
                unit.Reject(index, record.ClientRef, FeedFields.Snake(result.Field!), result.Error!);
                continue;
            }

            projects[code] = project;
            unit.Accept(changed);
        }
    }

    public async Task ApplyAsync(FeedUnit unit, IReadOnlyList<(int Index, WaterTestRecord Record)> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var today = clock.Today();
        var codes = batch.Select(b => b.Record.ProjectCode.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var projects = await db.WaterProjects.Where(p => codes.Contains(p.Code)).ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, cancellationToken);
        var reports = batch.Select(b => b.Record.ReportNumber.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var existing = await db.WaterTests.Where(t => reports.Contains(t.ReportNumber)).ToDictionaryAsync(t => t.ReportNumber, StringComparer.Ordinal, cancellationToken);
        await writes.PrepareAsync(
            projects.Values.Where(p => p.Kind == WaterProjectKind.Centralised).SelectMany(p => p.ServedVillages), projects.Values.Select(p => p.Id), [], cancellationToken);
        foreach (var (index, record) in batch)
        {
            var fields = new FeedFields();
            var sampled = fields.Date(record.SampledOn, "sampled_on", today, required: true);
            var laboratory = fields.Text(record.Laboratory, 100, "laboratory", "检测机构");
            var report = fields.Text(record.ReportNumber, 40, "report_number", "检测报告编号");
            var failed = fields.Text(record.FailedIndicators, 200, "failed_indicators", "超标指标", required: !record.Passed);
            if (!projects.TryGetValue(record.ProjectCode.Trim(), out var project))
            {
                fields.Fail("project_code", "工程编号不存在");
            }

            if (fields.Failed)
            {
                unit.Reject(index, record.ClientRef, fields.First.Field, fields.First.Reason);
                continue;
            }

            if (existing.TryGetValue(report, out var known))
            {
                if (known.ProjectId == project!.Id && known.SampledOn == sampled && known.Passed == record.Passed)
                {
                    unit.Accept(changed: false);
                }
                else
                {
                    unit.Reject(index, record.ClientRef, "report_number", "该检测报告编号已登记为另一次检测");
                }

                continue;
            }

            existing[report] = await writes.TestAsync(project!, new WaterTestInput(sampled!.Value, record.Passed, failed, laboratory, report), unit.Actor, cancellationToken);
            unit.Accept(changed: true);
        }
    }
}
