using System.Globalization;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Grpc.Ecology.V1;
using Platform.Ecology.Data;
using Platform.Ecology.Domain;
using Platform.Ecology.Rangers;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.People;

namespace Platform.Ecology.Grpc;

/// <summary>
/// The forestry bureau's ranger feeds: selections, patrols and pay, each record matched to a member of a
/// registered household in the caller's scope and applied by the same rules (and ledger) as the portal's.
/// </summary>
public sealed class RangerFeeds(EcologyDbContext db, RangerLedger ledger, BatchCommit commit, TimeProvider clock, ILogger<RangerFeeds> logger)
{
    public Task<FeedSummary> SelectAsync(IAsyncStreamReader<RangerSelectionRecord> records, FeedCaller caller, CancellationToken cancellationToken) =>
        FeedRun.RunAsync("SelectRangers", records, db, commit, r => r.ClientRef, (batch, result, token) => SelectBatchAsync(batch, result, caller, token), logger, cancellationToken);

    public Task<FeedSummary> PatrolAsync(IAsyncStreamReader<PatrolRecord> records, FeedCaller caller, CancellationToken cancellationToken) =>
        FeedRun.RunAsync("RecordPatrols", records, db, commit, r => r.ClientRef, (batch, result, token) => PatrolBatchAsync(batch, result, caller, token), logger, cancellationToken);

    public Task<FeedSummary> PayAsync(IAsyncStreamReader<RangerPayRecord> records, FeedCaller caller, CancellationToken cancellationToken) =>
        FeedRun.RunAsync("PayRangers", records, db, commit, r => r.ClientRef, (batch, result, token) => PayBatchAsync(batch, result, caller, token), logger, cancellationToken);

    private async Task SelectBatchAsync(IReadOnlyList<(int Index, RangerSelectionRecord Record)> batch, FeedBatch result, FeedCaller caller, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var parsed = new List<(int Index, RangerSelectionRecord Record, int Year, DateOnly? StartsOn, decimal? AreaMu, string? PatrolArea)>();
        foreach (var (index, record) in batch)
        {
            if (!WireText.TryDate(record.StartsOn, out var startsOn))
            {
                result.Reject(index, record.ClientRef, "starts_on", "日期格式应为“2020-01-01”");
            }
            else if (!WireText.TryDecimal(record.AreaMu, out var area))
            {
                result.Reject(index, record.ClientRef, "area_mu", "面积应为以亩为单位的数字，如“1500.5”");
            }
            else if (record.PatrolArea is { Length: > 100 })
            {
                result.Reject(index, record.ClientRef, "patrol_area", "管护区域不超过100字");
            }
            else
            {
                parsed.Add((index, record, record.Year == 0 ? today.Year : record.Year, startsOn, area, FeedRun.Text(record.PatrolArea)));
            }
        }

        var people = await FeedPeople.MatchAsync(db, caller.Scope, parsed.Select(p => new PersonClaim(p.Record.IdNumber, p.Record.Name)).ToList(), today, cancellationToken);
        var householdIds = people.Where(p => p.IsMatch).Select(p => p.Person!.HouseholdId).Distinct().ToList();
        var households = await db.ReplicaHouseholds.Where(h => householdIds.Contains(h.Id)).ToDictionaryAsync(h => h.Id, cancellationToken);
        var matched = parsed.Select((p, i) => (Parsed: p, Person: people[i])).ToList();
        var candidates = matched.Where(m => m.Person.IsMatch)
            .Select(m => (Candidate: RangerCandidates.Of(m.Person.Person!, households[m.Person.Person!.HouseholdId]), m.Parsed.Year))
            .ToList();
        var book = await SelectionBook.LoadAsync(db, candidates, cancellationToken);
        var memberIds = candidates.Select(c => c.Candidate.MemberId).Distinct().ToList();
        var selected = (await db.RangerPosts.AsNoTracking()
                .Where(p => memberIds.Contains(p.MemberId))
                .Select(p => new { p.MemberId, p.Year })
                .ToListAsync(cancellationToken))
            .Select(p => (p.MemberId, p.Year))
            .ToHashSet();

        foreach (var ((index, record, year, startsOn, area, patrolArea), person) in matched)
        {
            if (person.Person is not { } member)
            {
                result.Reject(index, record.ClientRef, person.Field!, person.Reason!);
                continue;
            }

            if (selected.Contains((member.Id, year)))
            {
                result.Unchanged++;
                continue;
            }

            var check = ledger.TrySelect(book, RangerCandidates.Of(member, households[member.HouseholdId]), year, startsOn, patrolArea, area, caller.Actor, out _);
            if (!check.Succeeded)
            {
                result.Reject(index, record.ClientRef, check.Field!, check.Error!);
                continue;
            }

            selected.Add((member.Id, year));
            result.Accepted++;
        }
    }

    private async Task PatrolBatchAsync(IReadOnlyList<(int Index, PatrolRecord Record)> batch, FeedBatch result, FeedCaller caller, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var parsed = new List<(int Index, PatrolRecord Record, DateOnly Day, decimal? Hours, decimal? Distance, string? Findings)>();
        foreach (var (index, record) in batch)
        {
            if (!WireText.TryDate(record.PatrolledOn, out var day) || day is null)
            {
                result.Reject(index, record.ClientRef, "patrolled_on", "请填写巡护日期，格式如“2020-12-05”");
            }
            else if (!WireText.TryDecimal(record.Hours, out var hours))
            {
                result.Reject(index, record.ClientRef, "hours", "巡护时长应为小时数，如“4.5”");
            }
            else if (!WireText.TryDecimal(record.DistanceKm, out var distance))
            {
                result.Reject(index, record.ClientRef, "distance_km", "巡护里程应为公里数，如“12.5”");
            }
            else if (record.Findings is { Length: > 500 })
            {
                result.Reject(index, record.ClientRef, "findings", "发现情况不超过500字");
            }
            else
            {
                parsed.Add((index, record, day.Value, hours, distance, FeedRun.Text(record.Findings)));
            }
        }

        var people = await FeedPeople.MatchAsync(db, caller.Scope, parsed.Select(p => new PersonClaim(p.Record.IdNumber, p.Record.Name)).ToList(), today, cancellationToken);
        var memberIds = people.Where(p => p.IsMatch).Select(p => p.Person!.Id).Distinct().ToList();
        var posts = (await db.RangerPosts.AsNoTracking().Where(p => memberIds.Contains(p.MemberId)).ToListAsync(cancellationToken)).ToLookup(p => p.MemberId);
        var postIds = posts.SelectMany(p => p).Select(p => p.Id).ToList();
        var days = parsed.Select(p => p.Day).Distinct().ToList();
        var recorded = (await db.Patrols.AsNoTracking().Where(p => postIds.Contains(p.PostId) && days.Contains(p.PatrolledOn)).Select(p => new { p.PostId, p.PatrolledOn }).ToListAsync(cancellationToken))
            .Select(p => (p.PostId, p.PatrolledOn))
            .ToHashSet();
        var now = clock.GetUtcNow();
        foreach (var ((index, record, day, hours, distance, findings), person) in parsed.Zip(people))
        {
            if (person.Person is not { } member)
            {
                result.Reject(index, record.ClientRef, person.Field!, person.Reason!);
                continue;
            }

            if (posts[member.Id].FirstOrDefault(p => p.ContractRunsOn(day)) is not { } post)
            {
                result.Reject(index, record.ClientRef, "patrolled_on", string.Create(CultureInfo.InvariantCulture, $"该成员{day:yyyy年M月d日}没有生态护林员聘用合同"));
                continue;
            }

            if (recorded.Contains((post.Id, day)))
            {
                result.Unchanged++;
                continue;
            }

            var check = Patrol.Check(post, day, hours, distance, today);
            if (!check.Succeeded)
            {
                result.Reject(index, record.ClientRef, check.Field!, check.Error!);
                continue;
            }

            db.Patrols.Add(Patrol.Record(post, day, hours, distance, findings, caller.Actor, now));
            recorded.Add((post.Id, day));
            result.Accepted++;
        }
    }

    private async Task PayBatchAsync(IReadOnlyList<(int Index, RangerPayRecord Record)> batch, FeedBatch result, FeedCaller caller, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var parsed = new List<(int Index, RangerPayRecord Record, int Year, decimal? Amount, DateOnly? PaidOn, string? Note)>();
        foreach (var (index, record) in batch)
        {
            if (!WireText.TryDecimal(record.Amount, out var amount))
            {
                result.Reject(index, record.ClientRef, "amount", "金额应为以元为单位的数字，如“4000.00”");
            }
            else if (!WireText.TryDate(record.PaidOn, out var paidOn))
            {
                result.Reject(index, record.ClientRef, "paid_on", "日期格式应为“2020-12-20”");
            }
            else if (record.Note is { Length: > 200 })
            {
                result.Reject(index, record.ClientRef, "note", "备注不超过200字");
            }
            else
            {
                parsed.Add((index, record, record.Year == 0 ? today.Year : record.Year, amount, paidOn, FeedRun.Text(record.Note)));
            }
        }

        var people = await FeedPeople.MatchAsync(db, caller.Scope, parsed.Select(p => new PersonClaim(p.Record.IdNumber, p.Record.Name)).ToList(), today, cancellationToken);
        var memberIds = people.Where(p => p.IsMatch).Select(p => p.Person!.Id).Distinct().ToList();
        var years = parsed.Select(p => p.Year).Distinct().ToList();
        var posts = await db.RangerPosts.AsNoTracking().Where(p => memberIds.Contains(p.MemberId) && years.Contains(p.Year)).ToDictionaryAsync(p => (p.MemberId, p.Year), cancellationToken);
        var postIds = posts.Values.Select(p => p.Id).ToList();
        var paid = await db.RangerPay.AsNoTracking().Where(p => postIds.Contains(p.PostId)).ToDictionaryAsync(p => p.PostId, p => p.Amount, cancellationToken);
        foreach (var ((index, record, year, amount, paidOn, note), person) in parsed.Zip(people))
        {
            if (person.Person is not { } member)
            {
                result.Reject(index, record.ClientRef, person.Field!, person.Reason!);
                continue;
            }

            if (!posts.TryGetValue((member.Id, year), out var post))
            {
                result.Reject(index, record.ClientRef, "year", string.Create(CultureInfo.InvariantCulture, $"该成员{year}年不是生态护林员"));
                continue;
            }

            if (paid.TryGetValue(post.Id, out var before))
            {
                if (amount is null || amount == before)
                {
                    result.Unchanged++;
                }
                else
                {
                    result.Reject(index, record.ClientRef, "amount", RangerLedger.AlreadyPaid(post) + string.Create(CultureInfo.InvariantCulture, $"（已发{before:0.00}元）"));
                }

                continue;
            }

            var check = ledger.TryPay(post, amount, paidOn, note, caller.Actor, out var pay);
            if (!check.Succeeded)
            {
                result.Reject(index, record.ClientRef, check.Field!, check.Error!);
                continue;
            }

            paid[post.Id] = pay!.Amount;
            result.Accepted++;
        }
    }
}
