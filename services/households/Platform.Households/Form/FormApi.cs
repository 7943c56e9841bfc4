using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.People;
using Platform.Households.Common;
using Platform.Households.Data;
using Platform.Households.Registry;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Households.Form;

/// <summary>The household form (扶贫手册): read, fill in, and members' health changes, inside the caller's data scope.</summary>
public static class FormApi
{
    public static IEndpointRouteBuilder MapFormApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/households/{id:guid}").WithTags("扶贫手册").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/form", GetAsync)
            .WithSummary("户表：户类型、耕地林地等土地、生产生活条件（危房、饮水、用电、广播电视、卫生厕所、燃料）、产业带动；成员的文化程度、技能、务工、健康残疾、参保、低保特困、公益岗位（身份证号码脱敏）");
        api.MapPut("/form", SaveHouseholdAsync).RequireAuthorization(PlatformPolicies.RegistryWrite).WithIdempotency<HouseholdsDbContext>()
            .Audited("household").WithSummary("填写或修改户表中的户信息（户类型、土地、生产生活条件；支持 Idempotency-Key 重试）");
        api.MapPut("/members/{memberId:guid}/form", SaveMemberAsync).RequireAuthorization(PlatformPolicies.RegistryWrite).WithIdempotency<HouseholdsDbContext>()
            .Audited("household").WithSummary("填写或修改成员信息（文化程度、劳动技能、务工时间和地点、参保、低保特困、公益岗位月数；支持 Idempotency-Key 重试）");
        api.MapPost("/members/{memberId:guid}/health", ChangeHealthAsync).RequireAuthorization(PlatformPolicies.RegistryWrite).WithIdempotency<HouseholdsDbContext>()
            .Audited("household").WithSummary("变更成员健康状况和残疾等级（须填写原因）：通知各行业部门（MemberHealthChanged）；支持 Idempotency-Key 重试");
        return app;
    }

    internal static async Task<Results<Ok<HouseholdFormDto>, ProblemHttpResult>> GetAsync(Guid id, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var form = await LoadAsync(db, id, DataScope.Of(user), cancellationToken);
        return form is null ? Problems.NotFound("建档立卡户不存在") : TypedResults.Ok(form);
    }

    internal static async Task<Results<Ok<HouseholdFormDto>, ProblemHttpResult>> SaveHouseholdAsync(
        Guid id, [FromBody] HouseholdFormRequest request, FormCommands commands, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = DataScope.Of(user);
        var outcome = await commands.SaveHouseholdAsync(id, request, Requests.Actor(user), scope, cancellationToken);
        return outcome.Value is null ? outcome.ToProblem() : TypedResults.Ok((await LoadAsync(db, id, scope, cancellationToken))!);
    }

    internal static async Task<Results<Ok<HouseholdFormDto>, ProblemHttpResult>> SaveMemberAsync(
        Guid id, Guid memberId, [FromBody] MemberFormRequest request, FormCommands commands, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = DataScope.Of(user);
        var outcome = await commands.SaveMemberAsync(id, memberId, request, Requests.Actor(user), scope, cancellationToken);
        return outcome.Value is null ? outcome.ToProblem() : TypedResults.Ok((await LoadAsync(db, id, scope, cancellationToken))!);
    }

    internal static async Task<Results<Ok<HouseholdFormDto>, ProblemHttpResult>> ChangeHealthAsync(
        Guid id, Guid memberId, [FromBody] HealthChangeRequest request, FormCommands commands, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = DataScope.Of(user);
        var outcome = await commands.ChangeHealthAsync(id, memberId, request, Requests.Actor(user), scope, cancellationToken);
        return outcome.Value is null ? outcome.ToProblem() : TypedResults.Ok((await LoadAsync(db, id, scope, cancellationToken))!);
    }

    internal static async Task<HouseholdFormDto?> LoadAsync(HouseholdsDbContext db, Guid id, DataScope scope, CancellationToken cancellationToken)
    {
        var household = await db.Households.AsNoTracking().Within(scope)
            .Include(h => h.Members.Where(m => m.RemovedAt == null))
            .SingleOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (household is null)
        {
            return null;
        }

        var profile = await db.HouseholdProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.HouseholdId == id, cancellationToken);
        var members = await db.MemberProfiles.AsNoTracking().Where(p => p.HouseholdId == id).ToDictionaryAsync(p => p.MemberId, cancellationToken);
        return new HouseholdFormDto(
            household.Id,
            household.HouseholdNumber,
            household.Status,
            profile?.Data,
            profile?.UpdatedBy,
            profile?.UpdatedAt,
            household.Members.OrderBy(m => m.AddedAt).ThenBy(m => m.Id).Select(m =>
            {
                var p = members.GetValueOrDefault(m.Id);
                return new MemberFormDto(
                    m.Id, m.Name, ResidentIdNumber.Mask(m.IdNumber), m.Relation, m.Health, m.DisabilityGrade, m.LabourAbility, m.SchoolingStatus,
                    p?.Data, p?.UpdatedBy, p?.UpdatedAt);
            }).ToList());
    }
}
