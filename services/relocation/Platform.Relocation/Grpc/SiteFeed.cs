using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Grpc.Relocation.V1;
using Platform.Contracts.Relocation;
using Platform.Relocation.Data;
using Platform.Relocation.Domain;
using Platform.Relocation.Sites;
using Platform.ServiceDefaults;

namespace Platform.Relocation.Grpc;

/// <summary>Resettlement sites from the development-and-reform bureau, by their codes (see sites.proto).</summary>
public sealed class SiteFeed(RelocationDbContext db, TimeProvider clock) : IFeedBatch<SiteRecord>
{
    public async Task ApplyAsync(FeedUnit unit, IReadOnlyList<(int Index, SiteRecord Record)> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var today = clock.Today();
        var codes = batch.Select(b => b.Record.Code.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var sites = await db.Sites.Include(s => s.Facilities).Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, StringComparer.Ordinal, cancellationToken);
        foreach (var (index, record) in batch)
        {
            var fields = new FeedFields();
            var input = Read(record, fields, today);
            if (fields.Failed || input is null)
            {
                unit.Reject(index, record.ClientRef, fields.First.Field, fields.First.Reason);
                continue;
            }

            if (!sites.TryGetValue(input.Code, out var site))
            {
                var (created, result) = SiteWrites.Create(input, today, clock.GetUtcNow(), unit.Actor);
                if (created is null)
                {
                    unit.Reject(index, record.ClientRef, FeedFields.Snake(result.Field!), result.Error!);
                    continue;
                }

                db.Sites.Add(created);
                sites[created.Code] = created;
                unit.Accept(changed: true);
                continue;
            }

            var updated = SiteWrites.Update(site, input, today, out var changed);
            if (!updated.Succeeded)
            {
                unit.Reject(index, record.ClientRef, FeedFields.Snake(updated.Field!), updated.Error!);
                continue;
            }

            unit.Accept(changed);
        }
    }

    private static SiteInput? Read(SiteRecord record, FeedFields fields, DateOnly today)
    {
        var code = fields.Text(record.Code, 30, "code", "安置点编号");
        var name = fields.Text(record.Name, 100, "name", "安置点名称");
        var mode = fields.Code<ResettlementMode>(record.Mode, "mode", "安置方式");
        fields.Check(ResettlementSite.CheckMode(mode), "mode");
        var village = fields.Village(record.VillageCode, "village_code");
        if (record.CapacityHouseholds is < 1 or > ResettlementSite.MaxCapacity)
        {
            fields.Fail("capacity_households", $"设计安置户数应在1到{ResettlementSite.MaxCapacity}之间");
        }

        var completed = fields.Date(record.CompletedOn, "completed_on", today);
        var facilities = new List<SiteFacility>();
        foreach (var (text, i) in record.Facilities.Select((f, i) => (f, i)))
        {
            facilities.Add(fields.Code<SiteFacility>(text, $"facilities[{i}]", "七个一配套设施"));
        }

        return fields.Failed ? null : new SiteInput(code, name, mode, village!, record.CapacityHouseholds, completed, facilities);
    }
}
