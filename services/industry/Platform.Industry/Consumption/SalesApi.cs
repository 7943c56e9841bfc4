using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Industry.Common;
using Platform.Industry.Data;
using Platform.Industry.Domain;
using Platform.Industry.Households;
using Platform.Industry.Income;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Industry.Consumption;

/// <summary>A household's share of a sale: the household by its id or by its household number (户编号).</summary>
public sealed record ShareRequest(Guid? HouseholdId, string? HouseholdNumber, decimal? Amount);

/// <summary>消费扶贫: what was sold, through which channel, to whom, when, for how much, and the households it benefits.</summary>
public sealed record SaleRequest(string? Product, string? Channel, string? Buyer, Guid? EntityId, DateOnly? SoldOn, decimal? Amount, IReadOnlyList<ShareRequest>? Shares);

public sealed record ShareDto(Guid Id, Guid HouseholdId, decimal Amount);

/// <summary>A sale with the shares of the caller's households (a village cadre sees its own households' shares).</summary>
public sealed record SaleDto(
    Guid Id, string Product, SaleChannel Channel, string ChannelName, string Buyer, Guid? EntityId, DateOnly SoldOn, decimal Amount, IReadOnlyList<ShareDto> Shares, DateTimeOffset CreatedAt);

/// <summary>消费扶贫 for the county portal (through the gateway at /api/industry/sales).</summary>
public static class SalesApi
{
    public static IEndpointRouteBuilder MapSalesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/industry/sales").WithTags("消费扶贫").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/", ListAsync).WithSummary("消费扶贫销售：按渠道、年度筛选，分页；只含本人数据范围内受益户的销售");
        api.MapPost("/", CreateAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<IndustryDbContext>()
            .WithSummary("登记消费扶贫销售及受益户收益：每户收益为其生产经营性收入（计入稳定收入），合计不超过销售额；支持 Idempotency-Key 重试");
        return app;
    }

    internal static async Task<Results<Ok<Page<SaleDto>>, ValidationProblem>> ListAsync(
        IndustryDbContext db, string? channel, int? year, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size) ?? [];
        var (query, shares) = Filtered(db, channel, year, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.PageOf(pageNumber, size).ToListAsync(cancellationToken);
        var ids = rows.Select(s => s.Id).ToList();
        var visible = await shares.Where(x => ids.Contains(x.SaleId)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<SaleDto>(rows.Select(s => Dto(s, visible.Where(x => x.SaleId == s.Id))).ToList(), pageNumber, size, total));
    }

    /// <summary>The sales of the list (and of its export), newest first: those with a share of the caller's households, the filters; and those visible shares.</summary>
    internal static (IQueryable<ConsumptionSale> Sales, IQueryable<SaleShare> VisibleShares) Filtered(
        IndustryDbContext db, string? channel, int? year, ClaimsPrincipal user, Dictionary<string, string[]> errors)
    {
        var shares = db.SaleShares.AsNoTracking().OfHouseholdsWithin(db, DataScope.Of(user));
        var query = db.Sales.AsNoTracking().Where(s => shares.Any(x => x.SaleId == s.Id));
        if (Input.OptionalCode<SaleChannel>(channel, "channel", "销售渠道", errors) is { } c)
        {
            query = query.Where(s => s.Channel == c);
        }

        if (year is { } y)
        {
            var from = new DateOnly(y, 1, 1);
            var to = new DateOnly(y, 12, 31);
            query = query.Where(s => s.SoldOn >= from && s.SoldOn <= to);
        }

        return (query.OrderByDescending(s => s.SoldOn).ThenBy(s => s.Id), shares);
    }

    internal static async Task<Results<Created<SaleDto>, ProblemHttpResult>> CreateAsync(
        [FromBody] SaleRequest request, IndustryDbContext db, IncomeReports income, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var product = Input.Required(request.Product, 100, "product", "产品", errors);
        var channel = Input.Code<SaleChannel>(request.Channel, "channel", "销售渠道", errors);
        var buyer = Input.Required(request.Buyer, 100, "buyer", "购买方", errors);
        if (request.SoldOn is null)
        {
            FieldErrors.Add(errors, "soldOn", "请填写销售日期");
        }

        if (request.Amount is null)
        {
            FieldErrors.Add(errors, "amount", "请填写销售额（元）");
        }

        var scope = DataScope.Of(user);
        var requested = request.Shares ?? [];
        var numbers = requested.Where(s => s.HouseholdId is null && !string.IsNullOrWhiteSpace(s.HouseholdNumber)).Select(s => s.HouseholdNumber!.Trim()).Distinct().ToList();
        var byNumber = numbers.Count == 0
            ? []
            : await db.HouseholdsWithin(scope).Where(h => numbers.Contains(h.HouseholdNumber)).ToDictionaryAsync(h => h.HouseholdNumber, h => h.Id, cancellationToken);
        var shares = requested.Select(s => (
            HouseholdId: s.HouseholdId ?? (s.HouseholdNumber is { } number && byNumber.TryGetValue(number.Trim(), out var id) ? id : Guid.Empty),
            Amount: s.Amount ?? 0m)).ToList();
        if (requested.Any(s => s.HouseholdId is null && string.IsNullOrWhiteSpace(s.HouseholdNumber)))
        {
            FieldErrors.Add(errors, "shares", "每条收益须指定建档立卡户（id 或户编号）");
        }
        else if (shares.Any(s => s.HouseholdId == Guid.Empty))
        {
            return Outcome<ConsumptionSale>.Refused(Refusal.NotFound, "shares", "受益户中有不存在的建档立卡户").ToProblem();
        }

        if (errors.Count == 0)
        {
            SaleRules.Validate(request.Amount!.Value, request.SoldOn!.Value, shares, clock.Today(), errors);
        }

        if (errors.Count > 0)
        {
            return Outcome<ConsumptionSale>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var ids = shares.Select(s => s.HouseholdId).ToList();
        if (await db.HouseholdsWithin(scope).CountAsync(h => ids.Contains(h.Id), cancellationToken) != ids.Count)
        {
            return Outcome<ConsumptionSale>.Refused(Refusal.NotFound, "shares", "受益户中有不存在的建档立卡户").ToProblem();
        }

        string? seller = null;
        if (request.EntityId is { } entityId)
        {
            seller = await db.Entities.Within(scope).Where(e => e.Id == entityId).Select(e => e.Name).SingleOrDefaultAsync(cancellationToken);
            if (seller is null)
            {
                return Outcome<ConsumptionSale>.Refused(Refusal.NotFound, "entityId", "经营主体不存在").ToProblem();
            }
        }

        var now = clock.GetUtcNow();
        var sale = new ConsumptionSale
        {
            Id = Guid.CreateVersion7(now),
            Product = product,
            Channel = channel,
            Buyer = buyer,
            EntityId = request.EntityId,
            SoldOn = request.SoldOn!.Value,
            Amount = request.Amount!.Value,
            CreatedAt = now,
            CreatedBy = PlatformClaims.Actor(user) ?? "unknown",
        };
        db.Sales.Add(sale);
        foreach (var (householdId, amount) in shares)
        {
            var share = sale.AddShare(householdId, amount, now);
            income.Record(
                share.Id, IncomeSource.SaleShare, householdId, null, sale.SoldOn.Year, amount,
                string.Create(CultureInfo.InvariantCulture, $"消费扶贫 {product}（{Names.Of(channel)}，{buyer}，{sale.SoldOn:yyyy-MM-dd}）{(seller is null ? string.Empty : "，" + seller)}"));
        }

        var saved = await db.SaveAsOutcomeAsync(sale, ("product", "请重试"), _ => ("shares", "同一户在一笔销售中只列一次"), cancellationToken);
        return saved.Value is null ? saved.ToProblem() : TypedResults.Created($"/api/industry/sales?year={sale.SoldOn.Year}", Dto(sale, sale.Shares));
    }

    private static SaleDto Dto(ConsumptionSale s, IEnumerable<SaleShare> shares) => new(
        s.Id, s.Product, s.Channel, Names.Of(s.Channel), s.Buyer, s.EntityId, s.SoldOn, s.Amount, shares.Select(x => new ShareDto(x.Id, x.HouseholdId, x.Amount)).ToList(), s.CreatedAt);
}
