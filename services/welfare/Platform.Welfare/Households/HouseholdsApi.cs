using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Households;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.Welfare.Assistance;
using Platform.Welfare.Common;
using Platform.Welfare.Data;
using Platform.Welfare.Domain;
using Platform.Welfare.Insurance;

namespace Platform.Welfare.Households;

public sealed record MeansTestDto(
    Guid HouseholdId, int Year, int People, decimal RecordedIncome, decimal? VerifiedIncome, decimal AnnualIncome, decimal PerCapitaIncome, bool Qualifies,
    Contracts.Welfare.SocialAssistanceCategory? Category, decimal Standard, decimal MonthlyAmount, string Reason);

public sealed record WelfareMemberDto(MemberDto Member, bool Insured, bool CriticalIllness, int ActiveCertificates, int? DisabilityGrade);

/// <summary>A household's welfare file (社会保障兜底一户一档).</summary>
public sealed record HouseholdWelfareDto(
    Guid HouseholdId, string HouseholdNumber, string VillageCode, HouseholdStatus Status, AidClass AidClass, int Year, IReadOnlyList<WelfareMemberDto> Members,
    GuaranteeDto? MedicalGuarantee, EnrolmentDto? Assistance, MeansTestDto MeansTest, bool ProtectionCovered, int Claims, decimal Reimbursed, decimal OutOfPocket);

/// <summary>One household's welfare, for the portal's household view (/api/welfare/households).</summary>
public static class HouseholdsApi
{
    public static IEndpointRouteBuilder MapHouseholdsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/welfare/households").WithTags("一户一档").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/{id:guid}", FileAsync).WithSummary("一户的社会保障兜底情况：成员参保、慢病和残疾、基本医疗保障、低保特困、当年审核测算、扶贫保险、医疗结算");
        api.MapGet("/{id:guid}/means-test", MeansTestAsync).WithSummary("家庭经济状况测算：当年（或指定年度）计入的收入、人口、人均收入及是否符合低保或特困条件");
        return app;
    }

    internal static async Task<Results<Ok<HouseholdWelfareDto>, ProblemHttpResult>> FileAsync(
        Guid id, WelfareDbContext db, HouseholdSituations situations, WelfarePolicies policies, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var household = await db.ReplicaHouseholds.AsNoTracking().Within(DataScope.Of(user)).SingleOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (household is null)
        {
            return Problems.NotFound("社会保障兜底尚未收到该建档立卡户");
        }

        var year = clock.Today().Year;
        var situation = (await situations.LoadAsync([id], cancellationToken))[id];
        var memberIds = situation.Members.Select(m => m.Id).ToList();
        var insured = await db.InsuranceEnrolments.AsNoTracking().Where(e => memberIds.Contains(e.MemberId) && e.Year == year).ToDictionaryAsync(e => e.MemberId, cancellationToken);
        var certificates = await db.ChronicCertificates.AsNoTracking().Where(c => memberIds.Contains(c.MemberId) && c.RevokedOn == null)
            .GroupBy(c => c.MemberId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var guarantee = await db.MedicalGuarantees.AsNoTracking().SingleOrDefaultAsync(g => g.HouseholdId == id, cancellationToken);
        var claims = await db.HospitalClaims.AsNoTracking().Where(c => c.HouseholdId == id).GroupBy(c => c.HouseholdId)
            .Select(g => new { Count = g.Count(), Reimbursed = g.Sum(c => c.Reimbursed), OutOfPocket = g.Sum(c => c.OutOfPocket) }).SingleOrDefaultAsync(cancellationToken);
        var covered = await db.ProtectionCovers.AnyAsync(c => c.HouseholdId == id && db.ProtectionPolicies.Any(p => p.Id == c.PolicyId && p.Year == year), cancellationToken);
        var test = await TestAsync(db, situations, policies, clock, situation, year, cancellationToken);
        return TypedResults.Ok(new HouseholdWelfareDto(
            id,
            household.HouseholdNumber,
            household.VillageCode,
            household.Status,
            situation.AidClass,
            year,
            situation.Members.Select(m => new WelfareMemberDto(
                MemberDto.From(m),
                insured.TryGetValue(m.Id, out var e) && e.ResidentMedical,
                e?.CriticalIllness ?? false,
                certificates.GetValueOrDefault(m.Id),
                m.DisabilityGrade)).ToList(),
            guarantee is null ? null : new GuaranteeDto(id, household.HouseholdNumber, household.VillageCode, guarantee.Year, guarantee.Members, guarantee.Covered, guarantee.Met, guarantee.Reason, guarantee.AssessedAt),
            situation.Enrolment is { } active ? AssistanceApi.Dto(active, household.HouseholdNumber, household.VillageCode) : null,
            test!,
            covered,
            claims?.Count ?? 0,
            claims?.Reimbursed ?? 0m,
            claims?.OutOfPocket ?? 0m));
    }

    internal static async Task<Results<Ok<MeansTestDto>, ProblemHttpResult>> MeansTestAsync(
        Guid id, int? year, WelfareDbContext db, HouseholdSituations situations, WelfarePolicies policies, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!await db.ReplicaHouseholds.Within(DataScope.Of(user)).AnyAsync(h => h.Id == id, cancellationToken))
        {
            return Problems.NotFound("社会保障兜底尚未收到该建档立卡户");
        }

        var y = year ?? clock.Today().Year;
        var situation = (await situations.LoadAsync([id], cancellationToken))[id];
        var test = await TestAsync(db, situations, policies, clock, situation, y, cancellationToken);
        return test is null ? Outcome<MeansTestDto>.Refused(Refusal.Invalid, "year", $"{y}年的低保、特困标准尚未配置").ToProblem() : TypedResults.Ok(test);
    }

    private static async Task<MeansTestDto?> TestAsync(
        WelfareDbContext db, HouseholdSituations situations, WelfarePolicies policies, TimeProvider clock, HouseholdSituation situation, int year, CancellationToken cancellationToken)
    {
        if (policies.Standard(year) is not { } standard)
        {
            return null;
        }

        var id = situation.Household.Id;
        var income = (await situations.MeansIncomeAsync([id], year, cancellationToken))[id];
        var records = await db.IncomeRecords.AsNoTracking().Where(r => r.HouseholdId == id && r.Year == year).ToListAsync(cancellationToken);
        var verified = await db.MeansChecks.AsNoTracking().Where(c => c.HouseholdId == id && c.Year == year).Select(c => (decimal?)c.VerifiedIncome).SingleOrDefaultAsync(cancellationToken);
        var result = AssistanceRules.Test(situation.Facts, income, standard, clock.Today());
        return new MeansTestDto(
            id, year, result.People, AssistanceRules.MeansIncome(records, null), verified, income, result.PerCapitaIncome, result.Qualifies, result.Category, result.Standard,
            result.MonthlyAmount, result.Reason);
    }
}
