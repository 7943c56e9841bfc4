using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Registry;
using Platform.Households.Data;
using Platform.Households.Domain;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.Households.Registry;

namespace Platform.Households.Income;

/// <summary>A household's income of a year: all of it, the part that counts toward exit, and the records behind both.</summary>
public sealed record HouseholdIncome(
    Guid HouseholdId,
    int Year,
    IncomeSummary Total,
    IncomeSummary Stable,
    decimal TotalPerCapita,
    decimal StablePerCapita,
    IReadOnlyList<IncomeRecordItem> Records);

public sealed record IncomeRecordItem(
    Guid Id, IncomeKind Kind, decimal Amount, bool CountsTowardExit, Pillar Source, string SourceRecordId, string? Description, DateTimeOffset RecordedAt);

public static class IncomeApi
{
    public static IEndpointRouteBuilder MapIncomeApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/households/{id:guid}/income", GetIncomeAsync)
            .RequireAuthorization(PlatformPolicies.Read)
            .WithTags("家庭收入")
            .WithSummary("家庭年度收入：按类别汇总、人均纯收入（全部与计入稳定脱贫的部分），及其来源记录");
        return app;
    }

    internal static async Task<Results<Ok<HouseholdIncome>, ProblemHttpResult>> GetIncomeAsync(
        Guid id, int? year, HouseholdsDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var y = year ?? today.Year;
        if (y < RegistrationRules.FirstRegistrationYear || y > today.Year)
        {
            return Outcome<HouseholdIncome>.Refused(Refusal.Invalid, "year", "年度无效").ToProblem();
        }

        var size = await db.Households.Within(DataScope.Of(user)).Where(h => h.Id == id)
            .Select(h => (int?)h.Size)
            .SingleOrDefaultAsync(cancellationToken);
        if (size is null)
        {
            return Problems.NotFound("建档立卡户不存在");
        }

        var records = await db.IncomeRecords.AsNoTracking()
            .Where(r => r.HouseholdId == id && r.Year == y)
            .OrderBy(r => r.RecordedAt)
            .ToListAsync(cancellationToken);
        var total = IncomeCalculator.Summarise(y, size.Value, records, stableOnly: false);
        var stable = IncomeCalculator.Summarise(y, size.Value, records, stableOnly: true);
        return TypedResults.Ok(new HouseholdIncome(
            id,
            y,
            total,
            stable,
            total.PerCapitaNetIncome,
            stable.PerCapitaNetIncome,
            records.Select(r => new IncomeRecordItem(r.Id, r.Kind, r.Amount, r.CountsTowardExit, r.Source, r.SourceRecordId, r.Description, r.RecordedAt)).ToList()));
    }
}
