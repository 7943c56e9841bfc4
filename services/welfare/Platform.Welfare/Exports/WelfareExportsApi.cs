using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.People;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Export;
using Platform.ServiceDefaults.Http;
using Platform.Welfare.Assistance;
using Platform.Welfare.Claims;
using Platform.Welfare.Data;
using Platform.Welfare.Domain;

namespace Platform.Welfare.Exports;

/// <summary>导出Excel of the welfare pillar's lists, each from its list's own query (filters, data scope, order; ID numbers masked), audited.</summary>
public static class WelfareExportsApi
{
    public static IEndpointRouteBuilder MapWelfareExports(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/welfare").WithTags("导出Excel").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/assistance/enrolments/export", Enrolments).WithSummary("导出低保和特困供养对象（筛选条件同列表；记入审计日志）");
        api.MapGet("/assistance/gaps/export", Gaps).WithSummary("导出应保尽保名单：符合条件未纳入的建档立卡户（筛选条件同列表；记入审计日志）");
        api.MapGet("/assistance/qualifying/export", Qualifying).WithSummary("导出符合低保或特困条件的建档立卡户（筛选条件同列表；记入审计日志）");
        api.MapGet("/claims/export", Claims).WithSummary("导出医疗费用结算记录（筛选条件同列表；身份证号脱敏；记入审计日志）");
        return app;
    }

    internal static Results<ExcelSheet<EnrolmentRow>, ValidationProblem> Enrolments(
        WelfareDbContext db, string? category, string? status, string? township, string? village, ClaimsPrincipal user)
    {
        var errors = new Dictionary<string, string[]>();
        var rows = AssistanceApi.Filtered(db, category, status, township, village, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return ExcelExport.Sheet(rows, "低保和特困供养对象").Audited("assistance-enrolment")
            .Column("户编号", r => r.HouseholdNumber)
            .Column("行政村代码", r => r.VillageCode)
            .Column("救助类别", r => Names.Of(r.Enrolment.Category))
            .Column("保障人数", r => r.Enrolment.People)
            .Column("月保障金", r => r.Enrolment.MonthlyAmount)
            .Column("测算年度", r => r.Enrolment.Year)
            .Column("人均收入", r => r.Enrolment.PerCapitaIncome)
            .Column("起保月份", r => r.Enrolment.StartMonth.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))
            .Column("停保日期", r => r.Enrolment.EndedOn)
            .Column("停保原因", r => r.Enrolment.EndReason);
    }

    internal static Results<ExcelSheet<QualifyingHousehold>, ValidationProblem> Gaps(
        WelfareDbContext db, WelfarePolicies policies, TimeProvider clock, int? year, string? category, string? township, string? village, ClaimsPrincipal user) =>
        QualifyingSheet(db, policies, clock, year, category, township, village, user, unenrolledOnly: true);

    internal static Results<ExcelSheet<QualifyingHousehold>, ValidationProblem> Qualifying(
        WelfareDbContext db, WelfarePolicies policies, TimeProvider clock, int? year, string? category, string? township, string? village, ClaimsPrincipal user) =>
        QualifyingSheet(db, policies, clock, year, category, township, village, user, unenrolledOnly: false);

    private static Results<ExcelSheet<QualifyingHousehold>, ValidationProblem> QualifyingSheet(
        WelfareDbContext db, WelfarePolicies policies, TimeProvider clock, int? year, string? category, string? township, string? village, ClaimsPrincipal user,
        bool unenrolledOnly)
    {
        var errors = new Dictionary<string, string[]>();
        var rows = AssistanceApi.QualifyingFiltered(db, policies, clock, year, category, township, village, user, unenrolledOnly, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return ExcelExport.Sheet(rows, unenrolledOnly ? "应保尽保名单" : "符合低保特困条件户").Audited("assistance-qualifying")
            .Column("户编号", r => r.Household.HouseholdNumber)
            .Column("行政村代码", r => r.Household.VillageCode)
            .Column("家庭人口", r => r.People)
            .Column("家庭年收入", r => r.AnnualIncome)
            .Column("人均收入", r => Yuan.Round(r.AnnualIncome / r.People))
            .Column("符合类别", r => Names.Of(r.Category))
            .Column("已纳入", r => r.Enrolled);
    }

    internal static Results<ExcelSheet<ClaimRow>, ValidationProblem> Claims(
        WelfareDbContext db, int? year, string? kind, bool? inCounty, bool? largeExpense, bool? registeredPoor, Guid? householdId, string? township, string? village,
        ClaimsPrincipal user)
    {
        var errors = new Dictionary<string, string[]>();
        var rows = ClaimsApi.Filtered(db, year, kind, inCounty, largeExpense, registeredPoor, householdId, township, village, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        // As the list answers (decision 0008): the patient's masked number, no birth date.
        return ExcelExport.Sheet(rows, "医疗费用结算").Audited("hospital-claim")
            .Column("患者", r => r.Member.Name)
            .Column("身份证号", r => ResidentIdNumber.Mask(r.Member.IdNumber))
            .Column("行政村代码", r => r.Member.VillageCode)
            .Column("结算单号", r => r.Claim.SettlementNumber)
            .Column("结算类别", r => r.Claim.Kind == ClaimKind.SpecialOutpatient ? "门诊慢特病" : "住院")
            .Column("县域内", r => r.Claim.InCounty)
            .Column("医疗机构", r => r.Claim.Hospital)
            .Column("诊断", r => r.Claim.Diagnosis)
            .Column("入院日期", r => r.Claim.AdmittedOn)
            .Column("出院日期", r => r.Claim.DischargedOn)
            .Column("总费用", r => r.Claim.TotalCost)
            .Column("政策范围内费用", r => r.Claim.WithinPolicyCost)
            .Column(LayerNames.Of(ReimbursementLayer.BasicInsurance), r => r.Claim.BasicInsurance)
            .Column(LayerNames.Of(ReimbursementLayer.CriticalIllness), r => r.Claim.CriticalIllness)
            .Column(LayerNames.Of(ReimbursementLayer.MedicalAssistance), r => r.Claim.MedicalAssistance)
            .Column(LayerNames.Of(ReimbursementLayer.Supplementary), r => r.Claim.Supplementary)
            .Column(LayerNames.Of(ReimbursementLayer.HealthPolicy), r => r.Claim.HealthPolicy)
            .Column("报销合计", r => r.Claim.Reimbursed)
            .Column("个人自付", r => r.Claim.OutOfPocket)
            .Column("大额支出", r => r.Claim.LargeExpenseReported);
    }
}
