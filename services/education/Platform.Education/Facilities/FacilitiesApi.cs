using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Education.Data;
using Platform.Education.Domain;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Education.Facilities;

public sealed record FacilityRequest(string? Kind, string? Name, string? VillageCode, IReadOnlyList<string>? ServedVillages, int? Capacity, DateOnly? OpenedOn);

public sealed record FacilityDto(
    Guid Id, FacilityKind Kind, string Name, string VillageCode, string TownshipCode, IReadOnlyList<string> ServedVillages, int? Capacity, DateOnly? OpenedOn, DateTimeOffset CreatedAt)
{
    public static FacilityDto From(Facility f) => new(f.Id, f.Kind, f.Name, f.VillageCode, f.TownshipCode, f.ServedVillages, f.Capacity, f.OpenedOn, f.CreatedAt);
}

/// <summary>村级幼儿园 and 留守儿童关爱中心 with the villages they serve (through the gateway at /api/education/facilities).</summary>
public static class FacilitiesApi
{
    private const int MaxServedVillages = 50;

    public static IEndpointRouteBuilder MapFacilitiesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/education/facilities").WithTags("村级幼儿园与留守儿童关爱中心").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/", ListAsync).WithSummary("村级幼儿园、留守儿童关爱中心列表：可按类别、乡镇、服务村筛选，分页");
        api.MapPost("/", CreateAsync).RequireAuthorization(PlatformPolicies.CountyWrite).WithIdempotency<EducationDbContext>()
            .WithSummary("登记村级幼儿园或留守儿童关爱中心及其服务村（县级；支持 Idempotency-Key 重试）");
        return app;
    }

    internal static async Task<Results<Ok<Page<FacilityDto>>, ValidationProblem>> ListAsync(
        EducationDbContext db, string? kind, string? township, string? village, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size) ?? [];
        var query = db.Facilities.AsNoTracking().Within(DataScope.Of(user));
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (Codes.TryParse<FacilityKind>(kind, out var k))
            {
                query = query.Where(f => f.Kind == k);
            }
            else
            {
                FieldErrors.Add(errors, "kind", $"类别应为：{Codes.List<FacilityKind>()}");
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (!string.IsNullOrWhiteSpace(township))
        {
            query = query.Where(f => f.TownshipCode == township.Trim());
        }

        if (!string.IsNullOrWhiteSpace(village))
        {
            var code = village.Trim();
            query = query.Where(f => f.ServedVillages.Contains(code));
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.OrderBy(f => f.Kind).ThenBy(f => f.VillageCode).ThenBy(f => f.Name)
            .PageOf(pageNumber, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<FacilityDto>(rows.Select(FacilityDto.From).ToList(), pageNumber, size, total));
    }

    internal static async Task<Results<Created<FacilityDto>, ProblemHttpResult>> CreateAsync(
        [FromBody] FacilityRequest request, EducationDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Kind) || !Codes.TryParse<FacilityKind>(request.Kind, out var kind))
        {
            FieldErrors.Add(errors, "kind", $"类别应为：{Codes.List<FacilityKind>()}");
            kind = default;
        }

        var name = request.Name?.Trim() ?? string.Empty;
        if (name.Length is 0 or > 100)
        {
            FieldErrors.Add(errors, "name", "请填写名称（不超过100字）");
        }

        var village = request.VillageCode?.Trim() ?? string.Empty;
        if (!IsVillageCode(village))
        {
            FieldErrors.Add(errors, "villageCode", "所在村代码应为12位数字");
        }

        var served = (request.ServedVillages ?? []).Select(v => v?.Trim() ?? string.Empty).ToList();
        if (served.Any(v => !IsVillageCode(v)))
        {
            FieldErrors.Add(errors, "servedVillages", "服务村代码应为12位数字");
        }

        if (IsVillageCode(village) && !served.Contains(village))
        {
            served.Insert(0, village);
        }

        served = served.Distinct(StringComparer.Ordinal).ToList();
        if (served.Count > MaxServedVillages)
        {
            FieldErrors.Add(errors, "servedVillages", $"服务村不超过{MaxServedVillages}个");
        }

        if (request.Capacity is < 1 or > 10_000)
        {
            FieldErrors.Add(errors, "capacity", "学位/床位数应在1到10000之间");
        }

        if (request.OpenedOn is { } opened && opened > ServiceDefaults.ChinaTime.Today(clock))
        {
            FieldErrors.Add(errors, "openedOn", "开办日期不能晚于今天");
        }

        if (errors.Count > 0)
        {
            return Outcome<Facility>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var now = clock.GetUtcNow();
        var facility = new Facility
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            Name = name,
            VillageCode = village,
            TownshipCode = village[..9],
            ServedVillages = served,
            Capacity = request.Capacity,
            OpenedOn = request.OpenedOn,
            CreatedAt = now,
            CreatedBy = PlatformClaims.Actor(user) ?? "unknown",
        };
        db.Facilities.Add(facility);
        var outcome = await db.SaveAsOutcomeAsync(facility, ("name", "请重试"), _ => ("name", "该村已登记同名同类设施"), cancellationToken);
        return outcome.Value is null ? outcome.ToProblem() : TypedResults.Created($"/api/education/facilities?village={village}", FacilityDto.From(facility));
    }

    private static bool IsVillageCode(string code) => code.Length == 12 && code.All(char.IsAsciiDigit);

    /// <summary>A facility is in scope when it stands in, or serves, a village of the caller's scope.</summary>
    internal static IQueryable<Facility> Within(this IQueryable<Facility> facilities, DataScope scope) => scope.Level switch
    {
        ScopeLevel.County => facilities,
        ScopeLevel.Township => facilities.Where(f => f.TownshipCode == scope.Code),
        ScopeLevel.Village => facilities.Where(f => f.VillageCode == scope.Code || f.ServedVillages.Contains(scope.Code!)),
        _ => facilities.Where(_ => false),
    };
}
