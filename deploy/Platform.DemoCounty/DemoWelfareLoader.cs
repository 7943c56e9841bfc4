using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Contracts.Grpc.Welfare.V1;

namespace Platform.DemoCounty;

/// <summary>What the welfare load did, feed by feed (null: skipped because the county was loaded already).</summary>
public sealed record WelfareLoadSummary(
    int People,
    FeedSummary? Insurance,
    FeedSummary? MeansChecks,
    FeedSummary? Enrolments,
    FeedSummary? Certificates,
    FeedSummary? Disabilities,
    FeedSummary? Claims,
    FeedSummary? Payouts,
    bool AlreadyLoaded,
    TimeSpan Waited,
    TimeSpan Loaded);

/// <summary>
/// Loads the demo county's social-security data through the gateway once the registry's households have reached the
/// welfare pillar: the departments' gRPC feeds in bulk (insurance, means checks then enrolments, certificates,
/// disability assessments, claims, payouts; independent feeds side by side) and the year's protection policy over
/// REST. Safe to repeat: every feed recognises what it has (unchanged), the policy exists; a loaded county is skipped.
/// </summary>
public sealed class DemoWelfareLoader(HttpClient http, GrpcChannel channel, string accessToken, TextWriter output)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>How long to wait for the pillar to know every member (registry events in flight).</summary>
    public TimeSpan MembersTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public async Task<WelfareLoadSummary> LoadAsync(DemoWelfare welfare, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(welfare);
        var c = CultureInfo.InvariantCulture;
        var clock = Stopwatch.StartNew();
        var expected = welfare.PeopleCount;
        output.WriteLine(string.Create(c, $"Welfare: waiting until the pillar knows the county's {expected:N0} people (from the registry's events)…"));
        var (people, insured) = await PeopleAsync(welfare.Year, clock, cancellationToken);
        while (people < expected)
        {
            if (clock.Elapsed > MembersTimeout)
            {
                throw new TimeoutException(string.Create(c, $"The welfare pillar knows {people:N0} of {expected:N0} people after {MembersTimeout.TotalMinutes:0} min."));
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            (people, insured) = await PeopleAsync(welfare.Year, clock, cancellationToken);
        }

        var waited = clock.Elapsed;
        var expectedClaims = welfare.Claims().Count();
        // The demo's own people insured, not everyone the pillar knows: the campaign registers households at the edge
        // that the demo's welfare data does not cover (they stay uninsured), and a second start sent every feed again.
        if (insured >= expected && await TotalAsync("/api/welfare/claims?pageSize=1", cancellationToken) >= expectedClaims && await PolicyExistsAsync(welfare.Year, cancellationToken))
        {
            output.WriteLine("Welfare: the demo county's social-security data is loaded already, nothing to do. 社会保障兜底演示数据已导入，跳过。");
            return new WelfareLoadSummary(people, null, null, null, null, null, null, null, true, waited, TimeSpan.Zero);
        }

        var loading = Stopwatch.StartNew();
        var headers = new Metadata { { "authorization", $"Bearer {accessToken}" } };
        var medical = new MedicalInsurance.MedicalInsuranceClient(channel);
        var assistance = new SocialAssistance.SocialAssistanceClient(channel);
        var standards = await StandardsAsync(welfare.Year, cancellationToken);

        // Independent feeds side by side; claims wait for insurance (a claim needs it) and for enrolment (the aid class).
        var insuranceTask = StreamAsync(() => medical.ImportInsuranceEnrolments(headers, cancellationToken: cancellationToken), welfare.InsuranceEnrolments(), cancellationToken);
        var assistanceTask = Task.Run(
            async () =>
            {
                var checks = await StreamAsync(() => assistance.ImportMeansChecks(headers, cancellationToken: cancellationToken), welfare.MeansChecks(standards), cancellationToken);
                var enrolments = await StreamAsync(() => assistance.ImportEnrolments(headers, cancellationToken: cancellationToken), welfare.Enrolments(), cancellationToken);
                return (checks, enrolments);
            },
            cancellationToken);
        var certificatesTask = StreamAsync(() => new HealthRecords.HealthRecordsClient(channel).ImportChronicCertificates(headers, cancellationToken: cancellationToken), welfare.Certificates(), cancellationToken);
        var disabilitiesTask = StreamAsync(() => new DisabilityAssessments.DisabilityAssessmentsClient(channel).ImportDisabilityAssessments(headers, cancellationToken: cancellationToken), welfare.Disabilities(), cancellationToken);
        var payoutsTask = Task.Run(
            async () =>
            {
                await InsureHouseholdsAsync(welfare.Year, cancellationToken);
                return await StreamAsync(() => new ProtectionInsurance.ProtectionInsuranceClient(channel).ImportPayouts(headers, cancellationToken: cancellationToken), welfare.Payouts(), cancellationToken);
            },
            cancellationToken);

        var insurance = await insuranceTask;
        Report("Insurance (资助参保)", insurance);
        var (meansChecks, enrolments) = await assistanceTask;
        Report("Means checks (家庭经济状况核对)", meansChecks);
        Report("低保/特困 enrolments (应保尽保)", enrolments);
        var claims = await StreamAsync(() => medical.ImportClaims(headers, cancellationToken: cancellationToken), welfare.Claims(), cancellationToken);
        Report("Hospital claims (一站式结算)", claims);
        var certificates = await certificatesTask;
        Report("Chronic-disease certificates (慢病认定)", certificates);
        var disabilities = await disabilitiesTask;
        Report("Disability assessments (残疾人评定)", disabilities);
        var payouts = await payoutsTask;
        Report("Poverty-protection payouts (扶贫保险理赔)", payouts);
        output.WriteLine(string.Create(c, $"Welfare data loaded in {loading.Elapsed.TotalSeconds:0.0} s (after {waited.TotalSeconds:0.0} s waiting for the registry's events). 社会保障兜底演示数据导入完成。"));
        return new WelfareLoadSummary(people, insurance, meansChecks, enrolments, certificates, disabilities, claims, payouts, false, waited, loading.Elapsed);
    }

    private void Report(string feed, FeedSummary summary)
    {
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {feed}: {summary.Received:N0} sent, {summary.Accepted - summary.Unchanged:N0} recorded, {summary.Unchanged:N0} recorded before, {summary.Rejected:N0} rejected."));
        foreach (var rejection in summary.Rejections.Take(3))
        {
            output.WriteLine($"    #{rejection.Index} {rejection.ClientRef} [{rejection.Field}] {rejection.Reason}");
        }
    }

    /// <summary>Streams the records in calls of at most <see cref="ClientStreams.RecordsPerCall"/> and adds their summaries up.</summary>
    public static Task<FeedSummary> StreamAsync<TRecord>(Func<AsyncClientStreamingCall<TRecord, FeedSummary>> open, IEnumerable<TRecord> records, CancellationToken cancellationToken) =>
        ClientStreams.SendInCallsAsync(open, records, new FeedSummary(), (total, summary) =>
        {
            total.Received += summary.Received;
            total.Accepted += summary.Accepted;
            total.Rejected += summary.Rejected;
            total.Unchanged += summary.Unchanged;
            total.LargeExpenses += summary.LargeExpenses;
            total.Rejections.AddRange(summary.Rejections);
        }, cancellationToken);

    /// <summary>The year's poverty-protection policy for every household (exists already: fine).</summary>
    private async Task InsureHouseholdsAsync(int year, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            HttpMethod.Post,
            "/api/welfare/protection/policies",
            new { year, insurer = DemoWelfare.Insurer, policyNumber = string.Create(CultureInfo.InvariantCulture, $"FXFPBX{year}"), premiumPerPerson = 60m, illnessSum = 10_000m, schoolingSum = 3_000m, disasterSum = 20_000m },
            cancellationToken);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
        {
            throw new HttpRequestException($"The protection policy was refused: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private async Task<bool> PolicyExistsAsync(int year, CancellationToken cancellationToken) =>
        (await GetAsync("/api/welfare/protection/policies", cancellationToken)).EnumerateArray().Any(p => p.GetProperty("year").GetInt32() == year);

    private async Task<DemoWelfare.Standards> StandardsAsync(int year, CancellationToken cancellationToken)
    {
        var standard = (await GetAsync("/api/welfare/assistance/standards", cancellationToken)).EnumerateArray().FirstOrDefault(s => s.GetProperty("year").GetInt32() == year);
        if (standard.ValueKind != JsonValueKind.Object)
        {
            throw new HttpRequestException($"The welfare pillar has no 低保/特困 standards for {year}: configure Welfare:Assistance:Standards:{year}.");
        }

        return new DemoWelfare.Standards(standard.GetProperty("minimumLivingAnnual").GetDecimal(), standard.GetProperty("extremePovertyAnnual").GetDecimal());
    }

    /// <summary>Members the pillar knows (insured or not) and of them insured this year; while the pillar is not up yet, asks again until the timeout.</summary>
    private async Task<(int People, int Insured)> PeopleAsync(int year, Stopwatch clock, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                var uninsured = await TotalAsync(string.Create(CultureInfo.InvariantCulture, $"/api/welfare/insurance/uninsured?year={year}&pageSize=1"), cancellationToken);
                var figures = await GetAsync(string.Create(CultureInfo.InvariantCulture, $"/api/welfare/insurance/enrolments?year={year}&pageSize=1"), cancellationToken);
                var insured = figures.GetProperty("total").GetInt32();
                return (uninsured + insured, insured);
            }
            catch (HttpRequestException) when (clock.Elapsed < MembersTimeout)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
    }

    private async Task<int> TotalAsync(string path, CancellationToken cancellationToken) => (await GetAsync(path, cancellationToken)).GetProperty("total").GetInt32();

    private async Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken)).Clone();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        return await http.SendAsync(request, cancellationToken);
    }
}
