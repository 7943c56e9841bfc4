using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Ecology;
using Platform.Ecology.Data;
using Platform.Ecology.Domain;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;

namespace Platform.Ecology.Rangers;

/// <summary>The portal's ranger commands: validate, check inside the caller's scope, write with the events in one transaction.</summary>
public sealed class RangerCommands(EcologyDbContext db, RangerLedger ledger, TimeProvider clock)
{
    private const string Concurrent = "该护林员记录刚被他人修改，请刷新后重试";

    /// <summary>生态护林员选聘: a member of a household in the caller's scope, by every rule, inside the township's quota.</summary>
    public async Task<Outcome<RangerPost>> SelectAsync(SelectRangerRequest request, DataScope scope, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        if (request.MemberId is null || request.MemberId == Guid.Empty)
        {
            FieldErrors.Add(errors, RangerRules.MemberField, "请指定建档立卡户成员");
        }

        var patrolArea = FreeText.Optional(request.PatrolArea, 100, "patrolArea", errors);
        if (errors.Count > 0)
        {
            return Outcome<RangerPost>.Refused(Refusal.Invalid, errors);
        }

        var found = await (from m in db.ReplicaMembers.Within(scope)
                           join h in db.ReplicaHouseholds on m.HouseholdId equals h.Id
                           where m.Id == request.MemberId
                           select new { Member = m, Household = h }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return Outcome<RangerPost>.Refused(Refusal.NotFound, RangerRules.MemberField, "建档立卡户成员不存在");
        }

        var year = request.Year ?? clock.Today().Year;
        var candidate = RangerCandidates.Of(found.Member, found.Household);
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
        var book = await SelectionBook.LoadAsync(db, [(candidate, year)], cancellationToken);
        var result = ledger.TrySelect(book, candidate, year, request.StartsOn, patrolArea, request.AreaMu, actor, out var post);
        if (!result.Succeeded)
        {
            return Outcome<RangerPost>.Refused(Refusal.Invalid, result.Field!, result.Error!);
        }

        var saved = await db.SaveAsOutcomeAsync(post!, (RangerRules.MemberField, Concurrent), _ => (RangerRules.MemberField, RangerRules.NotSelectedYet(true, year).Error!), cancellationToken);
        if (saved.Value is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return saved;
    }

    /// <summary>年度指标 of a township (county staff): never under the rangers in post.</summary>
    public async Task<Outcome<QuotaDto>> SetQuotaAsync(int year, string townshipCode, QuotaRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        var yearCheck = RangerRules.ContractYear(year, clock.Today(), ledger.Policy);
        if (!yearCheck.Succeeded)
        {
            FieldErrors.Add(errors, "year", yearCheck.Error!);
        }

        if (!Places.IsCode(townshipCode, 9))
        {
            FieldErrors.Add(errors, "townshipCode", "乡镇代码应为9位数字");
        }

        if (request.Posts is null)
        {
            FieldErrors.Add(errors, "posts", "请填写指标数");
        }

        if (errors.Count > 0)
        {
            return Outcome<QuotaDto>.Refused(Refusal.Invalid, errors);
        }

        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
        // The quota row is locked like a selection locks it: the count of rangers in post cannot change meanwhile.
        var quota = await db.RangerQuotas
            .FromSql($"SELECT * FROM ranger_quotas WHERE year = {year} AND township_code = {townshipCode} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        var counts = await CountsAsync(year, townshipCode, cancellationToken);
        var check = RangerQuota.Check(request.Posts!.Value, counts.InPost);
        if (!check.Succeeded)
        {
            return Outcome<QuotaDto>.Refused(Refusal.Invalid, check.Field!, check.Error!);
        }

        if (quota is null)
        {
            db.RangerQuotas.Add(RangerQuota.Create(year, townshipCode, request.Posts.Value, actor, clock.GetUtcNow()));
        }
        else
        {
            quota.Change(request.Posts.Value, actor, clock.GetUtcNow());
        }

        var dto = new QuotaDto(year, townshipCode, request.Posts.Value, counts.InPost, counts.Ended, Math.Max(0, request.Posts.Value - counts.InPost));
        var saved = await db.SaveAsOutcomeAsync(dto, ("posts", "指标刚被他人修改，请刷新后重试"), _ => ("posts", "指标刚被他人设置，请刷新后重试"), cancellationToken);
        if (saved.Value is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return saved;
    }

    /// <summary>巡护记录 of a ranger in the caller's scope: one per day, on a day in post.</summary>
    public async Task<Outcome<Patrol>> RecordPatrolAsync(Guid postId, PatrolRequest request, DataScope scope, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        if (request.PatrolledOn is null)
        {
            FieldErrors.Add(errors, "patrolledOn", "请填写巡护日期");
        }

        var findings = FreeText.Optional(request.Findings, 500, "findings", errors);
        if (errors.Count > 0)
        {
            return Outcome<Patrol>.Refused(Refusal.Invalid, errors);
        }

        if (await FindAsync(postId, scope, cancellationToken) is not { } post)
        {
            return Outcome<Patrol>.Refused(Refusal.NotFound, "id", "护林员岗位不存在");
        }

        var day = request.PatrolledOn!.Value;
        if (await db.Patrols.AnyAsync(p => p.PostId == post.Id && p.PatrolledOn == day, cancellationToken))
        {
            return Outcome<Patrol>.Refused(Refusal.Conflict, "patrolledOn", AlreadyPatrolled(day));
        }

        var check = Patrol.Check(post, day, request.Hours, request.DistanceKm, clock.Today());
        if (!check.Succeeded)
        {
            return Outcome<Patrol>.Refused(Refusal.Invalid, check.Field!, check.Error!);
        }

        var patrol = Patrol.Record(post, day, request.Hours, request.DistanceKm, findings, actor, clock.GetUtcNow());
        db.Patrols.Add(patrol);
        return await db.SaveAsOutcomeAsync(patrol, ("patrolledOn", Concurrent), _ => ("patrolledOn", AlreadyPatrolled(day)), cancellationToken);
    }

    /// <summary>年度考核: once per post; unqualified dismisses a ranger still in post.</summary>
    public async Task<Outcome<RangerPost>> AssessAsync(Guid postId, AssessmentRequest request, DataScope scope, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Grade) || !Codes.TryParse<AssessmentGrade>(request.Grade, out var grade))
        {
            FieldErrors.Add(errors, "grade", $"考核等次应为：{Codes.List<AssessmentGrade>()}");
            grade = default;
        }

        var note = FreeText.Optional(request.Note, 200, "note", errors);
        if (errors.Count > 0)
        {
            return Outcome<RangerPost>.Refused(Refusal.Invalid, errors);
        }

        if (await FindAsync(postId, scope, cancellationToken) is not { } post)
        {
            return Outcome<RangerPost>.Refused(Refusal.NotFound, "id", "护林员岗位不存在");
        }

        var result = ledger.Assess(post, grade, request.AssessedOn ?? clock.Today(), note, actor);
        if (!result.Succeeded)
        {
            return Outcome<RangerPost>.Refused(post.Grade is null ? Refusal.Invalid : Refusal.Conflict, result.Field!, result.Error!);
        }

        return await db.SaveAsOutcomeAsync(post, ("id", Concurrent), _ => ("id", Concurrent), cancellationToken);
    }

    /// <summary>解聘 or 辞聘 of a ranger in post: the township has a vacancy.</summary>
    public async Task<Outcome<RangerPost>> DismissAsync(Guid postId, DismissalRequest request, DataScope scope, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        RangerPostEndReason reason = default;
        if (string.IsNullOrWhiteSpace(request.Reason) || !Codes.TryParse(request.Reason, out reason)
            || reason is not (RangerPostEndReason.Dismissed or RangerPostEndReason.Resigned))
        {
            FieldErrors.Add(errors, "reason", "终止原因应为：dismissed（解聘）, resigned（辞聘）");
        }

        var note = FreeText.Optional(request.Note, 200, "note", errors);
        var on = request.On ?? clock.Today();
        var future = RangerRules.NotInFuture(on, clock.Today(), "on");
        if (!future.Succeeded)
        {
            FieldErrors.Add(errors, "on", future.Error!);
        }

        if (errors.Count > 0)
        {
            return Outcome<RangerPost>.Refused(Refusal.Invalid, errors);
        }

        if (await FindAsync(postId, scope, cancellationToken) is not { } post)
        {
            return Outcome<RangerPost>.Refused(Refusal.NotFound, "id", "护林员岗位不存在");
        }

        var wasInPost = post.InPost;
        var result = ledger.End(post, reason, on, note, actor);
        if (!result.Succeeded)
        {
            return Outcome<RangerPost>.Refused(wasInPost ? Refusal.Invalid : Refusal.Conflict, result.Field!, result.Error!);
        }

        return await db.SaveAsOutcomeAsync(post, ("id", Concurrent), _ => ("id", Concurrent), cancellationToken);
    }

    /// <summary>护林员工资: the post's year, paid once, reported to the registry as the household's wage income.</summary>
    public async Task<Outcome<RangerPay>> PayAsync(Guid postId, PayRequest request, DataScope scope, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        var note = FreeText.Optional(request.Note, 200, "note", errors);
        if (errors.Count > 0)
        {
            return Outcome<RangerPay>.Refused(Refusal.Invalid, errors);
        }

        if (await FindAsync(postId, scope, cancellationToken) is not { } post)
        {
            return Outcome<RangerPay>.Refused(Refusal.NotFound, "id", "护林员岗位不存在");
        }

        if (await db.RangerPay.AnyAsync(p => p.PostId == post.Id, cancellationToken))
        {
            return Outcome<RangerPay>.Refused(Refusal.Conflict, "id", RangerLedger.AlreadyPaid(post));
        }

        var result = ledger.TryPay(post, request.Amount, request.PaidOn, note, actor, out var pay);
        if (!result.Succeeded)
        {
            return Outcome<RangerPay>.Refused(Refusal.Invalid, result.Field!, result.Error!);
        }

        return await db.SaveAsOutcomeAsync(pay!, ("id", Concurrent), _ => ("id", RangerLedger.AlreadyPaid(post)), cancellationToken);
    }

    /// <summary>Rangers in post and posts ended early, of a township's year.</summary>
    public async Task<(int InPost, int Ended)> CountsAsync(int year, string townshipCode, CancellationToken cancellationToken)
    {
        var counts = await db.RangerPosts.Where(p => p.Year == year && p.TownshipCode == townshipCode)
            .GroupBy(p => p.EndedOn == null)
            .Select(g => new { InPost = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return (counts.Where(c => c.InPost).Sum(c => c.Count), counts.Where(c => !c.InPost).Sum(c => c.Count));
    }

    private Task<RangerPost?> FindAsync(Guid postId, DataScope scope, CancellationToken cancellationToken) =>
        db.RangerPosts.Within(scope).SingleOrDefaultAsync(p => p.Id == postId, cancellationToken);

    private static string AlreadyPatrolled(DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"{day:yyyy年M月d日}的巡护记录已存在");
}
