using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.People;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Idempotency;
using Platform.Welfare.Assistance;
using Platform.Welfare.Common;
using Platform.Welfare.Data;
using Platform.Welfare.Domain;

namespace Platform.Welfare.Health;

/// <summary>慢病认定: a certificate for a member's chronic ("serious": special) disease.</summary>
public sealed record CertificateRequest(Guid? MemberId, string? Disease, bool? Serious, string? CertificateNumber, string? Issuer, DateOnly? IssuedOn);

public sealed record RevocationRequest(DateOnly? On, string? Reason);

/// <summary>送药上门.</summary>
public sealed record DeliveryRequest(DateOnly? DeliveredOn, string? Drugs, string? DeliveredBy);

/// <summary>残疾人评定: kind and grade 1–4, or neither when the member no longer meets the standard on review.</summary>
public sealed record DisabilityRequest(Guid? MemberId, string? Kind, int? Grade, DateOnly? AssessedOn, string? Assessor);

public sealed record DeliveryDto(Guid Id, Guid CertificateId, string VillageCode, DateOnly DeliveredOn, string Drugs, string DeliveredBy);

public sealed record CertificateDto(
    Guid Id, Guid MemberId, Guid HouseholdId, string PatientName, string IdNumber, string VillageCode, string Disease, bool Serious, string? CertificateNumber, string Issuer,
    DateOnly IssuedOn, DateOnly? RevokedOn, string? RevokeReason, IReadOnlyList<DeliveryDto> Deliveries);

public sealed record DisabilityDto(
    Guid Id, Guid MemberId, Guid HouseholdId, string Name, string IdNumber, string VillageCode, DisabilityKind? Kind, string? KindName, int? Grade, DateOnly AssessedOn, string Assessor);

/// <summary>A certificate with its holder, as the list and its export read it in one query.</summary>
public sealed class CertificateRow
{
    public required ChronicCertificate Certificate { get; init; }

    public required Messaging.Households.ReplicaMember Member { get; init; }
}

/// <summary>A member's latest disability assessment with the member, as the list and its export read it in one query.</summary>
public sealed class DisabilityRow
{
    public required DisabilityAssessment Assessment { get; init; }

    public required Messaging.Households.ReplicaMember Member { get; init; }
}

/// <summary>Chronic-disease certificates, drug delivery and disability assessments for the county portal (/api/welfare).</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/welfare").WithTags("慢病和残疾人评定").RequireAuthorization(PlatformPolicies.Read);
        api.MapPost("/certificates", IssueAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<WelfareDbContext>()
            .WithSummary("慢病认定：为成员办理慢性病或特殊病种证；成员健康状况随之报送建档立卡系统（支持 Idempotency-Key 重试）");
        api.MapGet("/certificates", CertificatesAsync).WithSummary("慢病证：默认有效，可按状态（active、revoked）、是否特殊病种、乡镇、村筛选，分页");
        api.MapGet("/certificates/{id:guid}", CertificateAsync).WithSummary("慢病证详情及送药记录");
        api.MapPost("/certificates/{id:guid}/revocation", RevokeAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithSummary("注销慢病证（治愈、死亡等），写明原因");
        api.MapPost("/certificates/{id:guid}/deliveries", DeliverAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<WelfareDbContext>()
            .WithSummary("登记送药上门：药品送到患者所在村（支持 Idempotency-Key 重试）");
        api.MapGet("/deliveries", DeliveriesAsync).WithSummary("送药上门记录，可按年度、乡镇、村筛选，分页");
        api.MapPost("/disabilities", AssessAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<WelfareDbContext>()
            .WithSummary("残疾人评定：残疾类别和等级（1–4级），或复评不符合残疾标准；成员健康状况随之报送建档立卡系统（支持 Idempotency-Key 重试）");
        api.MapGet("/disabilities", DisabilitiesAsync).WithSummary("残疾人评定（每人以最新一次为准），可按等级、乡镇、村筛选，分页");
        return app;
    }

    internal static async Task<Results<Created<CertificateDto>, ProblemHttpResult>> IssueAsync(
        [FromBody] CertificateRequest request, WelfareDbContext db, HealthLedger ledger, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var disease = Required(request.Disease, ChronicCertificate.MaxDiseaseLength, "disease", "请填写病种", errors);
        var issuer = Required(request.Issuer, 100, "issuer", "请填写认定机构", errors);
        var number = AssistanceCommands.Text(request.CertificateNumber, 40, "certificateNumber", errors);
        if (request.MemberId is null)
        {
            FieldErrors.Add(errors, "memberId", "请指定成员");
        }

        if (errors.Count > 0)
        {
            return Outcome<CertificateDto>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var member = await db.ReplicaMembers.AsNoTracking().Within(DataScope.Of(user)).SingleOrDefaultAsync(m => m.Id == request.MemberId && m.LeftAt == null, cancellationToken);
        if (member is null)
        {
            return Problems.NotFound("成员不存在");
        }

        await ledger.LoadAsync([member], cancellationToken);
        var result = ledger.Issue(member, disease!, request.Serious ?? false, number, issuer!, request.IssuedOn ?? clock.Today(), Caller.Of(user), out var certificate, out var change);
        if (!result.Succeeded)
        {
            return Outcome<CertificateDto>.Refused(result.Field == "disease" ? Refusal.Conflict : Refusal.Invalid, result.Field!, result.Error!).ToProblem();
        }

        if (change == HealthChange.Unchanged)
        {
            return Problems.Conflict("disease", "该成员已持有该病种的有效证");
        }

        var saved = await db.SaveAsOutcomeAsync(certificate!, ("memberId", "该成员的慢病证刚被他人修改，请重试"), _ => ("certificateNumber", "该证号已被使用，或该成员已持有该病种的有效证"), cancellationToken);
        return saved.Value is null ? saved.ToProblem() : TypedResults.Created($"/api/welfare/certificates/{certificate!.Id}", Dto(certificate, member, []));
    }

    internal static async Task<Results<Ok<Page<CertificateDto>>, ValidationProblem>> CertificatesAsync(
        WelfareDbContext db, string? status, bool? serious, Guid? householdId, string? township, string? village, int? page, int? pageSize, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var number, out var size) ?? [];
        var query = FilteredCertificates(db, status, serious, householdId, township, village, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.PageOf(number, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<CertificateDto>(rows.Select(r => Dto(r.Certificate, r.Member, [])).ToList(), number, size, total));
    }

    /// <summary>The certificates of the list (and of its export), in the list's order: the caller's scope and the filters, each with its holder.</summary>
    internal static IQueryable<CertificateRow> FilteredCertificates(
        WelfareDbContext db, string? status, bool? serious, Guid? householdId, string? township, string? village, ClaimsPrincipal user, Dictionary<string, string[]> errors)
    {
        var query = db.ChronicCertificates.AsNoTracking().Within(db, DataScope.Of(user)).InPlace(db, township, village);
        switch (status?.Trim().ToLowerInvariant())
        {
            case null or "" or "active":
                query = query.Where(c => c.RevokedOn == null);
                break;
            case "revoked":
                query = query.Where(c => c.RevokedOn != null);
                break;
            default:
                FieldErrors.Add(errors, "status", "状态应为 active 或 revoked");
                break;
        }

        if (serious is { } s)
        {
            query = query.Where(c => c.Serious == s);
        }

        if (householdId is { } h)
        {
            query = query.Where(c => c.HouseholdId == h);
        }

        return query.Join(db.ReplicaMembers, c => c.MemberId, m => m.Id, (c, m) => new CertificateRow { Certificate = c, Member = m })
            .OrderBy(x => x.Member.VillageCode).ThenBy(x => x.Certificate.HouseholdId).ThenBy(x => x.Certificate.Id);
    }

    internal static async Task<Results<Ok<CertificateDto>, ProblemHttpResult>> CertificateAsync(Guid id, WelfareDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var row = await db.ChronicCertificates.AsNoTracking().Within(db, DataScope.Of(user)).Where(c => c.Id == id)
            .Join(db.ReplicaMembers, c => c.MemberId, m => m.Id, (c, m) => new { Certificate = c, Member = m })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return Problems.NotFound("慢病证不存在");
        }

        var deliveries = await db.DrugDeliveries.AsNoTracking().Where(d => d.CertificateId == id).OrderBy(d => d.DeliveredOn).ToListAsync(cancellationToken);
        return TypedResults.Ok(Dto(row.Certificate, row.Member, deliveries));
    }

    internal static async Task<Results<Ok<CertificateDto>, ProblemHttpResult>> RevokeAsync(
        Guid id, [FromBody] RevocationRequest request, WelfareDbContext db, HealthLedger ledger, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = DataScope.Of(user);
        var found = await db.ChronicCertificates.AsNoTracking().Within(db, scope).Where(c => c.Id == id).Select(c => c.MemberId).ToListAsync(cancellationToken);
        if (found.Count == 0)
        {
            return Problems.NotFound("慢病证不存在");
        }

        var member = await db.ReplicaMembers.AsNoTracking().SingleAsync(m => m.Id == found[0], cancellationToken);
        await ledger.LoadAsync([member], cancellationToken);
        var certificate = ledger.CertificatesOf(member.Id).Single(c => c.Id == id);
        var result = ledger.Revoke(member, certificate, request.On ?? clock.Today(), request.Reason);
        if (!result.Succeeded)
        {
            return Outcome<CertificateDto>.Refused(result.Field == "id" ? Refusal.Conflict : Refusal.Invalid, result.Field!, result.Error!).ToProblem();
        }

        var saved = await db.SaveAsOutcomeAsync(certificate, ("id", "该证刚被他人修改，请刷新后重试"), _ => ("id", "冲突"), cancellationToken);
        return saved.Value is null ? saved.ToProblem() : await CertificateAsync(id, db, user, cancellationToken);
    }

    internal static async Task<Results<Created<DeliveryDto>, ProblemHttpResult>> DeliverAsync(
        Guid id, [FromBody] DeliveryRequest request, WelfareDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var row = await db.ChronicCertificates.AsNoTracking().Within(db, DataScope.Of(user)).Where(c => c.Id == id)
            .Join(db.ReplicaMembers, c => c.MemberId, m => m.Id, (c, m) => new { Certificate = c, Member = m })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return Problems.NotFound("慢病证不存在");
        }

        var errors = new Dictionary<string, string[]>();
        var drugs = Required(request.Drugs, 300, "drugs", "请填写所送药品", errors);
        var by = Required(request.DeliveredBy, 100, "deliveredBy", "请填写送药人（家庭医生签约团队或村医）", errors);
        var on = request.DeliveredOn ?? clock.Today();
        if (on > clock.Today() || on < row.Certificate.IssuedOn)
        {
            FieldErrors.Add(errors, "deliveredOn", "送药日期应在发证之后且不晚于今天");
        }

        if (!row.Certificate.IsActive || !row.Member.IsCurrent)
        {
            FieldErrors.Add(errors, "id", "该证已注销或患者已不在本户，不能送药");
        }

        if (errors.Count > 0)
        {
            return Outcome<DeliveryDto>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var now = clock.GetUtcNow();
        var delivery = new DrugDelivery
        {
            Id = Guid.CreateVersion7(now), CertificateId = id, MemberId = row.Member.Id, HouseholdId = row.Member.HouseholdId, VillageCode = row.Member.VillageCode, DeliveredOn = on,
            Drugs = drugs!, DeliveredBy = by!, RecordedAt = now,
        };
        db.DrugDeliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/welfare/certificates/{id}", Dto(delivery));
    }

    internal static async Task<Results<Ok<Page<DeliveryDto>>, ValidationProblem>> DeliveriesAsync(
        WelfareDbContext db, int? year, string? township, string? village, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (Paging.Validate(page, pageSize, out var number, out var size) is { } errors)
        {
            return Problems.Validation(errors);
        }

        var query = FilteredDeliveries(db, year, township, village, user);
        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.PageOf(number, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<DeliveryDto>(rows.Select(Dto).ToList(), number, size, total));
    }

    internal static async Task<Results<Created<DisabilityDto>, ProblemHttpResult>> AssessAsync(
        [FromBody] DisabilityRequest request, WelfareDbContext db, HealthLedger ledger, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        DisabilityKind? kind = null;
        if (!string.IsNullOrWhiteSpace(request.Kind))
        {
            if (Codes.TryParse<DisabilityKind>(request.Kind, out var k))
            {
                kind = k;
            }
            else
            {
                FieldErrors.Add(errors, "kind", $"残疾类别应为：{Codes.List<DisabilityKind>()}");
            }
        }

        var assessor = Required(request.Assessor, 100, "assessor", "请填写评定机构", errors);
        if (request.MemberId is null)
        {
            FieldErrors.Add(errors, "memberId", "请指定成员");
        }

        if (errors.Count > 0)
        {
            return Outcome<DisabilityDto>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var member = await db.ReplicaMembers.AsNoTracking().Within(DataScope.Of(user)).SingleOrDefaultAsync(m => m.Id == request.MemberId && m.LeftAt == null, cancellationToken);
        if (member is null)
        {
            return Problems.NotFound("成员不存在");
        }

        await ledger.LoadAsync([member], cancellationToken);
        var result = ledger.Assess(member, kind, request.Grade, request.AssessedOn ?? clock.Today(), assessor!, Caller.Of(user), out var assessment, out _);
        if (!result.Succeeded)
        {
            return Outcome<DisabilityDto>.Refused(Refusal.Invalid, result.Field!, result.Error!).ToProblem();
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/welfare/disabilities?householdId={member.HouseholdId}", Dto(assessment!, member));
    }

    internal static async Task<Results<Ok<Page<DisabilityDto>>, ValidationProblem>> DisabilitiesAsync(
        WelfareDbContext db, int? grade, Guid? householdId, string? township, string? village, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (Paging.Validate(page, pageSize, out var number, out var size) is { } errors)
        {
            return Problems.Validation(errors);
        }

        var query = FilteredDisabilities(db, grade, householdId, township, village, user);
        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.PageOf(number, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<DisabilityDto>(rows.Select(r => Dto(r.Assessment, r.Member)).ToList(), number, size, total));
    }

    /// <summary>The deliveries of the list (and of its export), newest first: the caller's scope, the year and the place.</summary>
    internal static IQueryable<DrugDelivery> FilteredDeliveries(WelfareDbContext db, int? year, string? township, string? village, ClaimsPrincipal user)
    {
        var query = db.DrugDeliveries.AsNoTracking().Within(db, DataScope.Of(user)).InPlace(db, township, village);
        if (year is { } y)
        {
            query = query.Where(d => d.DeliveredOn >= new DateOnly(y, 1, 1) && d.DeliveredOn <= new DateOnly(y, 12, 31));
        }

        return query.OrderByDescending(d => d.DeliveredOn).ThenBy(d => d.Id);
    }

    /// <summary>The disabled of the list (and of its export), in the list's order: each member's latest assessment, the caller's scope and the filters.</summary>
    internal static IQueryable<DisabilityRow> FilteredDisabilities(WelfareDbContext db, int? grade, Guid? householdId, string? township, string? village, ClaimsPrincipal user)
    {
        var query = Current(db, db.DisabilityAssessments.AsNoTracking().Within(db, DataScope.Of(user)).InPlace(db, township, village)).Where(a => a.Grade != null);
        if (grade is { } g)
        {
            query = query.Where(a => a.Grade == g);
        }

        if (householdId is { } h)
        {
            query = query.Where(a => a.HouseholdId == h);
        }

        return query.Join(db.ReplicaMembers, a => a.MemberId, m => m.Id, (a, m) => new DisabilityRow { Assessment = a, Member = m })
            .OrderBy(x => x.Member.VillageCode).ThenBy(x => x.Assessment.HouseholdId).ThenBy(x => x.Assessment.Id);
    }

    /// <summary>Each member's latest assessment.</summary>
    internal static IQueryable<DisabilityAssessment> Current(WelfareDbContext db, IQueryable<DisabilityAssessment> assessments) =>
        assessments.Where(a => !db.DisabilityAssessments.Any(later => later.MemberId == a.MemberId
            && (later.AssessedOn > a.AssessedOn || (later.AssessedOn == a.AssessedOn && later.RecordedAt > a.RecordedAt))));

    private static string? Required(string? text, int max, string field, string message, Dictionary<string, string[]> errors)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > max)
        {
            FieldErrors.Add(errors, field, $"{message}（不超过{max}字）");
            return null;
        }

        return trimmed;
    }

    private static CertificateDto Dto(ChronicCertificate c, Messaging.Households.ReplicaMember m, IReadOnlyList<DrugDelivery> deliveries) => new(
        c.Id, c.MemberId, c.HouseholdId, m.Name, ResidentIdNumber.Mask(m.IdNumber), m.VillageCode, c.Disease, c.Serious, c.CertificateNumber, c.Issuer, c.IssuedOn, c.RevokedOn,
        c.RevokeReason, deliveries.Select(Dto).ToList());

    private static DeliveryDto Dto(DrugDelivery d) => new(d.Id, d.CertificateId, d.VillageCode, d.DeliveredOn, d.Drugs, d.DeliveredBy);

    private static DisabilityDto Dto(DisabilityAssessment a, Messaging.Households.ReplicaMember m) => new(
        a.Id, a.MemberId, a.HouseholdId, m.Name, ResidentIdNumber.Mask(m.IdNumber), m.VillageCode, a.Kind, a.Kind is { } k ? DisabilityNames.Of(k) : null, a.Grade, a.AssessedOn, a.Assessor);
}
