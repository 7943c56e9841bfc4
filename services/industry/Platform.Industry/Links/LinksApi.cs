using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Registry;
using Platform.Industry.Common;
using Platform.Industry.Data;
using Platform.Industry.Domain;
using Platform.Industry.Households;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Industry.Links;

/// <summary>A benefit link with the member it is with (ID number masked) and what it paid so far.</summary>
public sealed record LinkDto(
    Guid Id, Guid EntityId, string EntityName, EntityKind EntityKind, LinkKind Kind, IncomeKind IncomeKind, MemberView Member, Guid? BaseId,
    DateOnly StartedOn, DateOnly? EndedOn, string? EndReason, string? Note, int Payments, decimal Paid);

public sealed record PaymentDto(Guid Id, Guid LinkId, Guid HouseholdId, string Reference, DateOnly PaidOn, int Year, decimal Amount, string? Note, DateTimeOffset RecordedAt, string RecordedBy)
{
    public static PaymentDto From(LinkPayment p) => new(p.Id, p.LinkId, p.HouseholdId, p.Reference, p.PaidOn, p.Year, p.Amount, p.Note, p.RecordedAt, p.RecordedBy);
}

/// <summary>利益联结 and 收益兑现 for the county portal (through the gateway at /api/industry/links).</summary>
public static class LinksApi
{
    public static IEndpointRouteBuilder MapLinksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/industry/links").WithTags("利益联结").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/", ListAsync).WithSummary("利益联结：按经营主体、方式、户、是否有效筛选，分页；身份证号脱敏");
        api.MapPost("/", CreateAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<IndustryDbContext>()
            .WithSummary("建立利益联结（分红、务工、土地流转、订单收购）：同一主体、户、方式只有一条有效联结；支持 Idempotency-Key 重试");
        api.MapPost("/{id:guid}/end", EndAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithSummary("终止利益联结（写明原因）");
        api.MapGet("/{id:guid}/payments", PaymentsAsync).WithSummary("一条利益联结的兑现记录");
        api.MapPost("/{id:guid}/payments", PayAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<IndustryDbContext>()
            .WithSummary("收益兑现：每笔兑现是该户在建档立卡系统中的一条收入记录，只计一次（凭证号在联结内唯一；支持 Idempotency-Key 重试）");
        api.MapPut("/{id:guid}/payments/{paymentId:guid}", CorrectAsync).RequireAuthorization(PlatformPolicies.PillarWrite)
            .WithSummary("更正兑现记录的日期或金额：建档立卡系统中的同一条收入记录随之更正");
        return app;
    }

    internal static async Task<Results<Ok<Page<LinkDto>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        IndustryDbContext db, Guid? entity, string? kind, Guid? household, bool? open, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size) ?? [];
        var query = db.Links.AsNoTracking().OfHouseholdsWithin(db, DataScope.Of(user));
        if (Input.OptionalCode<LinkKind>(kind, "kind", "利益联结方式", errors) is { } k)
        {
            query = query.Where(l => l.Kind == k);
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (entity is { } entityId)
        {
            query = query.Where(l => l.EntityId == entityId);
        }

        if (household is { } householdId)
        {
            if (!await db.SeesHouseholdAsync(DataScope.Of(user), householdId, cancellationToken))
            {
                return HouseholdScope.HouseholdNotFound();
            }

            query = query.Where(l => l.HouseholdId == householdId);
        }

        if (open is { } isOpen)
        {
            query = isOpen ? query.Where(l => l.EndedOn == null) : query.Where(l => l.EndedOn != null);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.OrderBy(l => l.EntityId).ThenBy(l => l.HouseholdId).ThenBy(l => l.Kind).ThenBy(l => l.Id)
            .PageOf(pageNumber, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<LinkDto>(await DtosAsync(db, rows, cancellationToken), pageNumber, size, total));
    }

    internal static async Task<Results<Created<LinkDto>, ProblemHttpResult>> CreateAsync(
        [FromBody] LinkRequest request, LinkCommands commands, IndustryDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.CreateAsync(request, DataScope.Of(user), PlatformClaims.Actor(user) ?? "unknown", cancellationToken);
        return outcome.Value is null
            ? outcome.ToProblem()
            : TypedResults.Created($"/api/industry/links?household={outcome.Value.HouseholdId}", (await DtosAsync(db, [outcome.Value], cancellationToken))[0]);
    }

    internal static async Task<Results<Ok<LinkDto>, ProblemHttpResult>> EndAsync(
        Guid id, [FromBody] LinkEndRequest request, LinkCommands commands, IndustryDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.EndAsync(id, request, DataScope.Of(user), cancellationToken);
        return outcome.Value is null ? outcome.ToProblem() : TypedResults.Ok((await DtosAsync(db, [outcome.Value], cancellationToken))[0]);
    }

    internal static async Task<Results<Ok<List<PaymentDto>>, ProblemHttpResult>> PaymentsAsync(Guid id, IndustryDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!await db.Links.OfHouseholdsWithin(db, DataScope.Of(user)).AnyAsync(l => l.Id == id, cancellationToken))
        {
            return Problems.NotFound("利益联结不存在");
        }

        var payments = await db.Payments.AsNoTracking().Where(p => p.LinkId == id).OrderBy(p => p.PaidOn).ThenBy(p => p.Reference).ToListAsync(cancellationToken);
        return TypedResults.Ok(payments.Select(PaymentDto.From).ToList());
    }

    internal static async Task<Results<Created<PaymentDto>, ProblemHttpResult>> PayAsync(
        Guid id, [FromBody] PaymentRequest request, LinkCommands commands, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.PayAsync(id, request, DataScope.Of(user), PlatformClaims.Actor(user) ?? "unknown", cancellationToken);
        return outcome.Value is null ? outcome.ToProblem() : TypedResults.Created($"/api/industry/links/{id}/payments", PaymentDto.From(outcome.Value));
    }

    internal static async Task<Results<Ok<PaymentDto>, ProblemHttpResult>> CorrectAsync(
        Guid id, Guid paymentId, [FromBody] PaymentRequest request, LinkCommands commands, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.CorrectAsync(id, paymentId, request, DataScope.Of(user), PlatformClaims.Actor(user) ?? "unknown", cancellationToken);
        return outcome.Value is null ? outcome.ToProblem() : TypedResults.Ok(PaymentDto.From(outcome.Value));
    }

    internal static async Task<List<LinkDto>> DtosAsync(IndustryDbContext db, IReadOnlyList<BenefitLink> links, CancellationToken cancellationToken)
    {
        var entityIds = links.Select(l => l.EntityId).Distinct().ToList();
        var memberIds = links.Select(l => l.MemberId).Distinct().ToList();
        var linkIds = links.Select(l => l.Id).ToList();
        var entities = await db.Entities.AsNoTracking().Where(e => entityIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var members = await db.ReplicaMembers.AsNoTracking().Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        var paid = await db.Payments.AsNoTracking().Where(p => linkIds.Contains(p.LinkId))
            .GroupBy(p => p.LinkId).Select(g => new { Link = g.Key, Count = g.Count(), Sum = g.Sum(p => p.Amount) })
            .ToDictionaryAsync(x => x.Link, cancellationToken);
        return links.Select(l =>
        {
            var entity = entities[l.EntityId];
            var sum = paid.GetValueOrDefault(l.Id);
            return new LinkDto(
                l.Id, l.EntityId, entity.Name, entity.Kind, l.Kind, LinkRules.IncomeKindOf(l.Kind), MemberView.From(members[l.MemberId]), l.BaseId,
                l.StartedOn, l.EndedOn, l.EndReason, l.Note, sum?.Count ?? 0, sum?.Sum ?? 0m);
        }).ToList();
    }
}
