using System.Globalization;
using System.Net;
using Platform.Contracts.Grpc.Welfare.V1;
using static Platform.EndToEnd.Tests.AccessMatrix;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The welfare pillar's rows of the matrix (社会保障兜底一批): reads for everyone but the other pillars'
/// departments, records for county, township and village staff and the pillar's departments, the county's
/// payment runs and protection policies for county staff, the departmental feeds for county staff and the
/// pillar's departments. A record about a household or a member outside the caller's scope is "not found".
/// </summary>
public static class WelfareMatrix
{
    private static string Month => DateTime.UtcNow.AddHours(8).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    /// <summary>
    /// One protection policy a year, for last year, this year or next: the world holds this year's, the
    /// administrator opens next year's, the officer last year's, and the county office's attempt at this
    /// year's is a conflict (409) — three county callers, two years left.
    /// </summary>
    private static int PolicyYearOf(string caller) => caller switch
    {
        "admin" => MatrixWorld.WelfareYear + 1,
        "officer" => MatrixWorld.WelfareYear - 1,
        _ => MatrixWorld.WelfareYear,
    };

    public static readonly IReadOnlyList<RestRow> Rest =
    [
        // 一户一档
        new("GET", "/api/welfare/households/{id:guid}", Right.WelfareRead, Place.Object, HttpStatusCode.OK, (w, c, t) => Get($"/api/welfare/households/{w.Shared(t).Id}")),
        new("GET", "/api/welfare/households/{id:guid}/means-test", Right.WelfareRead, Place.Object, HttpStatusCode.OK, (w, c, t) =>
            Get($"/api/welfare/households/{w.Shared(t).Id}/means-test")),

        // 资助参保
        new("GET", "/api/welfare/insurance/premiums", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/welfare/insurance/premiums")),
        new("POST", "/api/welfare/insurance/enrolments", Right.WelfareWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
            await Post("/api/welfare/insurance/enrolments", new { memberId = (await w.FreshAsync(t)).Young.Id })),
        new("GET", "/api/welfare/insurance/enrolments", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/welfare/insurance/enrolments?pageSize=5")),
        new("GET", "/api/welfare/insurance/uninsured", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/welfare/insurance/uninsured?pageSize=5")),
        new("GET", "/api/welfare/insurance/uninsured/export", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get($"/api/welfare/insurance/uninsured/export?village={PlatformFixture.Village}"), Workbook: true),
        new("GET", "/api/welfare/insurance/guarantees", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/welfare/insurance/guarantees?pageSize=5")),
        new("GET", "/api/welfare/insurance/guarantees/export", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get($"/api/welfare/insurance/guarantees/export?village={PlatformFixture.Village}"), Workbook: true),

        // 医疗费用结算
        new("GET", "/api/welfare/claims/policy", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/welfare/claims/policy")),
        new("POST", "/api/welfare/claims/", Right.WelfareWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
            await Post("/api/welfare/claims/", MatrixWorld.WelfareClaimBody((await w.FreshAsync(t)).Head.Id))),
        new("POST", "/api/welfare/claims/calculation", Right.WelfareWrite, Place.Object, HttpStatusCode.OK, (w, c, t) =>
            Post("/api/welfare/claims/calculation", MatrixWorld.WelfareClaimBody(w.Shared(t).Head.Id))),
        new("GET", "/api/welfare/claims/", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/welfare/claims/?pageSize=5")),
        new("GET", "/api/welfare/claims/export", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get($"/api/welfare/claims/export?village={PlatformFixture.Village}"), Workbook: true),
        new("GET", "/api/welfare/claims/{id:guid}", Right.WelfareRead, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Get($"/api/welfare/claims/{await w.WelfareClaimAsync(t)}")),

        // 低保和特困供养
        new("GET", "/api/welfare/assistance/standards", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/welfare/assistance/standards")),
        new("POST", "/api/welfare/assistance/means-checks", Right.WelfareWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Post("/api/welfare/assistance/means-checks", new { householdId = (await w.FreshAsync(t)).Id, verifiedIncome = 1_200m, note = "入户核对" })),
        new("POST", "/api/welfare/assistance/applications", Right.WelfareWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
            await Post("/api/welfare/assistance/applications", new { householdId = (await w.FreshAsync(t)).Id, note = "本人申请" })),
        new("GET", "/api/welfare/assistance/applications", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/welfare/assistance/applications?pageSize=5")),
        new("GET", "/api/welfare/assistance/enrolments", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/welfare/assistance/enrolments?pageSize=5")),
        new("GET", "/api/welfare/assistance/enrolments/export", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) =>
            Get($"/api/welfare/assistance/enrolments/export?village={PlatformFixture.Village}"), Workbook: true),
        new("GET", "/api/welfare/assistance/enrolments/{id:guid}", Right.WelfareRead, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Get($"/api/welfare/assistance/enrolments/{await w.WelfareEnrolmentAsync(t)}")),
        new("POST", "/api/welfare/assistance/enrolments/{id:guid}/ending", Right.WelfareWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Post($"/api/welfare/assistance/enrolments/{await w.WelfareEnrolmentAsync(t, fresh: true)}/ending", new { reason = "家庭人均收入超过低保标准" })),
        new("POST", "/api/welfare/assistance/payments", Right.WelfareCountyWrite, Place.None, HttpStatusCode.OK, (w, c, t) =>
            Post("/api/welfare/assistance/payments", new { month = Month })),
        new("GET", "/api/welfare/assistance/payments", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/welfare/assistance/payments?pageSize=5")),
        new("GET", "/api/welfare/assistance/payments/export", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get($"/api/welfare/assistance/payments/export?village={PlatformFixture.Village}"), Workbook: true),
        new("GET", "/api/welfare/assistance/gaps", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/welfare/assistance/gaps?pageSize=5")),
        new("GET", "/api/welfare/assistance/qualifying", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/welfare/assistance/qualifying?pageSize=5")),
        new("GET", "/api/welfare/assistance/gaps/export", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) =>
            Get($"/api/welfare/assistance/gaps/export?village={PlatformFixture.Village}"), Workbook: true),
        new("GET", "/api/welfare/assistance/qualifying/export", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) =>
            Get($"/api/welfare/assistance/qualifying/export?village={PlatformFixture.Village}"), Workbook: true),

        // 扶贫保险
        new("POST", "/api/welfare/protection/policies", Right.WelfareCountyWrite, Place.None, HttpStatusCode.Created, (w, c, t) =>
            Post("/api/welfare/protection/policies", MatrixWorld.WelfarePolicyBody(PolicyYearOf(c))),
            (c, t) => c == Callers.ClientPrefix + "county-office" ? HttpStatusCode.Conflict : null),
        new("GET", "/api/welfare/protection/policies", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/welfare/protection/policies")),
        new("POST", "/api/welfare/protection/payouts", Right.WelfareWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
            await Post("/api/welfare/protection/payouts", new
            {
                householdId = (await w.FreshAsync(t)).Id, cause = "schooling", amount = 500m, incurredOn = MatrixWorld.WelfareToday(-2), claimNumber = Unique("PA-"),
            })),
        new("GET", "/api/welfare/protection/payouts", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/welfare/protection/payouts?pageSize=5")),
        new("GET", "/api/welfare/protection/payouts/export", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get($"/api/welfare/protection/payouts/export?village={PlatformFixture.Village}"), Workbook: true),

        // 慢病和残疾人评定
        new("POST", "/api/welfare/certificates", Right.WelfareWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
            await Post("/api/welfare/certificates", new { memberId = (await w.FreshAsync(t)).Disabled.Id, disease = "2型糖尿病", issuer = "房县卫生健康局" })),
        new("GET", "/api/welfare/certificates", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/welfare/certificates?pageSize=5")),
        new("GET", "/api/welfare/certificates/export", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get($"/api/welfare/certificates/export?village={PlatformFixture.Village}"), Workbook: true),
        new("GET", "/api/welfare/certificates/{id:guid}", Right.WelfareRead, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Get($"/api/welfare/certificates/{await w.WelfareCertificateAsync(t)}")),
        new("POST", "/api/welfare/certificates/{id:guid}/revocation", Right.WelfareWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Post($"/api/welfare/certificates/{await w.WelfareCertificateAsync(t, fresh: true)}/revocation", new { reason = "复查正常，停药观察" })),
        new("POST", "/api/welfare/certificates/{id:guid}/deliveries", Right.WelfareWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
            await Post($"/api/welfare/certificates/{await w.WelfareCertificateAsync(t, fresh: true)}/deliveries", new { drugs = "二甲双胍片 60片", deliveredBy = "村卫生室" })),
        new("GET", "/api/welfare/deliveries", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/welfare/deliveries?pageSize=5")),
        new("GET", "/api/welfare/deliveries/export", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get($"/api/welfare/deliveries/export?village={PlatformFixture.Village}"), Workbook: true),
        new("POST", "/api/welfare/disabilities", Right.WelfareWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
            await Post("/api/welfare/disabilities", new { memberId = (await w.FreshAsync(t)).Pupil.Id, kind = "physical", grade = 3, assessedOn = MatrixWorld.WelfareToday(-1), assessor = "房县残疾人联合会" })),
        new("GET", "/api/welfare/disabilities", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/welfare/disabilities?pageSize=5")),
        new("GET", "/api/welfare/disabilities/export", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get($"/api/welfare/disabilities/export?village={PlatformFixture.Village}"), Workbook: true),

        new("GET", "/api/welfare/figures", Right.WelfareRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/welfare/figures")),
    ];

    /// <summary>The feeds: one valid record about a fresh household in the test users' village, accepted.</summary>
    public static readonly IReadOnlyList<GrpcRow> Grpc =
    [
        new("/platform.welfare.v1.SocialAssistance/ImportMeansChecks", Right.WelfareFeed, Place.None, async (w, channel, t) =>
        {
            var head = (await w.FreshAsync(t)).Head;
            return async () => (await Stream(new SocialAssistance.SocialAssistanceClient(channel).ImportMeansChecks(), new MeansCheckRecord
            {
                ClientRef = "m1", IdNumber = head.IdNumber, Name = head.Name, Year = MatrixWorld.WelfareYear, VerifiedIncome = "1200.00",
            })).Accepted == 1;
        }),
        new("/platform.welfare.v1.SocialAssistance/ImportEnrolments", Right.WelfareFeed, Place.None, async (w, channel, t) =>
        {
            var head = (await w.FreshAsync(t)).Head;
            return async () => (await Stream(new SocialAssistance.SocialAssistanceClient(channel).ImportEnrolments(), new AssistanceEnrolmentRecord
            {
                ClientRef = "e1", IdNumber = head.IdNumber, Name = head.Name, Category = "minimum-living", Year = MatrixWorld.WelfareYear,
            })).Accepted == 1;
        }),
        new("/platform.welfare.v1.MedicalInsurance/ImportInsuranceEnrolments", Right.WelfareFeed, Place.None, async (w, channel, t) =>
        {
            var young = (await w.FreshAsync(t)).Young;
            return async () => (await Stream(new MedicalInsurance.MedicalInsuranceClient(channel).ImportInsuranceEnrolments(), new InsuranceEnrolmentRecord
            {
                ClientRef = "i1", IdNumber = young.IdNumber, Name = young.Name, Year = MatrixWorld.WelfareYear, CriticalIllness = true,
            })).Accepted == 1;
        }),
        new("/platform.welfare.v1.MedicalInsurance/ImportClaims", Right.WelfareFeed, Place.None, async (w, channel, t) =>
        {
            var head = (await w.FreshAsync(t)).Head;
            return async () => (await Stream(new MedicalInsurance.MedicalInsuranceClient(channel).ImportClaims(), new ClaimRecord
            {
                ClientRef = "c1", IdNumber = head.IdNumber, Name = head.Name, SettlementNumber = Unique("MXF-"), Kind = "inpatient", InCounty = true, Hospital = "房县人民医院",
                Diagnosis = "肺炎", AdmittedOn = MatrixWorld.WelfareToday(-4), DischargedOn = MatrixWorld.WelfareToday(-1), TotalCost = "3000.00", WithinPolicyCost = "2500.00",
            })).Accepted == 1;
        }),
        new("/platform.welfare.v1.HealthRecords/ImportChronicCertificates", Right.WelfareFeed, Place.None, async (w, channel, t) =>
        {
            var patient = (await w.FreshAsync(t)).Disabled;
            return async () => (await Stream(new HealthRecords.HealthRecordsClient(channel).ImportChronicCertificates(), new ChronicCertificateRecord
            {
                ClientRef = "h1", IdNumber = patient.IdNumber, Name = patient.Name, Disease = "高血压", CertificateNumber = Unique("MB-"), Issuer = "房县卫生健康局",
            })).Accepted == 1;
        }),
        new("/platform.welfare.v1.DisabilityAssessments/ImportDisabilityAssessments", Right.WelfareFeed, Place.None, async (w, channel, t) =>
        {
            var pupil = (await w.FreshAsync(t)).Pupil;
            return async () => (await Stream(new DisabilityAssessments.DisabilityAssessmentsClient(channel).ImportDisabilityAssessments(), new DisabilityAssessmentRecord
            {
                ClientRef = "d1", IdNumber = pupil.IdNumber, Name = pupil.Name, Kind = "physical", Grade = 3, AssessedOn = MatrixWorld.WelfareToday(-1), Assessor = "房县残疾人联合会",
            })).Accepted == 1;
        }),
        new("/platform.welfare.v1.ProtectionInsurance/ImportPayouts", Right.WelfareFeed, Place.None, async (w, channel, t) =>
        {
            var head = (await w.FreshAsync(t)).Head;
            return async () => (await Stream(new ProtectionInsurance.ProtectionInsuranceClient(channel).ImportPayouts(), new ProtectionPayoutRecord
            {
                ClientRef = "p1", IdNumber = head.IdNumber, Name = head.Name, Cause = "schooling", Amount = "500.00", IncurredOn = MatrixWorld.WelfareToday(-2), ClaimNumber = Unique("PAF-"),
            })).Accepted == 1;
        }),
    ];
}
