using System.Diagnostics;
using System.Globalization;
using Platform.Contracts.Grpc.Households.V1;

namespace Platform.Faults.Load;

/// <summary>
/// A departmental system's bulk import beside the portal's writes: a batch of households through the
/// gateway's gRPC ImportHouseholds (the registry's COPY path into its outbox) every few seconds, each once
/// the pillar has learned the last household of the one before (bounded), so that kills land among bursts
/// of events in every queue and consumer batch without the stream falling ever further behind on a busy
/// machine. A batch whose outcome is unknown is sent again as it was: a household the lost attempt imported
/// comes back rejected as "户编号已存在", which proves it is there; the others are imported now.
/// </summary>
internal sealed class BulkRegistrations(GatewayClient gateway, Ledger ledger, FaultHarnessOptions options)
{
    private const string Operation = "bulk-import";
    private const string AlreadyThere = "户编号已存在";
    private readonly Random random = new(HashCode.Combine(options.Seed, "bulk"));
    private readonly People people = new(0, new Random(HashCode.Combine(options.Seed, "bulk-people")));
    private readonly HouseholdRegistry.HouseholdRegistryClient registry = new(gateway.Grpc);
    private int batches;
    private int accepted;
    private string? lastImported;

    public int Accepted => Volatile.Read(ref accepted);

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await ImportAsync(Batch(random.Next(options.BulkSize / 2, options.BulkSize + 1)));
            try
            {
                await Task.Delay(options.BulkInterval, stop);
                await PillarCaughtUpAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Waits (at most a minute) until the education pillar knows the last household imported.</summary>
    private async Task PillarCaughtUpAsync(CancellationToken stop)
    {
        if (lastImported is null)
        {
            return;
        }

        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            var (found, household) = await gateway.CallAsync(GatewayClient.CountyOffice, (headers, ct) =>
                registry.GetHouseholdAsync(new GetHouseholdRequest { HouseholdNumber = lastImported }, headers, DateTime.UtcNow.AddSeconds(10), ct).ResponseAsync, stop);
            if (found.Answer == Answer.Accepted && household is not null)
            {
                var known = await gateway.SendAsync(HttpMethod.Get, $"api/education/households/{household.HouseholdId}/students", null, GatewayClient.EducationBureau, null, stop);
                if (known.Answer == Answer.Accepted)
                {
                    return;
                }
            }

            await Task.Delay(500, stop);
        }
    }

    private List<HouseholdRecord> Batch(int size)
    {
        batches++;
        var records = new List<HouseholdRecord>(size);
        for (var i = 0; i < size; i++)
        {
            var record = new HouseholdRecord
            {
                ClientRef = string.Create(CultureInfo.InvariantCulture, $"{batches}/{i}"),
                HouseholdNumber = string.Create(CultureInfo.InvariantCulture, $"FB{batches:0000}-{i:000}"),
                VillageCode = HarnessCounty.Villages[random.Next(HarnessCounty.Villages.Count)],
                Status = "poor",
                MainCause = "disaster",
                RegisteredYear = 2021,
            };
            var members = new List<PersonModel> { people.Adult("户主"), people.Adult("配偶") };
            for (var c = random.Next(0, 3); c > 0; c--)
            {
                members.Add(people.Child(disabled: false));
            }

            foreach (var person in members)
            {
                person.Name = people.Name(members);
                record.Members.Add(new MemberRecord { IdNumber = person.IdNumber, Name = person.Name, Relation = person.Relation });
            }

            records.Add(record);
        }

        return records;
    }

    private async Task ImportAsync(List<HouseholdRecord> records)
    {
        var clock = Stopwatch.StartNew();
        var wait = TimeSpan.FromMilliseconds(250);
        var unknownBefore = false;
        while (true)
        {
            var (reply, summary) = await gateway.CallAsync(GatewayClient.CountyOffice, async (headers, ct) =>
            {
                using var call = registry.ImportHouseholds(headers, DateTime.UtcNow.AddSeconds(60), ct);
                foreach (var record in records)
                {
                    await call.RequestStream.WriteAsync(record, ct);
                }

                await call.RequestStream.CompleteAsync();
                return await call.ResponseAsync;
            }, CancellationToken.None);
            if (summary is not null)
            {
                var rejected = summary.Rejections.ToDictionary(r => r.Index);
                for (var i = 0; i < records.Count; i++)
                {
                    var fate = !rejected.TryGetValue(i, out var rejection) ? Fate.Ok
                        : !unknownBefore ? Fate.Refused
                        : rejection.Reason == AlreadyThere ? Fate.Ok
                        : Fate.Maybe;
                    Settle(records[i], fate, rejection?.Reason);
                }

                return;
            }

            if (reply.Answer == Answer.Refused || clock.Elapsed > options.MaybeResolution)
            {
                foreach (var record in records)
                {
                    Settle(record, reply.Answer == Answer.Refused && !unknownBefore ? Fate.Refused : Fate.Maybe, reply.Reason());
                }

                return;
            }

            unknownBefore = true;
            await Task.Delay(wait);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
        }
    }

    private void Settle(HouseholdRecord record, Fate fate, string? reason)
    {
        ledger.Count(Operation, fate);
        ledger.Record(Effects.Household, record.HouseholdNumber, fate);
        foreach (var member in record.Members)
        {
            ledger.Record(Effects.Member, member.IdNumber, fate);
        }

        if (fate == Fate.Refused)
        {
            ledger.CountReason(Operation, reason ?? "refused");
            return;
        }

        ledger.RecordValue(Effects.Status, record.HouseholdNumber, record.Status, fate);
        ledger.RecordValue(Effects.Village, record.HouseholdNumber, record.VillageCode, fate);
        if (fate == Fate.Ok)
        {
            Interlocked.Increment(ref accepted);
            lastImported = record.HouseholdNumber;
        }
        else
        {
            ledger.CountReason(Operation, "maybe: " + reason);
        }
    }
}
