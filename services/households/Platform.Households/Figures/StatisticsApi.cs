using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.Households.Common;
using Platform.Households.Data;
using Platform.Households.Domain;
using Platform.Households.Registry;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Households.Figures;

/// <summary>农村常住居民人均可支配收入 of one year, as the statistics bureau published it.</summary>
public sealed record RuralIncomeDto(int Year, decimal PerCapitaDisposableIncome, decimal? GrowthOnYearBefore, string Source, DateTimeOffset RecordedAt);

public sealed record RuralIncomeRequest(decimal? PerCapitaDisposableIncome, string? Source);

/// <summary>Households and people of one kind (a poverty cause, a household type), with the list they count.</summary>
public sealed record BreakdownRow(string Code, long Households, long People, string Href);

/// <summary>建档立卡户构成: by main poverty cause and by household type (those whose form records it), within the caller's scope.</summary>
public sealed record HouseholdBreakdown(long Households, IReadOnlyList<BreakdownRow> ByMainCause, IReadOnlyList<BreakdownRow> ByType, long TypeNotRecorded);

/// <summary>One kind of income in one year: the amount the households had, how many had it, and their list.</summary>
public sealed record IncomeKindRow(string Kind, decimal Amount, long Households, string Href);

/// <summary>
/// 建档立卡户收入（按类别）of one year within the caller's scope: the households with any income recorded, their
/// 纯收入 (the four kinds less 生产经营性支出), and each kind.
/// </summary>
public sealed record IncomeYearRow(int Year, long Households, decimal NetIncome, IReadOnlyList<IncomeKindRow> ByKind);

/// <summary>The county's statistics: farmers' income by year (county staff keep it), and the registry's households broken down.</summary>
public static class StatisticsApi
{
    public static IEndpointRouteBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/households/statistics").WithTags("统计数据").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/rural-income", RuralIncomeAsync).WithSummary("全县农村常住居民人均可支配收入（统计部门数据），按年度及增幅");
        api.MapPut("/rural-income/{year:int}", SaveRuralIncomeAsync).RequireAuthorization(PlatformPolicies.CountyWrite).WithIdempotency<HouseholdsDbContext>()
            .Audited("county-statistic", "year").WithSummary("录入或更正某年度农村常住居民人均可支配收入（须注明数据来源）");
        api.MapGet("/income", IncomeByKindAsync).WithSummary("建档立卡户收入（数据范围内）：按年度、按收入类别（工资性、生产经营性、财产性、转移性、生产经营性支出）的金额和户数，附明细链接");
        api.MapGet("/households", BreakdownAsync).WithSummary("建档立卡户构成（数据范围内）：按主要致贫原因、按户类型的户数和人数，附明细链接");
        return app;
    }

    internal static async Task<Ok<List<RuralIncomeDto>>> RuralIncomeAsync(HouseholdsDbContext db, CancellationToken cancellationToken)
    {
        var years = await db.CountyStatistics.AsNoTracking().OrderBy(s => s.Year).ToListAsync(cancellationToken);
        return TypedResults.Ok(years.Select(s =>
        {
            var before = years.FirstOrDefault(b => b.Year == s.Year - 1);
            decimal? growth = before is null || before.RuralPerCapitaDisposableIncome <= 0
                ? null
                : Math.Round((s.RuralPerCapitaDisposableIncome / before.RuralPerCapitaDisposableIncome) - 1m, 4, MidpointRounding.AwayFromZero);
            return new RuralIncomeDto(s.Year, s.RuralPerCapitaDisposableIncome, growth, s.Source, s.RecordedAt);
        }).ToList());
    }

    internal static async Task<Results<Ok<RuralIncomeDto>, ProblemHttpResult>> SaveRuralIncomeAsync(
        int year, [FromBody] RuralIncomeRequest request, HouseholdsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var today = clock.Today();
        if (year < 2000 || year > today.Year)
        {
            FieldErrors.Add(errors, "year", $"年度应在2000年到{today.Year}年之间");
        }

        if (request.PerCapitaDisposableIncome is not { } income || income <= 0 || income > 1_000_000m || decimal.Round(income, 2) != income)
        {
            FieldErrors.Add(errors, "perCapitaDisposableIncome", "人均可支配收入应为正数（元，最多两位小数）");
        }

        var source = Requests.Text(request.Source, "source", "数据来源", 100, errors);
        if (errors.Count > 0)
        {
            return Outcome<CountyStatistic>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var now = clock.GetUtcNow();
        var statistic = await db.CountyStatistics.SingleOrDefaultAsync(s => s.Year == year, cancellationToken);
        if (statistic is null)
        {
            db.CountyStatistics.Add(new CountyStatistic { Year = year, RuralPerCapitaDisposableIncome = request.PerCapitaDisposableIncome!.Value, Source = source, RecordedAt = now });
        }
        else if (statistic.RuralPerCapitaDisposableIncome != request.PerCapitaDisposableIncome || statistic.Source != source)
        {
            statistic.RuralPerCapitaDisposableIncome = request.PerCapitaDisposableIncome!.Value;
            statistic.Source = source;
            statistic.RecordedAt = now;
        }

        var saved = await db.SaveAsOutcomeAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture), ("year", "该年度数据刚被他人录入，请刷新后重试"), _ => ("year", "该年度数据刚被他人录入，请刷新后重试"), cancellationToken);
        if (saved.Value is null)
        {
            return saved.ToProblem();
        }

        var all = (await RuralIncomeAsync(db, cancellationToken)).Value!;
        return TypedResults.Ok(all.Single(s => s.Year == year));
    }

    internal static async Task<Ok<HouseholdBreakdown>> BreakdownAsync(HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var households = db.Households.AsNoTracking().Within(DataScope.Of(user));
        var causes = await households.GroupBy(h => h.MainCause)
            .Select(g => new { Cause = g.Key, Households = g.LongCount(), People = g.Sum(h => (long)h.Size) })
            .ToListAsync(cancellationToken);
        var types = await households.Join(db.HouseholdProfiles, h => h.Id, p => p.HouseholdId, (h, p) => new { p.Data.Type, h.Size })
            .GroupBy(x => x.Type)
            .Select(g => new { Type = g.Key, Households = g.LongCount(), People = g.Sum(x => (long)x.Size) })
            .ToListAsync(cancellationToken);
        var total = causes.Sum(c => c.Households);
        return TypedResults.Ok(new HouseholdBreakdown(
            total,
            causes.OrderByDescending(c => c.Households).ThenBy(c => c.Cause).Select(c => new BreakdownRow(Codes.Of(c.Cause), c.Households, c.People, $"/api/households?cause={Codes.Of(c.Cause)}")).ToList(),
            types.OrderBy(t => t.Type).Select(t => new BreakdownRow(Codes.Of(t.Type), t.Households, t.People, $"/api/households?type={Codes.Of(t.Type)}")).ToList(),
            total - types.Sum(t => t.Households)));
    }

    internal static async Task<Ok<List<IncomeYearRow>>> IncomeByKindAsync(HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = DataScope.Of(user);
        var records = db.IncomeRecords.AsNoTracking().Where(r => r.Amount > 0);
        if (scope.Level != ScopeLevel.County)
        {
            // The county reads every record without a join; the others only their households'.
            var households = db.Households.Within(scope);
            records = records.Where(r => households.Any(h => h.Id == r.HouseholdId));
        }

        var byKind = await records.GroupBy(r => new { r.Year, r.Kind })
            .Select(g => new { g.Key.Year, g.Key.Kind, Amount = g.Sum(r => r.Amount), Households = g.Select(r => r.HouseholdId).Distinct().LongCount() })
            .ToListAsync(cancellationToken);
        var byYear = await records.GroupBy(r => r.Year)
            .Select(g => new { Year = g.Key, Households = g.Select(r => r.HouseholdId).Distinct().LongCount() })
            .ToDictionaryAsync(y => y.Year, y => y.Households, cancellationToken);
        return TypedResults.Ok(byKind.GroupBy(k => k.Year).OrderBy(y => y.Key).Select(year => new IncomeYearRow(
            year.Key,
            byYear[year.Key],
            year.Sum(k => k.Kind == IncomeKind.ProductionCost ? -k.Amount : k.Amount),
            year.OrderBy(k => k.Kind).Select(k => new IncomeKindRow(
                Codes.Of(k.Kind), k.Amount, k.Households, $"/api/households?income={Codes.Of(k.Kind)}&incomeYear={year.Key}")).ToList())).ToList());
    }
}
