using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Ecology;
using Platform.Contracts.Registry;
using Platform.Ecology.Data;
using Platform.Ecology.Domain;
using Platform.Messaging.Households;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults;

namespace Platform.Ecology.Rangers;

/// <summary>A replica member as the selection rules see them.</summary>
public static class RangerCandidates
{
    public static RangerCandidate Of(ReplicaMember member, ReplicaHousehold household)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(household);
        return new RangerCandidate(
            member.Id, member.HouseholdId, member.BirthDate.Year, member.LabourAbility, member.Health, member.DisabilityGrade,
            member.IsCurrent && member.HouseholdId == household.Id, household.Status, household.TownshipCode, household.VillageCode);
    }
}

/// <summary>
/// What selections of one unit of work need to know, loaded set-based and kept up to date as posts are
/// added: each township's quota and posts in post, each household's and person's posts of the year, and
/// last year's grades. <see cref="LoadAsync"/> locks the quotas it reads until the transaction ends, so
/// two selections in one township never both take its last post.
/// </summary>
public sealed class SelectionBook
{
    private readonly Dictionary<(int Year, string Township), int> quotas = [];
    private readonly Dictionary<(int Year, string Township), int> inPost = [];
    private readonly Dictionary<(Guid Household, int Year), int> householdPosts = [];
    private readonly HashSet<(Guid Member, int Year)> selected = [];
    private readonly Dictionary<(Guid Member, int Year), AssessmentGrade> grades = [];

    private SelectionBook()
    {
    }

    /// <summary>Loads (and locks) what selecting these people for these years touches; call inside a transaction.</summary>
    public static async Task<SelectionBook> LoadAsync(EcologyDbContext db, IReadOnlyCollection<(RangerCandidate Candidate, int Year)> wanted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(wanted);
        var book = new SelectionBook();
        if (wanted.Count == 0)
        {
            return book;
        }

        var years = wanted.Select(w => w.Year).Distinct().ToArray();
        var townships = wanted.Select(w => w.Candidate.TownshipCode).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var households = wanted.Select(w => w.Candidate.HouseholdId).Distinct().ToArray();
        var members = wanted.Select(w => w.Candidate.MemberId).Distinct().ToArray();
        var previousYears = years.Select(y => y - 1).ToArray();

        // FOR UPDATE in a stable order: selections in the same townships wait for each other, never deadlock.
        foreach (var quota in await db.RangerQuotas
                     .FromSql($"SELECT * FROM ranger_quotas WHERE year = ANY({years}) AND township_code = ANY({townships}) ORDER BY year, township_code FOR UPDATE")
                     .AsNoTracking().ToListAsync(cancellationToken))
        {
            book.quotas[(quota.Year, quota.TownshipCode)] = quota.Posts;
        }

        foreach (var count in await db.RangerPosts
                     .Where(p => years.Contains(p.Year) && townships.Contains(p.TownshipCode) && p.EndedOn == null)
                     .GroupBy(p => new { p.Year, p.TownshipCode })
                     .Select(g => new { g.Key.Year, g.Key.TownshipCode, Count = g.Count() })
                     .ToListAsync(cancellationToken))
        {
            book.inPost[(count.Year, count.TownshipCode)] = count.Count;
        }

        foreach (var post in await db.RangerPosts.AsNoTracking()
                     .Where(p => (households.Contains(p.HouseholdId) && years.Contains(p.Year)) || (members.Contains(p.MemberId) && previousYears.Contains(p.Year)))
                     .Select(p => new { p.HouseholdId, p.MemberId, p.Year, p.EndedOn, p.Grade })
                     .ToListAsync(cancellationToken))
        {
            if (years.Contains(post.Year))
            {
                book.selected.Add((post.MemberId, post.Year));
                if (post.EndedOn is null)
                {
                    book.householdPosts[(post.HouseholdId, post.Year)] = book.householdPosts.GetValueOrDefault((post.HouseholdId, post.Year)) + 1;
                }
            }

            if (post.Grade is { } grade)
            {
                book.grades[(post.MemberId, post.Year)] = grade;
            }
        }

        return book;
    }

    public int? QuotaOf(int year, string township) => quotas.TryGetValue((year, township), out var posts) ? posts : null;

    public int InPost(int year, string township) => inPost.GetValueOrDefault((year, township));

    /// <summary>Every selection rule that needs the database's state, in the order a person is told.</summary>
    public RuleResult Check(RangerCandidate candidate, int year, RangerPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var check = RangerRules.NotSelectedYet(selected.Contains((candidate.MemberId, year)), year);
        if (check.Succeeded)
        {
            check = RangerRules.NotFailedLastYear(grades.TryGetValue((candidate.MemberId, year - 1), out var grade) ? grade : null, year);
        }

        if (check.Succeeded)
        {
            check = RangerRules.WithinHousehold(householdPosts.GetValueOrDefault((candidate.HouseholdId, year)), year, policy);
        }

        return check.Succeeded ? RangerRules.WithinQuota(QuotaOf(year, candidate.TownshipCode), InPost(year, candidate.TownshipCode), year, candidate.TownshipCode) : check;
    }

    public void Selected(RangerPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        selected.Add((post.MemberId, post.Year));
        householdPosts[(post.HouseholdId, post.Year)] = householdPosts.GetValueOrDefault((post.HouseholdId, post.Year)) + 1;
        inPost[(post.Year, post.TownshipCode)] = InPost(post.Year, post.TownshipCode) + 1;
    }
}

/// <summary>
/// Selects, ends and pays ranger posts inside the caller's unit of work, each with its integration event
/// in the outbox (the appointment, the end, the household's wage income for the registry): committed by
/// the caller's SaveChanges together, or not at all. Used by the portal, the feeds and the reactions.
/// </summary>
public sealed class RangerLedger(EcologyDbContext db, RangerPolicy policy, TimeProvider clock)
{
    public RangerPolicy Policy => policy;

    /// <summary>Checks every rule (the book's and the person's) and adds the post; null with the reason when refused.</summary>
    public RuleResult TrySelect(
        SelectionBook book, RangerCandidate candidate, int year, DateOnly? startsOn, string? patrolArea, decimal? areaMu, string selectedBy, out RangerPost? post)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(candidate);
        post = null;
        var today = clock.Today();
        var check = RangerRules.ContractYear(year, today, policy);
        if (check.Succeeded)
        {
            check = RangerRules.Eligible(candidate, year, policy);
        }

        if (check.Succeeded)
        {
            check = RangerRules.ContractStart(year, startsOn, out _);
        }

        if (check.Succeeded && areaMu is { } area && (area <= 0 || area > 100_000 || decimal.Round(area, 2) != area))
        {
            check = RuleResult.Fail("areaMu", "管护面积（亩）应大于0且不超过100000，最多两位小数");
        }

        if (check.Succeeded)
        {
            check = book.Check(candidate, year, policy);
        }

        if (!check.Succeeded)
        {
            return check;
        }

        RangerRules.ContractStart(year, startsOn, out var start);
        var now = clock.GetUtcNow();
        post = RangerPost.Select(candidate, year, start, policy.AnnualPay, patrolArea, areaMu, selectedBy, now);
        db.RangerPosts.Add(post);
        book.Selected(post);
        db.AddIntegrationEvent(
            new RangerAppointed
            {
                EventId = Guid.CreateVersion7(now),
                HouseholdId = post.HouseholdId,
                OccurredAt = now,
                PostId = post.Id,
                MemberId = post.MemberId,
                Year = post.Year,
                TownshipCode = post.TownshipCode,
                VillageCode = post.VillageCode,
                StartsOn = post.StartsOn,
                EndsOn = post.EndsOn,
                AnnualPay = post.AnnualPay,
            },
            clock);
        return RuleResult.Ok;
    }

    /// <summary>Ends a post (death, moving away, lost ability, dismissal, resignation) and announces the vacancy.</summary>
    public RuleResult End(RangerPost post, RangerPostEndReason reason, DateOnly on, string? note, string endedBy)
    {
        ArgumentNullException.ThrowIfNull(post);
        var ended = post.End(reason, on, note, endedBy);
        if (ended.Succeeded)
        {
            AnnounceEnd(post);
        }

        return ended;
    }

    /// <summary>The yearly assessment; an unqualified grade ends a post still running, and that is announced too.</summary>
    public RuleResult Assess(RangerPost post, AssessmentGrade grade, DateOnly on, string? note, string assessedBy)
    {
        ArgumentNullException.ThrowIfNull(post);
        var wasInPost = post.InPost;
        var assessed = post.Assess(grade, on, note, assessedBy, clock.Today());
        if (assessed.Succeeded && wasInPost && !post.InPost)
        {
            AnnounceEnd(post);
        }

        return assessed;
    }

    /// <summary>Pays the post's year (the caller has checked it was not paid) and reports the household's wage income.</summary>
    public RuleResult TryPay(RangerPost post, decimal? amount, DateOnly? paidOn, string? note, string recordedBy, out RangerPay? pay)
    {
        ArgumentNullException.ThrowIfNull(post);
        pay = null;
        var day = paidOn ?? clock.Today();
        var check = RangerPay.Check(post, amount, day, clock.Today(), out var paid);
        if (!check.Succeeded)
        {
            return check;
        }

        var now = clock.GetUtcNow();
        pay = RangerPay.Make(post, paid, day, note, recordedBy, now);
        db.RangerPay.Add(pay);
        db.AddIntegrationEvent(
            Income.Recorded(post.HouseholdId, post.MemberId, post.Year, IncomeKind.Wage, paid, pay.Id, string.Create(CultureInfo.InvariantCulture, $"生态护林员{post.Year}年工资"), now),
            clock);
        return RuleResult.Ok;
    }

    public static string AlreadyPaid(RangerPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return string.Create(CultureInfo.InvariantCulture, $"该护林员{post.Year}年工资已发放，不能重复发放");
    }

    private void AnnounceEnd(RangerPost post)
    {
        var now = clock.GetUtcNow();
        db.AddIntegrationEvent(
            new RangerPostEnded
            {
                EventId = Guid.CreateVersion7(now),
                HouseholdId = post.HouseholdId,
                OccurredAt = now,
                PostId = post.Id,
                MemberId = post.MemberId,
                Year = post.Year,
                TownshipCode = post.TownshipCode,
                Reason = post.EndReason!.Value,
                EndedOn = post.EndedOn!.Value,
            },
            clock);
    }
}

/// <summary>The income records the pillar reports to the registry (each counts toward stable exit income).</summary>
public static class Income
{
    public static IncomeRecorded Recorded(Guid householdId, Guid? memberId, int year, IncomeKind kind, decimal amount, Guid sourceRecordId, string description, DateTimeOffset now) => new()
    {
        EventId = Guid.CreateVersion7(now),
        HouseholdId = householdId,
        OccurredAt = now,
        MemberId = memberId,
        Year = year,
        Kind = kind,
        Amount = amount,
        // 工资性收入 of a public-welfare post, 生态补偿 (转移性), project wages and dividends: all stable income.
        CountsTowardExit = true,
        Source = Pillar.Ecology,
        SourceRecordId = sourceRecordId.ToString(),
        Description = description,
    };
}
