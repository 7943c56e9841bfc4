using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Grpc.Welfare.V1;
using Platform.Testing;
using Platform.Welfare.Data;
using GrpcHouseholdRecord = Platform.Contracts.Grpc.Households.V1.HouseholdRecord;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The welfare pillar's objects for the matrix: this year's poverty-protection policy before any household
/// (every household is covered when the pillar follows it), every head insured for the year (a claim needs
/// basic medical insurance), and per target a claim, a chronic-disease certificate and a 低保 enrolment to read.
/// </summary>
public sealed partial class MatrixWorld
{
    private readonly Dictionary<Target, Guid> welfareClaims = [];
    private readonly Dictionary<Target, Guid> welfareCertificates = [];
    private readonly Dictionary<Target, Guid> welfareEnrolments = [];

    public static string WelfareToday(int days = 0) =>
        DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static int WelfareYear => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).Year;

    /// <summary>A protection policy of <paramref name="year"/> (one per year; last, this or next year).</summary>
    public static object WelfarePolicyBody(int year) => new
    {
        year, insurer = "中国人寿", policyNumber = "MX" + year + Guid.NewGuid().ToString("N")[..8], premiumPerPerson = 60m, illnessSum = 10_000m, schoolingSum = 3_000m, disasterSum = 20_000m,
    };

    /// <summary>A hospital stay of the patient in the county, discharged yesterday.</summary>
    public static object WelfareClaimBody(Guid memberId) => new
    {
        memberId, hospital = "房县人民医院", diagnosis = "肺炎", admittedOn = WelfareToday(-4), dischargedOn = WelfareToday(-1), totalCost = 3_000m, withinPolicyCost = 2_500m,
        settlementNumber = "MX-" + Guid.NewGuid().ToString("N")[..12],
    };

    /// <summary>A claim of the shared household's head, recorded by the county office.</summary>
    public async Task<Guid> WelfareClaimAsync(Target target) =>
        welfareClaims.TryGetValue(target, out var id) ? id : welfareClaims[target] = await CreatedIdAsync("/api/welfare/claims/", WelfareClaimBody(Shared(target).Head.Id));

    /// <summary>The shared household's certificate, or (<paramref name="fresh"/>) one of a fresh household, issued by the county office.</summary>
    public async Task<Guid> WelfareCertificateAsync(Target target, bool fresh = false)
    {
        if (!fresh && welfareCertificates.TryGetValue(target, out var id))
        {
            return id;
        }

        var patient = fresh ? (await FreshAsync(target)).Disabled : Shared(target).Disabled;
        var created = await CreatedIdAsync("/api/welfare/certificates", new { memberId = patient.Id, disease = "高血压", issuer = "房县卫生健康局" });
        return fresh ? created : welfareCertificates[target] = created;
    }

    /// <summary>The shared household's 低保 enrolment, or (<paramref name="fresh"/>) one of a fresh household (no income: it qualifies).</summary>
    public async Task<Guid> WelfareEnrolmentAsync(Target target, bool fresh = false)
    {
        if (!fresh && welfareEnrolments.TryGetValue(target, out var id))
        {
            return id;
        }

        var household = fresh ? await FreshAsync(target) : Shared(target);
        using var response = await county.Rest.PostAsJsonAsync("/api/welfare/assistance/applications", new { householdId = household.Id });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var created = JsonDocument.Parse(body).RootElement.GetProperty("enrolment").GetProperty("id").GetGuid();
        return fresh ? created : welfareEnrolments[target] = created;
    }

    private async Task StartWelfareAsync()
    {
        using var response = await county.Rest.PostAsJsonAsync("/api/welfare/protection/policies", WelfarePolicyBody(WelfareYear));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Waits until the pillar follows the new households, then insures their heads for the year.</summary>
    private async Task WelfareFollowsAsync(List<Guid> households, List<GrpcHouseholdRecord> records)
    {
        await Eventually.AssertAsync(
            async () => await QueryAsync<WelfareDbContext, int>(platform.Welfare.Services, db => db.ReplicaHouseholds.CountAsync(h => households.Contains(h.Id))) == households.Count,
            TimeSpan.FromSeconds(60),
            "the welfare pillar follows every new household");
        using var call = new MedicalInsurance.MedicalInsuranceClient(county.Grpc).ImportInsuranceEnrolments();
        foreach (var head in records.Select(r => r.Members[0]))
        {
            await call.RequestStream.WriteAsync(new InsuranceEnrolmentRecord { ClientRef = head.IdNumber[^4..], IdNumber = head.IdNumber, Name = head.Name, Year = WelfareYear, CriticalIllness = true });
        }

        await call.RequestStream.CompleteAsync();
        var summary = await call;
        Assert.True(summary.Accepted == records.Count, string.Join("; ", summary.Rejections.Select(r => $"{r.Field}: {r.Reason}")));
    }

    private async Task<Guid> CreatedIdAsync(string path, object body)
    {
        using var response = await county.Rest.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }
}
