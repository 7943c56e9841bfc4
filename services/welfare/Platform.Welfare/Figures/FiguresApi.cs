using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Welfare;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.Welfare.Assistance;
using Platform.Welfare.Common;
using Platform.Welfare.Data;
using Platform.Welfare.Domain;
using Platform.Welfare.Health;
using Platform.Welfare.Insurance;

namespace Platform.Welfare.Figures;

/// <summary>Households and people of one category, their monthly allowances, and where the list is.</summary>
public sealed record CategoryFigure(SocialAssistanceCategory Category, string Name, int Households, int People, decimal MonthlyAmount, string List);

/// <summary>应保尽保: households meeting the conditions, of them not enrolled (goal 0), and where each list is.</summary>
public sealed record CoverageGapFigure(int Qualifying, int NotEnrolled, int Goal, string QualifyingList, string GapList);

public sealed record AssistanceFigures(IReadOnlyList<CategoryFigure> Categories, CoverageGapFigure Conditions, decimal PaidThisYear, string PaymentsList);

/// <summary>资助参保: current members insured in both for the year (goal 100%), and households whose guarantee is met.</summary>
public sealed record InsuranceFigures(int People, int Insured, decimal Percent, decimal Goal, string UninsuredList, int Households, int GuaranteeMet, string GuaranteeList);

/// <summary>贫困患者县域内住院政策范围内费用报销比例 (goal 90%, the 985 policy).</summary>
public sealed record ReimbursementRatioFigure(int Claims, decimal WithinPolicyCost, decimal Reimbursed, decimal Percent, decimal Goal, bool Met, string List);

public sealed record ClaimFigures(int Claims, decimal TotalCost, decimal Reimbursed, decimal OutOfPocket, int LargeExpenses, string List, string LargeExpenseList);

public sealed record CertificateFigures(int Active, int Serious, int DeliveriesThisYear, string List, string DeliveriesList);

public sealed record DisabilityFigures(int People, IReadOnlyDictionary<int, int> ByGrade, string List);

public sealed record PayoutFigure(PayoutCause Cause, int Payouts, decimal Amount);

public sealed record ProtectionFigures(int CoveredHouseholds, int CoveredPeople, IReadOnlyList<PayoutFigure> Payouts, string List);

/// <summary>The county's social-security figures (社会保障兜底主要指标) within the caller's data scope, each with its drill-down list.</summary>
public sealed record WelfareFigures(
    int Year,
    AssistanceFigures Assistance,
    InsuranceFigures Insurance,
    ReimbursementRatioFigure ReimbursementRatio,
    ClaimFigures Claims,
    CertificateFigures Certificates,
    DisabilityFigures Disabilities,
    ProtectionFigures Protection);

public static class FiguresApi
{
    public static IEndpointRouteBuilder MapFiguresApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/welfare/figures", GetAsync)
            .RequireAuthorization(PlatformPolicies.Read)
            .WithTags("社会保障兜底指标")
            .WithSummary("社会保障兜底指标：低保和特困户数、人数，应保尽保，参保率（目标100%），贫困患者县域内住院政策范围内报销比例（目标90%），医疗结算和大额支出，慢病证和送药，残疾人评定，扶贫保险；按调用者的数据范围，每项附明细名单地址");
        return app;
    }

    internal static async Task<Results<Ok<WelfareFigures>, ValidationProblem>> GetAsync(
        WelfareDbContext db, WelfarePolicies policies, TimeProvider clock, int? year, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var y = year ?? clock.Today().Year;
        if (policies.Standard(y) is not { } standard)
        {
            return Problems.Validation("year", $"{y}年的低保、特困标准尚未配置");
        }

        var c = CultureInfo.InvariantCulture;
        var scope = DataScope.Of(user);
        var households = db.ReplicaHouseholds.AsNoTracking().Within(scope);
        var members = db.ReplicaMembers.AsNoTracking().Within(scope).Where(m => m.LeftAt == null);
        var from = new DateOnly(y, 1, 1);
        var to = new DateOnly(y, 12, 31);

        var enrolled = await db.AssistanceEnrolments.AsNoTracking().Within(db, scope).Where(e => e.EndedOn == null)
            .GroupBy(e => e.Category)
            .Select(g => new
            {
                Category = g.Key,
                Households = g.Count(),
                People = g.Sum(e => db.ReplicaMembers.Count(m => m.HouseholdId == e.HouseholdId && m.LeftAt == null)),
                Monthly = g.Sum(e => e.MonthlyAmount),
            })
            .ToListAsync(cancellationToken);
        var categories = Enum.GetValues<SocialAssistanceCategory>().Select(category =>
        {
            var row = enrolled.FirstOrDefault(e => e.Category == category);
            return new CategoryFigure(category, Names.Of(category), row?.Households ?? 0, row?.People ?? 0, row?.Monthly ?? 0m, $"/api/welfare/assistance/enrolments?category={Codes.Of(category)}");
        }).ToList();
        var qualifying = await AssistanceQueries.Qualifying(db, households, standard, clock.Today())
            .GroupBy(q => q.Enrolled).Select(g => new { Enrolled = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var paid = await db.AssistancePayments.AsNoTracking().Within(db, scope).Where(p => p.Month >= from && p.Month <= to).SumAsync(p => p.Amount, cancellationToken);
        var assistance = new AssistanceFigures(
            categories,
            new CoverageGapFigure(
                qualifying.Sum(q => q.Count),
                qualifying.Where(q => !q.Enrolled).Sum(q => q.Count),
                0,
                string.Create(c, $"/api/welfare/assistance/qualifying?year={y}"),
                string.Create(c, $"/api/welfare/assistance/gaps?year={y}")),
            paid,
            string.Create(c, $"/api/welfare/assistance/payments"));

        var people = await members.CountAsync(cancellationToken);
        var uninsured = await InsuranceApi.Uninsured(db, members, y).CountAsync(cancellationToken);
        var guarantees = await db.MedicalGuarantees.AsNoTracking().Join(households, g => g.HouseholdId, h => h.Id, (g, _) => g)
            .GroupBy(g => g.Met).Select(g => new { Met = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var insurance = new InsuranceFigures(
            people, people - uninsured, people == 0 ? 100m : Yuan.Percent(people - uninsured, people), 100m, string.Create(c, $"/api/welfare/insurance/uninsured?year={y}"),
            await households.CountAsync(cancellationToken), guarantees.Where(g => g.Met).Sum(g => g.Count), "/api/welfare/insurance/guarantees?met=false");

        var claims = db.HospitalClaims.AsNoTracking().Within(db, scope).Where(x => x.DischargedOn >= from && x.DischargedOn <= to);
        var poorInCounty = await claims.Where(x => x.RegisteredPoor && x.InCounty && x.Kind == ClaimKind.Inpatient)
            .GroupBy(_ => 1).Select(g => new { Count = g.Count(), WithinPolicy = g.Sum(x => x.WithinPolicyCost), Reimbursed = g.Sum(x => x.Reimbursed) })
            .SingleOrDefaultAsync(cancellationToken);
        var ratioGoal = policies.Reimbursement.HealthPolicy.InpatientRatio * 100m;
        var ratio = poorInCounty is null || poorInCounty.WithinPolicy == 0 ? 0m : Yuan.Percent(poorInCounty.Reimbursed, poorInCounty.WithinPolicy);
        var reimbursement = new ReimbursementRatioFigure(
            poorInCounty?.Count ?? 0, poorInCounty?.WithinPolicy ?? 0m, poorInCounty?.Reimbursed ?? 0m, ratio, ratioGoal, poorInCounty is not null && ratio >= ratioGoal,
            string.Create(c, $"/api/welfare/claims?year={y}&kind=inpatient&inCounty=true&registeredPoor=true"));
        var all = await claims.GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Total = g.Sum(x => x.TotalCost), Reimbursed = g.Sum(x => x.Reimbursed), OutOfPocket = g.Sum(x => x.OutOfPocket), Large = g.Count(x => x.LargeExpenseReported) })
            .SingleOrDefaultAsync(cancellationToken);
        var claimFigures = new ClaimFigures(
            all?.Count ?? 0, all?.Total ?? 0m, all?.Reimbursed ?? 0m, all?.OutOfPocket ?? 0m, all?.Large ?? 0, string.Create(c, $"/api/welfare/claims?year={y}"),
            string.Create(c, $"/api/welfare/claims?year={y}&largeExpense=true"));

        var certificates = await db.ChronicCertificates.AsNoTracking().Within(db, scope).Where(x => x.RevokedOn == null)
            .GroupBy(x => x.Serious).Select(g => new { Serious = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var deliveries = await db.DrugDeliveries.AsNoTracking().Within(db, scope).CountAsync(d => d.DeliveredOn >= from && d.DeliveredOn <= to, cancellationToken);
        var certificateFigures = new CertificateFigures(
            certificates.Sum(x => x.Count), certificates.Where(x => x.Serious).Sum(x => x.Count), deliveries, "/api/welfare/certificates",
            string.Create(c, $"/api/welfare/deliveries?year={y}"));

        var grades = await HealthApi.Current(db, db.DisabilityAssessments.AsNoTracking().Within(db, scope)).Where(a => a.Grade != null)
            .GroupBy(a => a.Grade!.Value).Select(g => new { Grade = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var disabilities = new DisabilityFigures(grades.Sum(g => g.Count), Enumerable.Range(1, 4).ToDictionary(g => g, g => grades.Where(x => x.Grade == g).Sum(x => x.Count)), "/api/welfare/disabilities");

        var policy = await db.ProtectionPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.Year == y, cancellationToken);
        var covers = policy is null
            ? null
            : await db.ProtectionCovers.AsNoTracking().Within(db, scope).Where(x => x.PolicyId == policy.Id).GroupBy(_ => 1)
                .Select(g => new { Households = g.Count(), People = g.Sum(x => x.People) }).SingleOrDefaultAsync(cancellationToken);
        var payouts = await db.ProtectionPayouts.AsNoTracking().Within(db, scope).Where(p => p.IncurredOn >= from && p.IncurredOn <= to)
            .GroupBy(p => p.Cause).Select(g => new { Cause = g.Key, Count = g.Count(), Amount = g.Sum(p => p.Amount) }).ToListAsync(cancellationToken);
        var protection = new ProtectionFigures(
            covers?.Households ?? 0, covers?.People ?? 0,
            Enum.GetValues<PayoutCause>().Select(cause => new PayoutFigure(cause, payouts.Where(p => p.Cause == cause).Sum(p => p.Count), payouts.Where(p => p.Cause == cause).Sum(p => p.Amount))).ToList(),
            string.Create(c, $"/api/welfare/protection/payouts?year={y}"));

        return TypedResults.Ok(new WelfareFigures(y, assistance, insurance, reimbursement, claimFigures, certificateFigures, disabilities, protection));
    }
}
