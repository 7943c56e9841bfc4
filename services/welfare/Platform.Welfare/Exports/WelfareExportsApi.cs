using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Contracts.Households;
using Platform.Contracts.People;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Export;
using Platform.ServiceDefaults.Http;
using Platform.Welfare.Assistance;
using Platform.Welfare.Claims;
using Platform.Welfare.Data;
using Platform.Welfare.Domain;
using Platform.Messaging.Households;
using Platform.Welfare.Health;
using Platform.Welfare.Insurance;
using Platform.Welfare.Protection;

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
        api.MapGet("/protection/payouts/export", Payouts).WithSummary("导出扶贫保险理赔记录（筛选条件同列表；记入审计日志）");
        api.MapGet("/certificates/export", Certificates).WithSummary("导出慢病证（筛选条件同列表；身份证号脱敏；记入审计日志）");
        api.MapGet("/insurance/uninsured/export", Uninsured).WithSummary("导出未参保名单（筛选条件同列表；身份证号脱敏；记入审计日志）");
        api.MapGet("/insurance/guarantees/export", MedicalGuarantees).WithSummary("导出各户基本医疗有保障评估结果（筛选条件同列表；记入审计日志）");
        api.MapGet("/assistance/payments/export", Payments).WithSummary("导出救助金发放记录（筛选条件同列表；记入审计日志）");
        api.MapGet("/deliveries/export", Deliveries).WithSummary("导出送药上门记录（筛选条件同列表；记入审计日志）");
        api.MapGet("/disabilities/export", Disabilities).WithSummary("导出残疾人评定（筛选条件同列表；身份证号脱敏；记入审计日志）");
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
            .Column("起保月份", r => WireText.Month(r.Enrolment.StartMonth))
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

    internal static Results<ExcelSheet<PayoutRow>, ValidationProblem> Payouts(
        WelfareDbContext db, int? year, string? cause, Guid? householdId, string? township, string? village, ClaimsPrincipal user)
    {
        var errors = new Dictionary<string, string[]>();
        var rows = ProtectionApi.FilteredPayouts(db, year, cause, householdId, township, village, user, errors);
        return errors.Count > 0
            ? Problems.Validation(errors)
            : ExcelExport.Sheet(rows, "扶贫保险理赔").Audited("protection-payout")
                .Column("户编号", r => r.HouseholdNumber)
                .Column("行政村代码", r => r.VillageCode)
                .Column("理赔原因", r => r.Payout.Cause switch
                {
                    PayoutCause.Illness => "因病",
                    PayoutCause.Schooling => "因学",
                    _ => "因灾",
                })
                .Column("金额", r => r.Payout.Amount)
                .Column("出险日期", r => r.Payout.IncurredOn)
                .Column("理赔单号", r => r.Payout.ClaimNumber)
                .Column("备注", r => r.Payout.Note);
    }

    internal static Results<ExcelSheet<CertificateRow>, ValidationProblem> Certificates(
        WelfareDbContext db, string? status, bool? serious, Guid? householdId, string? township, string? village, ClaimsPrincipal user)
    {
        var errors = new Dictionary<string, string[]>();
        var rows = HealthApi.FilteredCertificates(db, status, serious, householdId, township, village, user, errors);

        // As the list answers (decision 0008): the holder's masked number, no birth date.
        return errors.Count > 0
            ? Problems.Validation(errors)
            : ExcelExport.Sheet(rows, "慢病证").Audited("chronic-certificate")
                .Column("患者", r => r.Member.Name)
                .Column("身份证号", r => ResidentIdNumber.Mask(r.Member.IdNumber))
                .Column("行政村代码", r => r.Member.VillageCode)
                .Column("病种", r => r.Certificate.Disease)
                .Column("特殊病种", r => r.Certificate.Serious)
                .Column("证号", r => r.Certificate.CertificateNumber)
                .Column("发证机构", r => r.Certificate.Issuer)
                .Column("发证日期", r => r.Certificate.IssuedOn)
                .Column("撤销日期", r => r.Certificate.RevokedOn)
                .Column("撤销原因", r => r.Certificate.RevokeReason);
    }

    internal static ExcelSheet<ReplicaMember> Uninsured(WelfareDbContext db, TimeProvider clock, int? year, string? township, string? village, ClaimsPrincipal user) =>
        ExcelExport.Sheet(InsuranceApi.FilteredUninsured(db, clock, year, township, village, user), "未参保名单").Audited("uninsured-member")
            .Column("姓名", m => m.Name)
            .Column("身份证号", m => ResidentIdNumber.Mask(m.IdNumber))
            .Column("性别", m => m.Sex == Sex.Female ? "女" : "男")
            .Column("出生年份", m => m.BirthDate.Year)
            .Column("与户主关系", m => m.Relation)
            .Column("行政村代码", m => m.VillageCode);

    internal static ExcelSheet<GuaranteeDto> MedicalGuarantees(WelfareDbContext db, bool? met, string? township, string? village, ClaimsPrincipal user) =>
        ExcelExport.Sheet(InsuranceApi.FilteredGuarantees(db, met, township, village, user), "基本医疗有保障").Audited("medical-guarantee")
            .Column("户编号", g => g.HouseholdNumber)
            .Column("行政村代码", g => g.VillageCode)
            .Column("年度", g => g.Year)
            .Column("家庭人口", g => g.Members)
            .Column("参保人数", g => g.Covered)
            .Column("达标", g => g.Met)
            .Column("说明", g => g.Reason)
            .Column("评估时间", g => g.AssessedAt);

    internal static Results<ExcelSheet<PaymentRow>, ValidationProblem> Payments(
        WelfareDbContext db, string? month, Guid? householdId, string? township, string? village, ClaimsPrincipal user)
    {
        var errors = new Dictionary<string, string[]>();
        var rows = AssistanceApi.FilteredPayments(db, month, householdId, township, village, user, errors)
            .Select(p => new PaymentRow { Payment = p, Household = db.ReplicaHouseholds.First(h => h.Id == p.HouseholdId) });
        return errors.Count > 0
            ? Problems.Validation(errors)
            : ExcelExport.Sheet(rows, "救助金发放").Audited("assistance-payment")
                .Column("户编号", r => r.Household.HouseholdNumber)
                .Column("行政村代码", r => r.Household.VillageCode)
                .Column("救助类别", r => Names.Of(r.Payment.Category))
                .Column("月份", r => WireText.Month(r.Payment.Month))
                .Column("金额", r => r.Payment.Amount)
                .Column("发放人", r => r.Payment.PaidBy)
                .Column("发放时间", r => r.Payment.PaidAt);
    }

    internal static ExcelSheet<DrugDelivery> Deliveries(WelfareDbContext db, int? year, string? township, string? village, ClaimsPrincipal user) =>
        ExcelExport.Sheet(HealthApi.FilteredDeliveries(db, year, township, village, user), "送药上门").Audited("drug-delivery")
            .Column("行政村代码", d => d.VillageCode)
            .Column("送药日期", d => d.DeliveredOn)
            .Column("药品", d => d.Drugs)
            .Column("送药人", d => d.DeliveredBy);

    internal static ExcelSheet<DisabilityRow> Disabilities(WelfareDbContext db, int? grade, Guid? householdId, string? township, string? village, ClaimsPrincipal user) =>
        ExcelExport.Sheet(HealthApi.FilteredDisabilities(db, grade, householdId, township, village, user), "残疾人").Audited("disability-assessment")
            .Column("姓名", r => r.Member.Name)
            .Column("身份证号", r => ResidentIdNumber.Mask(r.Member.IdNumber))
            .Column("行政村代码", r => r.Member.VillageCode)
            .Column("残疾类别", r => r.Assessment.Kind is { } kind ? DisabilityNames.Of(kind) : null)
            .Column("残疾等级", r => r.Assessment.Grade)
            .Column("评定日期", r => r.Assessment.AssessedOn)
            .Column("评定机构", r => r.Assessment.Assessor);
}

/// <summary>An assistance payment with its household, as the export reads it in one query.</summary>
public sealed class PaymentRow
{
    public required AssistancePayment Payment { get; init; }

    public required ReplicaHousehold Household { get; init; }
}
