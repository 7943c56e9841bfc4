using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.People;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Idempotency;
using Platform.Welfare.Common;
using Platform.Welfare.Data;
using Platform.Welfare.Domain;

namespace Platform.Welfare.Claims;

/// <summary>一次住院或门诊慢特病结算. Kind "inpatient" (default) or "special-outpatient"; in the county unless said otherwise.</summary>
public sealed record ClaimRequest(
    Guid? MemberId, string? Kind, bool? InCounty, string? Hospital, string? Diagnosis, DateOnly? AdmittedOn, DateOnly? DischargedOn, decimal? TotalCost, decimal? WithinPolicyCost,
    string? SettlementNumber);

public sealed record LayerDto(ReimbursementLayer Layer, string Name, decimal Amount);

public sealed record ClaimDto(
    Guid? Id, Guid MemberId, Guid HouseholdId, string PatientName, string IdNumber, string VillageCode, string? SettlementNumber, ClaimKind Kind, bool InCounty, string Hospital,
    string? Diagnosis, DateOnly AdmittedOn, DateOnly DischargedOn, decimal TotalCost, decimal WithinPolicyCost, IReadOnlyList<LayerDto> Layers, decimal Reimbursed, decimal OutOfPocket,
    decimal WithinPolicyOutOfPocket, decimal WithinPolicyRatio, AidClass AidClass, bool HealthPolicyApplies, bool LargeExpenseReported, string? RecordedBy, DateTimeOffset? RecordedAt);

/// <summary>A claim with its patient, as the lists read it; member-initialized so a query can order by it.</summary>
public sealed class ClaimRow
{
    public required HospitalClaim Claim { get; init; }

    public required Messaging.Households.ReplicaMember Member { get; init; }
}

/// <summary>Hospital claims with layered reimbursement for the county portal (through the gateway at /api/welfare/claims).</summary>
public static class ClaimsApi
{
    public static IEndpointRouteBuilder MapClaimsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/welfare/claims").WithTags("医疗费用结算").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/policy", Policy).WithSummary("报销政策（配置）：基本医保、大病保险、医疗救助、补充保险的比例、起付线和封顶线，健康扶贫“985”兜底比例和年度自付上限，大额支出监测标准");
        api.MapPost("/", RecordAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<WelfareDbContext>()
            .WithSummary("一站式结算：按基本医保、大病保险、医疗救助、补充保险依次报销，贫困患者县域内政策范围内费用由“985”兜底补足；报销额作为不计入稳定收入的转移性收入报送，自付超过监测标准的报送建档立卡系统（支持 Idempotency-Key 重试）");
        api.MapPost("/calculation", CalculateAsync).RequireAuthorization(PlatformPolicies.PillarWrite).AuditAsRead()
            .WithSummary("试算：按同样的规则计算各层报销和自付金额，不保存");
        api.MapGet("/", ListAsync).WithSummary("结算记录：可按年度、类别、县域内外、是否大额支出、乡镇、村筛选，分页");
        api.MapGet("/{id:guid}", GetAsync).WithSummary("结算详情：各层报销金额、自付金额和政策范围内报销比例");
        return app;
    }

    internal static Ok<ReimbursementPolicyDto> Policy(WelfarePolicies policies) => TypedResults.Ok(new ReimbursementPolicyDto(policies.Reimbursement, policies.LargeExpenseThreshold));

    internal static async Task<Results<Created<ClaimDto>, ProblemHttpResult>> RecordAsync(
        [FromBody] ClaimRequest request, WelfareDbContext db, ClaimLedger ledger, ClaimPatients patients, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (input, member, problem) = await ParseAsync(request, db, DataScope.Of(user), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (input!.SettlementNumber is { } number && await db.HospitalClaims.AnyAsync(c => c.SettlementNumber == number, cancellationToken))
        {
            return Problems.Conflict("settlementNumber", "该结算单号已结算");
        }

        await patients.LoadAsync([member!], [input.DischargedOn.Year], cancellationToken);
        var errors = new Dictionary<string, string[]>();
        var claim = ledger.Record(input, patients.Patient(member!, input.DischargedOn.Year), patients.Totals(member!.Id, input.DischargedOn.Year), Caller.Of(user), errors, out _);
        if (claim is null)
        {
            return Outcome<ClaimDto>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var saved = await db.SaveAsOutcomeAsync(
            claim,
            ("memberId", "该患者当年的结算刚被他人更新，请重试"),
            _ => ("settlementNumber", "该结算单号已结算"),
            cancellationToken);
        return saved.Value is null ? saved.ToProblem() : TypedResults.Created($"/api/welfare/claims/{claim.Id}", Dto(claim, member));
    }

    internal static async Task<Results<Ok<ClaimDto>, ProblemHttpResult>> CalculateAsync(
        [FromBody] ClaimRequest request, WelfareDbContext db, ClaimLedger ledger, ClaimPatients patients, WelfarePolicies policies, TimeProvider clock, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var (input, member, problem) = await ParseAsync(request, db, DataScope.Of(user), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        await patients.LoadAsync([member!], [input!.DischargedOn.Year], cancellationToken);
        var errors = new Dictionary<string, string[]>();
        var (facts, reimbursement) = ledger.Calculate(input, patients.Patient(member!, input.DischargedOn.Year), patients.Totals(member!.Id, input.DischargedOn.Year), errors);
        if (facts is null || reimbursement is null)
        {
            return Outcome<ClaimDto>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var claim = HospitalClaim.Make(
            new ClaimRequestFacts(member.Id, member.HouseholdId, input.SettlementNumber, input.Hospital, input.Diagnosis, input.AdmittedOn, input.DischargedOn),
            facts,
            reimbursement,
            policies.LargeExpenseThreshold,
            "试算",
            clock.GetUtcNow());
        return TypedResults.Ok(Dto(claim, member) with { Id = null, RecordedBy = null, RecordedAt = null });
    }

    internal static async Task<Results<Ok<Page<ClaimDto>>, ValidationProblem>> ListAsync(
        WelfareDbContext db, int? year, string? kind, bool? inCounty, bool? largeExpense, bool? registeredPoor, Guid? householdId, string? township, string? village, int? page,
        int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var number, out var size) ?? [];
        var query = Filtered(db, year, kind, inCounty, largeExpense, registeredPoor, householdId, township, village, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.PageOf(number, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<ClaimDto>(rows.Select(r => Dto(r.Claim, r.Member)).ToList(), number, size, total));
    }

    /// <summary>The claims of a list (and of its export) with their patient, newest first: the caller's scope and the filters.</summary>
    internal static IQueryable<ClaimRow> Filtered(
        WelfareDbContext db, int? year, string? kind, bool? inCounty, bool? largeExpense, bool? registeredPoor, Guid? householdId, string? township, string? village,
        ClaimsPrincipal user, Dictionary<string, string[]> errors)
    {
        var query = db.HospitalClaims.AsNoTracking().Within(db, DataScope.Of(user)).InPlace(db, township, village);
        if (year is { } y)
        {
            var from = new DateOnly(y, 1, 1);
            var to = new DateOnly(y, 12, 31);
            query = query.Where(c => c.DischargedOn >= from && c.DischargedOn <= to);
        }

        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (Codes.TryParse<ClaimKind>(kind, out var k))
            {
                query = query.Where(c => c.Kind == k);
            }
            else
            {
                FieldErrors.Add(errors, "kind", $"结算类别应为：{Codes.List<ClaimKind>()}");
            }
        }

        if (inCounty is { } county)
        {
            query = query.Where(c => c.InCounty == county);
        }

        if (largeExpense is { } large)
        {
            query = query.Where(c => c.LargeExpenseReported == large);
        }

        if (registeredPoor is { } poor)
        {
            query = query.Where(c => c.RegisteredPoor == poor);
        }

        if (householdId is { } h)
        {
            query = query.Where(c => c.HouseholdId == h);
        }

        return query.Join(db.ReplicaMembers, c => c.MemberId, m => m.Id, (c, m) => new ClaimRow { Claim = c, Member = m })
            .OrderByDescending(x => x.Claim.DischargedOn).ThenBy(x => x.Claim.Id);
    }

    internal static async Task<Results<Ok<ClaimDto>, ProblemHttpResult>> GetAsync(Guid id, WelfareDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var row = await db.HospitalClaims.AsNoTracking().Within(db, DataScope.Of(user)).Where(c => c.Id == id)
            .Join(db.ReplicaMembers, c => c.MemberId, m => m.Id, (c, m) => new { Claim = c, Member = m })
            .SingleOrDefaultAsync(cancellationToken);
        return row is null ? Problems.NotFound("结算记录不存在") : TypedResults.Ok(Dto(row.Claim, row.Member));
    }

    /// <summary>Checks the request's shape and finds its patient in the caller's scope; a problem answers the caller.</summary>
    private static async Task<(ClaimInput? Input, Messaging.Households.ReplicaMember? Member, ProblemHttpResult? Problem)> ParseAsync(
        ClaimRequest request, WelfareDbContext db, DataScope scope, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var input = ClaimInputs.Parse(
            request.Kind, request.InCounty, request.Hospital, request.Diagnosis, request.AdmittedOn, request.DischargedOn, request.TotalCost, request.WithinPolicyCost,
            request.SettlementNumber, errors);
        if (request.MemberId is null)
        {
            FieldErrors.Add(errors, "memberId", "请指定患者（建档立卡户成员）");
        }

        if (errors.Count > 0)
        {
            return (null, null, Outcome<ClaimDto>.Refused(Refusal.Invalid, errors).ToProblem());
        }

        var member = await db.ReplicaMembers.AsNoTracking().Within(scope).SingleOrDefaultAsync(m => m.Id == request.MemberId && m.LeftAt == null, cancellationToken);
        return member is null ? (null, null, Problems.NotFound("患者不存在")) : (input, member, null);
    }

    internal static ClaimDto Dto(HospitalClaim c, Messaging.Households.ReplicaMember m) => new(
        c.Id, c.MemberId, c.HouseholdId, m.Name, ResidentIdNumber.Mask(m.IdNumber), m.VillageCode, c.SettlementNumber, c.Kind, c.InCounty, c.Hospital, c.Diagnosis, c.AdmittedOn,
        c.DischargedOn, c.TotalCost, c.WithinPolicyCost,
        [
            new(ReimbursementLayer.BasicInsurance, LayerNames.Of(ReimbursementLayer.BasicInsurance), c.BasicInsurance),
            new(ReimbursementLayer.CriticalIllness, LayerNames.Of(ReimbursementLayer.CriticalIllness), c.CriticalIllness),
            new(ReimbursementLayer.MedicalAssistance, LayerNames.Of(ReimbursementLayer.MedicalAssistance), c.MedicalAssistance),
            new(ReimbursementLayer.Supplementary, LayerNames.Of(ReimbursementLayer.Supplementary), c.Supplementary),
            new(ReimbursementLayer.HealthPolicy, LayerNames.Of(ReimbursementLayer.HealthPolicy), c.HealthPolicy),
        ],
        c.Reimbursed, c.OutOfPocket, c.WithinPolicyOutOfPocket, Yuan.Percent(c.Reimbursed, c.WithinPolicyCost), c.AidClass, c.HealthPolicyApplies, c.LargeExpenseReported, c.RecordedBy,
        c.RecordedAt);
}

/// <summary>The configured reimbursement policy as the portal shows it.</summary>
public sealed record ReimbursementPolicyDto(ReimbursementPolicy Layers, decimal LargeExpenseThreshold);

public static class LayerNames
{
    public static string Of(ReimbursementLayer layer) => layer switch
    {
        ReimbursementLayer.BasicInsurance => "基本医疗保险",
        ReimbursementLayer.CriticalIllness => "大病保险",
        ReimbursementLayer.MedicalAssistance => "医疗救助",
        ReimbursementLayer.Supplementary => "补充医疗保险",
        _ => "健康扶贫兜底（985）",
    };
}

/// <summary>The claim fields as REST and gRPC both give them, checked into a <see cref="ClaimInput"/> (errors name REST fields).</summary>
public static class ClaimInputs
{
    public static ClaimInput? Parse(
        string? kind, bool? inCounty, string? hospital, string? diagnosis, DateOnly? admittedOn, DateOnly? dischargedOn, decimal? totalCost, decimal? withinPolicyCost,
        string? settlementNumber, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var claimKind = ClaimKind.Inpatient;
        if (!string.IsNullOrWhiteSpace(kind) && !Codes.TryParse(kind, out claimKind))
        {
            FieldErrors.Add(errors, "kind", $"结算类别应为：{Codes.List<ClaimKind>()}");
        }

        var name = hospital?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > ClaimRules.MaxHospitalLength)
        {
            FieldErrors.Add(errors, "hospital", $"请填写医疗机构名称（不超过{ClaimRules.MaxHospitalLength}字）");
        }

        var diagnosisText = string.IsNullOrWhiteSpace(diagnosis) ? null : diagnosis.Trim();
        if (diagnosisText is { Length: > 100 })
        {
            FieldErrors.Add(errors, "diagnosis", "诊断不超过100字");
        }

        var number = string.IsNullOrWhiteSpace(settlementNumber) ? null : settlementNumber.Trim();
        if (number is { Length: > 40 })
        {
            FieldErrors.Add(errors, "settlementNumber", "结算单号不超过40个字符");
        }

        if (admittedOn is null)
        {
            FieldErrors.Add(errors, "admittedOn", "请填写入院（就诊）日期");
        }

        if (dischargedOn is null)
        {
            FieldErrors.Add(errors, "dischargedOn", "请填写出院（结算）日期");
        }

        if (totalCost is null)
        {
            FieldErrors.Add(errors, "totalCost", "请填写总费用");
        }

        if (withinPolicyCost is null)
        {
            FieldErrors.Add(errors, "withinPolicyCost", "请填写政策范围内费用");
        }

        return errors.Count > before
            ? null
            : new ClaimInput(claimKind, inCounty ?? true, name!, diagnosisText, admittedOn!.Value, dischargedOn!.Value, totalCost!.Value, withinPolicyCost!.Value, number);
    }
}
