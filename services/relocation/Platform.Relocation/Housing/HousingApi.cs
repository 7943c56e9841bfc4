using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.People;
using Platform.Relocation.Data;
using Platform.Relocation.Domain;
using Platform.Relocation.Guarantees;
using Platform.Relocation.Households;
using Platform.Relocation.Subsidies;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Relocation.Housing;

public sealed record OwnerRequest(string? IdNumber, string? Name);

public sealed record AppraisalRequest(Guid? HouseholdId, OwnerRequest? Owner, string? VillageCode, string? Grade, DateOnly? AppraisedOn, string? Agency, string? ReportNumber);

public sealed record RenovationRequest(
    Guid? HouseholdId, OwnerRequest? Owner, string? VillageCode, string? ProjectNumber, string? Programme, string? Method, DateOnly? StartedOn,
    DateOnly? AcceptedOn, string? AcceptedBy, decimal? Subsidy);

public sealed record AcceptanceRequest(DateOnly? AcceptedOn, string? AcceptedBy, decimal? Subsidy);

public sealed record ToiletRequest(Guid? HouseholdId, OwnerRequest? Owner, string? VillageCode, string? Type, DateOnly? CompletedOn);

/// <summary>A house's owner as the portal shows them: the ID number masked; whether the household is registered (建档立卡).</summary>
public sealed record OwnerDto(Guid? HouseholdId, bool Registered, string Name, string IdNumber, string VillageCode);

public sealed record AppraisalDto(Guid Id, OwnerDto Owner, HouseGrade Grade, bool Safe, DateOnly AppraisedOn, string Agency, string ReportNumber, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static AppraisalDto From(HousingAppraisal a) => new(
        a.Id, OwnerOf(a), a.Grade, HousingAppraisal.IsSafe(a.Grade), a.AppraisedOn, a.Agency, a.ReportNumber, a.RecordedBy, a.RecordedAt);

    internal static OwnerDto OwnerOf(IHouseRecord house) =>
        new(house.HouseholdId, house.HouseholdId is not null, house.OwnerName, ResidentIdNumber.Mask(house.OwnerIdNumber), house.VillageCode);
}

public sealed record RenovationDto(
    Guid Id, OwnerDto Owner, string ProjectNumber, RenovationProgramme Programme, RenovationMethod Method, DateOnly StartedOn, DateOnly? AcceptedOn, string? AcceptedBy, string RecordedBy)
{
    public static RenovationDto From(RenovationProject r) =>
        new(r.Id, AppraisalDto.OwnerOf(r), r.ProjectNumber, r.Programme, r.Method, r.StartedOn, r.AcceptedOn, r.AcceptedBy, r.RecordedBy);
}

public sealed record ToiletDto(Guid Id, OwnerDto Owner, ToiletType Type, DateOnly CompletedOn, string RecordedBy)
{
    public static ToiletDto From(ToiletRenovation t) => new(t.Id, AppraisalDto.OwnerOf(t), t.Type, t.CompletedOn, t.RecordedBy);
}

/// <summary>One household or house made safe, and by what (the drill-down of the made-safe figure).</summary>
public sealed record MadeSafeDto(MadeSafeBy By, Guid? HouseholdId, string? HouseholdNumber, string? OwnerName, string? OwnerIdNumber, string VillageCode, DateOnly On, string RecordId)
{
    /// <summary>The owner's number masked (decision 0008).</summary>
    public static MadeSafeDto From(MadeSafeHouse h) => new(
        h.By, h.HouseholdId, h.HouseholdNumber, h.OwnerName, h.OwnerIdNumber is null ? null : ResidentIdNumber.Mask(h.OwnerIdNumber), h.VillageCode, h.On,
        h.CaseId is { } caseId ? "relocation-case:" + caseId : "renovation:" + h.RenovationId);
}

/// <summary>A household (house) made safe as the list and its export read it in one query: a relocation case or a house's first accepted renovation.</summary>
public sealed class MadeSafeHouse
{
    public required MadeSafeBy By { get; init; }

    public required Guid? HouseholdId { get; init; }

    public required string? HouseholdNumber { get; init; }

    public required string? OwnerName { get; init; }

    /// <summary>Whole, as stored: masked on the way out.</summary>
    public required string? OwnerIdNumber { get; init; }

    public required string VillageCode { get; init; }

    public required DateOnly On { get; init; }

    public required Guid? CaseId { get; init; }

    public required Guid? RenovationId { get; init; }
}

/// <summary>住房安全: appraisals, renovation and toilets for the county portal (through the gateway at /api/relocation/housing).</summary>
public static class HousingApi
{
    public static IEndpointRouteBuilder MapHousingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/relocation/housing").WithTags("住房安全").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/appraisals", AppraisalsAsync).WithSummary("房屋安全鉴定：按等级、乡镇、村、是否建档立卡户筛选；latest=true（默认）每户房屋只列最近一次，分页");
        api.MapPost("/appraisals", AppraiseAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<RelocationDbContext>()
            .WithSummary("登记房屋安全鉴定（建档立卡户按 householdId，非建档立卡户按户主身份证号、姓名和所在村；报告编号唯一）");
        api.MapGet("/renovations", RenovationsAsync).WithSummary("危房改造项目：按改造类别、是否验收、乡镇、村筛选，分页");
        api.MapPost("/renovations", StartAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<RelocationDbContext>()
            .WithSummary("登记危房改造项目（无差别危房改造不分贫困户与非贫困户；项目编号唯一）");
        api.MapPost("/renovations/{id:guid}/acceptance", AcceptAsync).RequireAuthorization(PlatformPolicies.PillarWrite)
            .WithSummary("危房改造竣工验收：验收合格即住房安全有保障；可同时发放危房改造补助（转移性收入，不计入稳定脱贫收入）");
        api.MapGet("/toilets", ToiletsAsync).WithSummary("无害化卫生厕所改造：按类型、乡镇、村筛选，分页");
        api.MapPost("/toilets", ToiletAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<RelocationDbContext>()
            .WithSummary("登记一户无害化卫生厕所改造");
        api.MapGet("/made-safe", MadeSafeAsync).WithSummary("住房安全保障的户（房屋）清单：by = relocation、scattered-resettlement、non-differentiated-renovation、earlier-renovation（各部分相加为总数）");
        return app;
    }

    internal static async Task<Results<Ok<Page<AppraisalDto>>, ValidationProblem>> AppraisalsAsync(
        RelocationDbContext db, string? grade, string? township, string? village, bool? registered, bool? latest, Guid? householdId,
        int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size) ?? [];
        var query = FilteredAppraisals(db, grade, township, village, registered, latest, householdId, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.PageOf(pageNumber, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<AppraisalDto>(rows.Select(AppraisalDto.From).ToList(), pageNumber, size, total));
    }

    /// <summary>The appraisals of the list (and of its export), in the list's order: the caller's scope and the filters.</summary>
    internal static IQueryable<HousingAppraisal> FilteredAppraisals(
        RelocationDbContext db, string? grade, string? township, string? village, bool? registered, bool? latest, Guid? householdId, ClaimsPrincipal user,
        Dictionary<string, string[]> errors)
    {
        var query = Places(db.Appraisals.AsNoTracking().Within(DataScope.Of(user)), township, village, registered, householdId);
        if (latest ?? true)
        {
            query = Latest(db, query);
        }

        if (!string.IsNullOrWhiteSpace(grade))
        {
            if (Codes.TryParse<HouseGrade>(grade, out var g))
            {
                query = query.Where(a => a.Grade == g);
            }
            else
            {
                FieldErrors.Add(errors, "grade", "鉴定等级应为：a, b, c, d");
            }
        }

        return query.OrderBy(a => a.VillageCode).ThenBy(a => a.AppraisedOn).ThenBy(a => a.Id);
    }

    /// <summary>Each house's (owner's) latest appraisal: "houses by grade" counts these.</summary>
    internal static IQueryable<HousingAppraisal> Latest(RelocationDbContext db, IQueryable<HousingAppraisal> appraisals) =>
        appraisals.Where(a => !db.Appraisals.Any(b => b.OwnerIdNumber == a.OwnerIdNumber
            && (b.AppraisedOn > a.AppraisedOn || (b.AppraisedOn == a.AppraisedOn && b.RecordedAt > a.RecordedAt))));

    internal static async Task<Results<Created<AppraisalDto>, ProblemHttpResult>> AppraiseAsync(
        [FromBody] AppraisalRequest request, RelocationDbContext db, SafetyBook book, HousingWrites writes, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Codes.TryParse<HouseGrade>(request.Grade, out var grade))
        {
            FieldErrors.Add(errors, "grade", "鉴定等级应为：a, b, c, d");
        }

        Date(request.AppraisedOn, "appraisedOn", clock, errors);
        var agency = Text(request.Agency, 100, "agency", "鉴定机构", errors);
        var report = Text(request.ReportNumber, 40, "reportNumber", "鉴定报告编号", errors);
        if (errors.Count > 0)
        {
            return Outcome<HousingAppraisal>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var (owner, refused) = await OwnerAsync(request.HouseholdId, request.Owner, request.VillageCode, db, book, clock, user, cancellationToken);
        if (owner is null)
        {
            return refused!.ToProblem();
        }

        if (await db.Appraisals.AnyAsync(a => a.ReportNumber == report, cancellationToken))
        {
            return Outcome<HousingAppraisal>.Refused(Refusal.Conflict, "reportNumber", "该鉴定报告编号已登记").ToProblem();
        }

        var appraisal = writes.Appraise(owner, new AppraisalInput(grade, request.AppraisedOn!.Value, agency, report), PlatformClaims.Actor(user) ?? "unknown");
        await AssessAsync(book, owner, cancellationToken);
        var saved = await db.SaveAsOutcomeAsync(appraisal, ("household", "该户刚被他人修改，请重试"), _ => ("reportNumber", "该鉴定报告编号已登记"), cancellationToken);
        return saved.Value is null ? saved.ToProblem() : TypedResults.Created($"/api/relocation/housing/appraisals?householdId={owner.HouseholdId}", AppraisalDto.From(appraisal));
    }

    internal static async Task<Results<Ok<Page<RenovationDto>>, ValidationProblem>> RenovationsAsync(
        RelocationDbContext db, string? programme, bool? accepted, string? township, string? village, bool? registered, Guid? householdId,
        int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size) ?? [];
        var query = FilteredRenovations(db, programme, accepted, township, village, registered, householdId, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.PageOf(pageNumber, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<RenovationDto>(rows.Select(RenovationDto.From).ToList(), pageNumber, size, total));
    }

    /// <summary>The renovation projects of the list (and of its export), in the list's order: the caller's scope and the filters.</summary>
    internal static IQueryable<RenovationProject> FilteredRenovations(
        RelocationDbContext db, string? programme, bool? accepted, string? township, string? village, bool? registered, Guid? householdId, ClaimsPrincipal user,
        Dictionary<string, string[]> errors)
    {
        var query = Places(db.Renovations.AsNoTracking().Within(DataScope.Of(user)), township, village, registered, householdId);
        if (!string.IsNullOrWhiteSpace(programme))
        {
            if (Codes.TryParse<RenovationProgramme>(programme, out var p))
            {
                query = query.Where(r => r.Programme == p);
            }
            else
            {
                FieldErrors.Add(errors, "programme", $"改造类别应为：{Codes.List<RenovationProgramme>()}");
            }
        }

        if (accepted is { } done)
        {
            query = query.Where(r => (r.AcceptedOn != null) == done);
        }

        return query.OrderBy(r => r.ProjectNumber);
    }

    internal static async Task<Results<Created<RenovationDto>, ProblemHttpResult>> StartAsync(
        [FromBody] RenovationRequest request, RelocationDbContext db, SafetyBook book, HousingWrites writes, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var number = Text(request.ProjectNumber, 40, "projectNumber", "项目编号", errors);
        if (!Codes.TryParse<RenovationProgramme>(request.Programme, out var programme))
        {
            FieldErrors.Add(errors, "programme", $"改造类别应为：{Codes.List<RenovationProgramme>()}");
        }

        if (!Codes.TryParse<RenovationMethod>(request.Method, out var method))
        {
            FieldErrors.Add(errors, "method", $"改造方式应为：{Codes.List<RenovationMethod>()}");
        }

        Date(request.StartedOn, "startedOn", clock, errors);
        if (errors.Count > 0)
        {
            return Outcome<RenovationProject>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var (owner, refused) = await OwnerAsync(request.HouseholdId, request.Owner, request.VillageCode, db, book, clock, user, cancellationToken);
        if (owner is null)
        {
            return refused!.ToProblem();
        }

        if (await db.Renovations.AnyAsync(r => r.ProjectNumber == number, cancellationToken))
        {
            return Outcome<RenovationProject>.Refused(Refusal.Conflict, "projectNumber", "该项目编号已登记").ToProblem();
        }

        var by = PlatformClaims.Actor(user) ?? "unknown";
        var (project, result) = writes.Start(owner, new RenovationInput(number, programme, method, request.StartedOn!.Value, request.AcceptedOn, request.AcceptedBy ?? by, request.Subsidy), by);
        if (project is null)
        {
            return Outcome<RenovationProject>.Refused(Refusal.Invalid, result.Field!, result.Error!).ToProblem();
        }

        await AssessAsync(book, owner, cancellationToken);
        var saved = await db.SaveAsOutcomeAsync(project, ("household", "该户刚被他人修改，请重试"), _ => ("projectNumber", "该项目编号已登记"), cancellationToken);
        return saved.Value is null ? saved.ToProblem() : TypedResults.Created($"/api/relocation/housing/renovations?householdId={owner.HouseholdId}", RenovationDto.From(project));
    }

    internal static async Task<Results<Ok<RenovationDto>, ProblemHttpResult>> AcceptAsync(
        Guid id, [FromBody] AcceptanceRequest request, RelocationDbContext db, SafetyBook book, HousingWrites writes, SubsidyLedger subsidies,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var project = await db.Renovations.Within(DataScope.Of(user)).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (project is null)
        {
            return Problems.NotFound("危房改造项目不存在");
        }

        if (request.AcceptedOn is null)
        {
            return Outcome<RenovationProject>.Refused(Refusal.Invalid, "acceptedOn", "请填写验收日期").ToProblem();
        }

        var by = PlatformClaims.Actor(user) ?? "unknown";
        await subsidies.LoadAsync([HousingWrites.SourceOf(project)], cancellationToken);
        if (project.HouseholdId is { } household)
        {
            await book.LoadAsync([household], cancellationToken);
        }

        var (result, _) = writes.Update(project, new RenovationInput(project.ProjectNumber, project.Programme, project.Method, project.StartedOn, request.AcceptedOn, request.AcceptedBy ?? by, request.Subsidy), by);
        if (!result.Succeeded)
        {
            return Outcome<RenovationProject>.Refused(Refusal.Invalid, result.Field!, result.Error!).ToProblem();
        }

        if (project.HouseholdId is { } assessed)
        {
            await book.AssessAsync([assessed], cancellationToken);
        }

        var saved = await db.SaveAsOutcomeAsync(project, ("project", "该项目刚被他人修改，请刷新后重试"), _ => ("project", "请重试"), cancellationToken);
        return saved.Value is null ? saved.ToProblem() : TypedResults.Ok(RenovationDto.From(project));
    }

    internal static async Task<Results<Ok<Page<ToiletDto>>, ValidationProblem>> ToiletsAsync(
        RelocationDbContext db, string? type, string? township, string? village, bool? registered, Guid? householdId,
        int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size) ?? [];
        var query = FilteredToilets(db, type, township, village, registered, householdId, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.PageOf(pageNumber, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<ToiletDto>(rows.Select(ToiletDto.From).ToList(), pageNumber, size, total));
    }

    /// <summary>The toilets of the list (and of its export), in the list's order: the caller's scope and the filters.</summary>
    internal static IQueryable<ToiletRenovation> FilteredToilets(
        RelocationDbContext db, string? type, string? township, string? village, bool? registered, Guid? householdId, ClaimsPrincipal user,
        Dictionary<string, string[]> errors)
    {
        var query = Places(db.Toilets.AsNoTracking().Within(DataScope.Of(user)), township, village, registered, householdId);
        if (!string.IsNullOrWhiteSpace(type))
        {
            if (Codes.TryParse<ToiletType>(type, out var t))
            {
                query = query.Where(x => x.Type == t);
            }
            else
            {
                FieldErrors.Add(errors, "type", $"厕所类型应为：{Codes.List<ToiletType>()}");
            }
        }

        return query.OrderBy(t => t.VillageCode).ThenBy(t => t.CompletedOn).ThenBy(t => t.Id);
    }

    internal static async Task<Results<Created<ToiletDto>, ProblemHttpResult>> ToiletAsync(
        [FromBody] ToiletRequest request, RelocationDbContext db, SafetyBook book, HousingWrites writes, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Codes.TryParse<ToiletType>(request.Type, out var type))
        {
            FieldErrors.Add(errors, "type", $"厕所类型应为：{Codes.List<ToiletType>()}");
        }

        Date(request.CompletedOn, "completedOn", clock, errors);
        if (errors.Count > 0)
        {
            return Outcome<ToiletRenovation>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var (owner, refused) = await OwnerAsync(request.HouseholdId, request.Owner, request.VillageCode, db, book, clock, user, cancellationToken);
        if (owner is null)
        {
            return refused!.ToProblem();
        }

        var toilet = writes.Toilet(owner, type, request.CompletedOn!.Value, PlatformClaims.Actor(user) ?? "unknown");
        db.Toilets.Add(toilet);
        var saved = await db.SaveAsOutcomeAsync(toilet, ("owner", "请重试"), _ => ("owner", "该户已登记改厕"), cancellationToken);
        return saved.Value is null ? saved.ToProblem() : TypedResults.Created($"/api/relocation/housing/toilets?householdId={owner.HouseholdId}", ToiletDto.From(toilet));
    }

    internal static async Task<Results<Ok<Page<MadeSafeDto>>, ValidationProblem>> MadeSafeAsync(
        RelocationDbContext db, string? by, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size) ?? [];
        var houses = FilteredMadeSafe(db, by, user, errors);
        if (houses is null || errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var total = await houses.LongCountAsync(cancellationToken);
        var rows = await houses.PageOf(pageNumber, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<MadeSafeDto>(rows.Select(MadeSafeDto.From).ToList(), pageNumber, size, total));
    }

    /// <summary>
    /// The households (houses) of the made-safe list (and of its export), in the list's order, within the caller's scope: a relocation
    /// case by move-in date, or a house (owner) by its first accepted project of the part; null (with the error) for an unknown part.
    /// </summary>
    internal static IQueryable<MadeSafeHouse>? FilteredMadeSafe(RelocationDbContext db, string? by, ClaimsPrincipal user, Dictionary<string, string[]> errors)
    {
        if (!Codes.TryParse<MadeSafeBy>(by, out var part))
        {
            FieldErrors.Add(errors, "by", $"应为：{Codes.List<MadeSafeBy>()}");
            return null;
        }

        var scope = DataScope.Of(user);
        if (part is MadeSafeBy.Relocation or MadeSafeBy.ScatteredResettlement)
        {
            return MadeSafe.Relocated(db, scope, part == MadeSafeBy.ScatteredResettlement)
                .OrderBy(c => c.MovedInOn).ThenBy(c => c.Id)
                .Select(c => new MadeSafeHouse
                {
                    By = part, HouseholdId = c.HouseholdId, HouseholdNumber = c.HouseholdNumber, OwnerName = null, OwnerIdNumber = null,
                    VillageCode = c.VillageCode, On = c.MovedInOn!.Value, CaseId = c.Id, RenovationId = null,
                });
        }

        // One row a house: its owner's first accepted project of the part (the figure counts owners).
        var renovated = MadeSafe.Renovated(db, scope, MadeSafe.ProgrammeOf(part));
        return renovated
            .Where(r => !renovated.Any(o => o.OwnerIdNumber == r.OwnerIdNumber && (o.AcceptedOn < r.AcceptedOn || (o.AcceptedOn == r.AcceptedOn && o.Id.CompareTo(r.Id) < 0))))
            .OrderBy(r => r.AcceptedOn).ThenBy(r => r.OwnerIdNumber)
            .Select(r => new MadeSafeHouse
            {
                By = part, HouseholdId = r.HouseholdId, HouseholdNumber = null, OwnerName = r.OwnerName, OwnerIdNumber = r.OwnerIdNumber,
                VillageCode = r.VillageCode, On = r.AcceptedOn!.Value, CaseId = null, RenovationId = r.Id,
            });
    }

    /// <summary>
    /// The owner of the house a portal write is about: a registered household of the caller's scope (its head),
    /// or an owner named by ID number and name with the village the house stands in (see <see cref="HouseOwners"/>).
    /// </summary>
    private static async Task<(HouseOwner? Owner, Outcome<HouseOwner>? Refused)> OwnerAsync(
        Guid? householdId, OwnerRequest? owner, string? villageCode, RelocationDbContext db, SafetyBook book, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = DataScope.Of(user);
        OwnerClaim claim;
        if (householdId is { } id)
        {
            var households = await db.FactsAsync([id], scope, cancellationToken);
            if (!households.TryGetValue(id, out var household) || household.HeadIdNumber is null)
            {
                return (null, Outcome<HouseOwner>.Refused(Refusal.NotFound, "householdId", "建档立卡户不存在"));
            }

            claim = new OwnerClaim(household.HeadIdNumber, household.HeadName, villageCode);
        }
        else if (owner is not null)
        {
            claim = new OwnerClaim(owner.IdNumber, owner.Name, villageCode);
        }
        else
        {
            return (null, Outcome<HouseOwner>.Refused(Refusal.Invalid, "householdId", "请指定建档立卡户，或写明户主身份证号、姓名和房屋所在村"));
        }

        var verdict = (await HouseOwners.ResolveAsync(db, book, scope, [claim], clock.Today(), field => field, cancellationToken))[0];
        if (verdict.Owner is null)
        {
            var refusal = verdict.Reason == HouseOwners.OutsideScope ? Refusal.Forbidden : Refusal.Invalid;
            return (null, Outcome<HouseOwner>.Refused(refusal, verdict.Field!, verdict.Reason!));
        }

        if (verdict.Owner.HouseholdId is { } known)
        {
            await book.LoadAsync([known], cancellationToken);
        }

        return (verdict.Owner, null);
    }

    private static Task AssessAsync(SafetyBook book, HouseOwner owner, CancellationToken cancellationToken) =>
        owner.HouseholdId is { } household ? book.AssessAsync([household], cancellationToken) : Task.CompletedTask;

    private static IQueryable<T> Places<T>(IQueryable<T> houses, string? township, string? village, bool? registered, Guid? householdId)
        where T : class, IHouseRecord
    {
        if (!string.IsNullOrWhiteSpace(township))
        {
            houses = houses.Where(h => h.TownshipCode == township.Trim());
        }

        if (!string.IsNullOrWhiteSpace(village))
        {
            houses = houses.Where(h => h.VillageCode == village.Trim());
        }

        if (registered is { } r)
        {
            houses = houses.Where(h => (h.HouseholdId != null) == r);
        }

        return householdId is { } id ? houses.Where(h => h.HouseholdId == id) : houses;
    }

    private static void Date(DateOnly? date, string field, TimeProvider clock, Dictionary<string, string[]> errors)
    {
        if (date is not { } day)
        {
            FieldErrors.Add(errors, field, "请填写日期");
        }
        else if (Rules.CheckDate(day, clock.Today(), field) is { Succeeded: false } wrong)
        {
            FieldErrors.Add(errors, field, wrong.Error!);
        }
    }

    private static string Text(string? text, int max, string field, string what, Dictionary<string, string[]> errors)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 || trimmed.Length > max)
        {
            FieldErrors.Add(errors, field, $"请填写{what}（不超过{max}字）");
        }

        return trimmed;
    }
}
