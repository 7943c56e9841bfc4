using System.Globalization;
using System.Net.Http.Json;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Grpc.Welfare.V1;
using Platform.Contracts.People;
using Platform.Contracts.Registry;
using Platform.Contracts.Welfare;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.People;
using Platform.Testing;

namespace Platform.Welfare.Tests.Api;

/// <summary>The departments' feeds over real HTTP/2: one verdict per record, nothing of a rejected record written, a record sent again unchanged.</summary>
public class FeedTests(WelfareFixture fixture) : IClassFixture<WelfareFixture>
{
    private const string Village = "420325010001";
    private static readonly string Today = WelfareFixture.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<FeedSummary> StreamAsync<TRecord>(AsyncClientStreamingCall<TRecord, FeedSummary> call, params TRecord[] records)
    {
        using (call)
        {
            foreach (var record in records)
            {
                await call.RequestStream.WriteAsync(record);
            }

            await call.RequestStream.CompleteAsync();
            return await call;
        }
    }

    private global::Grpc.Net.Client.GrpcChannel Channel(string? token = null) => fixture.Host.CreateGrpcChannel(token ?? TestTokens.CountyOffice());

    [Fact]
    public async Task Insurance_enrolments_match_people_by_number_and_name_make_the_guarantee_met_and_count_once()
    {
        var head = WelfareFixture.Member("户主", 50, "蒋大福");
        var wife = WelfareFixture.Member("配偶", 49, "邓小梅");
        var registered = await fixture.RegisterAsync(Village, head, wife);
        using var channel = Channel();
        var client = new MedicalInsurance.MedicalInsuranceClient(channel);

        InsuranceEnrolmentRecord Record(string reference, string idNumber, string name) => new() { ClientRef = reference, IdNumber = idNumber, Name = name, CriticalIllness = true };
        var unknown = ResidentIdNumber.Create("420325", new DateOnly(1980, 1, 1), 991).Value;
        var summary = await StreamAsync(
            client.ImportInsuranceEnrolments(),
            Record("a", head.IdNumber, head.Name),
            Record("b", wife.IdNumber, "邓小妹"), // a name the registry does not have for that number
            Record("c", unknown, "查无此人"),
            Record("d", "420325198001011234", "错号"),
            Record("e", wife.IdNumber, wife.Name));

        Assert.Equal((5, 2, 3), (summary.Received, summary.Accepted, summary.Rejected));
        var reasons = summary.Rejections.ToDictionary(r => r.ClientRef);
        Assert.Equal(reasons["b"].Reason, reasons["c"].Reason); // not found, whatever the reason
        Assert.Equal((PersonMatching.IdNumberField, PersonMatching.NotFoundReason), (reasons["c"].Field, reasons["c"].Reason));
        Assert.Equal("id_number", reasons["d"].Field);
        Assert.Equal(1, reasons["c"].Index - reasons["b"].Index);
        await fixture.GuaranteeAsync(registered.HouseholdId, met: true);

        var outbox = await fixture.OutboxCountAsync();
        var again = await StreamAsync(client.ImportInsuranceEnrolments(), Record("a", head.IdNumber, head.Name), Record("e", wife.IdNumber, wife.Name));
        Assert.Equal((2, 2, 0), (again.Accepted, again.Unchanged, again.Rejected));
        Assert.Equal(outbox, await fixture.OutboxCountAsync());
        Assert.Equal(2, await fixture.QueryAsync(db => db.InsuranceEnrolments.CountAsync(e => e.HouseholdId == registered.HouseholdId)));
    }

    [Fact]
    public async Task Means_checks_then_enrolments_enrol_who_qualifies_reject_who_does_not_and_accept_a_repeat_unchanged()
    {
        var poor = WelfareFixture.Member("户主", 46, "潘困难");
        var better = WelfareFixture.Member("户主", 44, "潘小康");
        var first = await fixture.RegisterAsync(Village, poor);
        var second = await fixture.RegisterAsync(Village, better);
        using var channel = Channel(await DepartmentTokenAsync());
        var client = new SocialAssistance.SocialAssistanceClient(channel);

        var checks = await StreamAsync(
            client.ImportMeansChecks(),
            new MeansCheckRecord { ClientRef = "1", IdNumber = poor.IdNumber, Name = poor.Name, VerifiedIncome = "2400.00", CheckedOn = Today },
            new MeansCheckRecord { ClientRef = "2", IdNumber = better.IdNumber, Name = better.Name, VerifiedIncome = "36000" },
            new MeansCheckRecord { ClientRef = "3", IdNumber = better.IdNumber, Name = better.Name, VerifiedIncome = "很多" });
        Assert.Equal((2, 1), (checks.Accepted, checks.Rejected));
        Assert.Equal("verified_income", checks.Rejections.Single().Field);

        var enrolled = await StreamAsync(
            client.ImportEnrolments(),
            new AssistanceEnrolmentRecord { ClientRef = "1", IdNumber = poor.IdNumber, Name = poor.Name },
            new AssistanceEnrolmentRecord { ClientRef = "2", IdNumber = better.IdNumber, Name = better.Name },
            new AssistanceEnrolmentRecord { ClientRef = "3", IdNumber = poor.IdNumber, Name = poor.Name, Category = "minimum-living" });
        Assert.Equal((2, 1, 1), (enrolled.Accepted, enrolled.Unchanged, enrolled.Rejected));
        var refused = enrolled.Rejections.Single();
        Assert.Equal(("2", "id_number"), (refused.ClientRef, refused.Field));
        Assert.Contains("不低于低保标准", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await fixture.QueryAsync(db => db.AssistanceApplications.CountAsync(a => a.HouseholdId == second.HouseholdId)));
        await Eventually.AssertAsync(
            () => Task.FromResult(fixture.Published<SocialAssistanceGranted>().Count(g => g.HouseholdId == first.HouseholdId) == 1),
            WelfareFixture.Patience,
            "the registry hears of the one enrolment");

        var other = await StreamAsync(client.ImportEnrolments(), new AssistanceEnrolmentRecord { ClientRef = "x", IdNumber = poor.IdNumber, Name = poor.Name, Category = "extreme-poverty" });
        Assert.Equal("category", other.Rejections.Single().Field);
    }

    [Fact]
    public async Task Claims_carry_the_patients_year_from_record_to_record_report_large_expenses_and_never_settle_twice()
    {
        var patient = WelfareFixture.Member("户主", 64, "田病多");
        var registered = await fixture.RegisterAsync(Village, patient);
        await fixture.InsureAsync(patient);
        using var channel = Channel();
        var client = new MedicalInsurance.MedicalInsuranceClient(channel);
        ClaimRecord Stay(string number, string total, string within) => new()
        {
            ClientRef = number, IdNumber = patient.IdNumber, Name = patient.Name, SettlementNumber = number, Kind = "inpatient", InCounty = true, Hospital = "房县人民医院",
            AdmittedOn = WelfareFixture.Today.AddDays(-20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), DischargedOn = Today, TotalCost = total, WithinPolicyCost = within,
        };
        var prefix = "FEED-" + registered.HouseholdId.ToString("N")[..8];

        var summary = await StreamAsync(
            client.ImportClaims(),
            Stay(prefix + "-1", "30000.00", "20000.00"),
            Stay(prefix + "-2", "10000.00", "10000.00"),
            Stay(prefix + "-1", "30000.00", "20000.00"), // the same settlement again
            Stay(prefix + "-3", "1000.00", "2000.00")); // within policy above the total
        Assert.Equal((4, 3, 1, 1, 1), (summary.Received, summary.Accepted, summary.Unchanged, summary.LargeExpenses, summary.Rejected));
        Assert.Equal("within_policy_cost", summary.Rejections.Single().Field);

        // The second stay: its whole 3,210 left after the basic insurance is above the deductible the first one met.
        var second = await fixture.QueryAsync(db => db.HospitalClaims.SingleAsync(c => c.SettlementNumber == prefix + "-2"));
        Assert.Equal((6_790m, 1_926m), (second.BasicInsurance, second.CriticalIllness));
        await Eventually.AssertAsync(
            () => Task.FromResult(fixture.Published<LargeExpenseReported>().Count(e => e.HouseholdId == registered.HouseholdId) == 1),
            WelfareFixture.Patience,
            "one large expense reaches the registry");

        var again = await StreamAsync(client.ImportClaims(), Stay(prefix + "-1", "30000.00", "20000.00"), Stay(prefix + "-2", "10000.00", "10000.00"));
        Assert.Equal((2, 2), (again.Accepted, again.Unchanged));
        Assert.Equal(2, await fixture.QueryAsync(db => db.HospitalClaims.CountAsync(c => c.HouseholdId == registered.HouseholdId)));
    }

    [Fact]
    public async Task Certificates_and_disability_assessments_reach_the_registry_as_the_members_health()
    {
        var sick = WelfareFixture.Member("户主", 57, "郝慢病");
        var disabled = WelfareFixture.Member("之子", 25, "郝残");
        await fixture.RegisterAsync(Village, sick, disabled);
        using var channel = Channel();

        var certificates = await StreamAsync(
            new HealthRecords.HealthRecordsClient(channel).ImportChronicCertificates(),
            new ChronicCertificateRecord { ClientRef = "1", IdNumber = sick.IdNumber, Name = sick.Name, Disease = "慢性阻塞性肺疾病", Issuer = "房县卫生健康局", CertificateNumber = "MB-" + sick.IdNumber[^6..] },
            new ChronicCertificateRecord { ClientRef = "2", IdNumber = sick.IdNumber, Name = sick.Name, Disease = "慢性阻塞性肺疾病", Issuer = "房县卫生健康局", CertificateNumber = "MB-" + sick.IdNumber[^6..] },
            new ChronicCertificateRecord { ClientRef = "3", IdNumber = disabled.IdNumber, Name = disabled.Name, Disease = "", Issuer = "房县卫生健康局" });
        Assert.Equal((2, 1, 1), (certificates.Accepted, certificates.Unchanged, certificates.Rejected));

        var assessments = await StreamAsync(
            new DisabilityAssessments.DisabilityAssessmentsClient(channel).ImportDisabilityAssessments(),
            new DisabilityAssessmentRecord { ClientRef = "1", IdNumber = disabled.IdNumber, Name = disabled.Name, Kind = "intellectual", Grade = 2, Assessor = "房县残疾人联合会" },
            new DisabilityAssessmentRecord { ClientRef = "2", IdNumber = disabled.IdNumber, Name = disabled.Name, Kind = "wings", Grade = 1, Assessor = "房县残疾人联合会" });
        Assert.Equal((1, 1), (assessments.Accepted, assessments.Rejected));

        await Eventually.AssertAsync(
            () => Task.FromResult(
                fixture.Published<MemberHealthAssessed>().Any(a => a.MemberId == sick.MemberId && a.Health == "chronic")
                && fixture.Published<MemberHealthAssessed>().Any(a => a.MemberId == disabled.MemberId && a is { Health: "disabled", DisabilityGrade: 2 })),
            WelfareFixture.Patience,
            "the registry hears both members' health");
    }

    [Fact]
    public async Task Payouts_stay_within_the_sums_and_a_claim_number_sent_again_is_unchanged()
    {
        var insured = WelfareFixture.Member("户主", 52, "毛保险");
        var registered = await fixture.RegisterAsync(Village, insured);
        using var county = fixture.County();
        var year = WelfareFixture.Today.Year;
        using (var policy = await county.PostAsJsonAsync("/api/welfare/protection/policies", new { year, insurer = "中国人寿", policyNumber = "FEED" + year, premiumPerPerson = 60m, illnessSum = 10_000m, schoolingSum = 3_000m, disasterSum = 20_000m }))
        {
            Assert.True(policy.IsSuccessStatusCode || policy.StatusCode == System.Net.HttpStatusCode.Conflict);
        }

        using var channel = Channel();
        ProtectionPayoutRecord Payout(string number, string cause, string amount) => new()
        {
            ClientRef = number, IdNumber = insured.IdNumber, Name = insured.Name, Cause = cause, Amount = amount, IncurredOn = Today, ClaimNumber = number,
        };
        var prefix = "PA-" + registered.HouseholdId.ToString("N")[..8];
        var summary = await StreamAsync(
            new ProtectionInsurance.ProtectionInsuranceClient(channel).ImportPayouts(),
            Payout(prefix + "-1", "schooling", "2000.00"),
            Payout(prefix + "-2", "schooling", "1500.00"), // 3,500 of a 3,000 sum
            Payout(prefix + "-3", "disaster", "8000.00"),
            Payout(prefix + "-1", "schooling", "2000.00"));
        Assert.Equal((3, 1, 1), (summary.Accepted, summary.Unchanged, summary.Rejected));
        Assert.Equal("amount", summary.Rejections.Single().Field);
        Assert.Equal(10_000m, await fixture.QueryAsync(db => db.ProtectionPayouts.Where(p => p.HouseholdId == registered.HouseholdId).SumAsync(p => p.Amount)));
    }

    [Theory]
    [InlineData(PlatformRoles.TownshipOfficer, StatusCode.PermissionDenied)]
    [InlineData(PlatformRoles.VillageCadre, StatusCode.PermissionDenied)]
    [InlineData(PlatformRoles.Auditor, StatusCode.PermissionDenied)]
    [InlineData("education-department", StatusCode.PermissionDenied)]
    [InlineData("welfare-department", StatusCode.OK)]
    [InlineData(PlatformRoles.CountyOfficer, StatusCode.OK)]
    public async Task Only_county_staff_and_the_welfare_departments_may_send_feeds(string caller, StatusCode expected)
    {
        var token = caller switch
        {
            "education-department" => TestTokens.ForRole(PlatformRoles.DepartmentOfficer, pillar: PlatformScopes.Education),
            "welfare-department" => await DepartmentTokenAsync(),
            PlatformRoles.TownshipOfficer => TestTokens.ForRole(caller, township: Village[..9]),
            PlatformRoles.VillageCadre => TestTokens.ForRole(caller, village: Village),
            _ => TestTokens.ForRole(caller),
        };
        using var channel = Channel(token);
        var status = StatusCode.OK;
        try
        {
            await StreamAsync(new MedicalInsurance.MedicalInsuranceClient(channel).ImportInsuranceEnrolments());
        }
        catch (RpcException e)
        {
            status = e.StatusCode;
        }

        Assert.Equal(expected, status);
    }

    private static Task<string> DepartmentTokenAsync() => Task.FromResult(TestTokens.ForRole(PlatformRoles.DepartmentOfficer, pillar: PlatformScopes.Welfare));
}
