using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Contracts;
using Platform.Contracts.Grpc.Education.V1;

namespace Platform.DemoCounty;

/// <summary>What the education load did, step by step.</summary>
public sealed record EducationLoadSummary(
    int Students,
    SchoolRollSummary? Rolls,
    AidGrantSummary? Grants,
    int FacilitiesCreated,
    int CoursesCreated,
    TrainingResultSummary? Training,
    bool AlreadyLoaded);

/// <summary>
/// Loads the demo county's education data through the gateway once the registry's households have
/// reached the education pillar: school rolls, this term's aid grants and training results over the
/// pillar's gRPC bulk feeds, facilities and courses over REST. Safe to repeat: what is there already
/// is recognised (grants granted already, results recorded already, facilities and courses that exist).
/// </summary>
public sealed class DemoEducationLoader(HttpClient http, GrpcChannel channel, string accessToken, TextWriter output)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>How long to wait for the pillar to know every student (registry events in flight).</summary>
    public TimeSpan StudentsTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public IProgress<LoadProgress>? Progress { get; init; }

    public async Task<EducationLoadSummary> LoadAsync(DemoEducation education, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(education);
        var c = CultureInfo.InvariantCulture;
        var clock = Stopwatch.StartNew();
        var figures = await FiguresWhenReadyAsync(clock, cancellationToken);
        if (IsLoaded(figures))
        {
            output.WriteLine("Education: the demo county's education data is loaded already, nothing to do. 教育扶贫演示数据已导入，跳过。");
            return new EducationLoadSummary(figures.GetProperty("students").GetProperty("total").GetInt32(), null, null, 0, 0, null, true);
        }

        var expected = education.StudentCount;
        output.WriteLine(string.Create(c, $"Education: waiting until the pillar knows the county's {expected:N0} students (from the registry's events)…"));
        var known = 0;
        while (true)
        {
            known = (await FiguresWhenReadyAsync(clock, cancellationToken)).GetProperty("students").GetProperty("total").GetInt32();
            Progress?.Report(new LoadProgress(known, expected, clock.Elapsed, known >= expected));
            if (known >= expected)
            {
                break;
            }

            if (clock.Elapsed > StudentsTimeout)
            {
                throw new TimeoutException(string.Create(c, $"The education pillar knows {known:N0} of {expected:N0} students after {StudentsTimeout.TotalMinutes:0} min."));
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        var headers = new Metadata { { "authorization", $"Bearer {accessToken}" } };
        output.WriteLine("Education: school rolls (学籍) with a handful of dropouts…");
        var rolls = await StreamAsync(new SchoolRolls.SchoolRollsClient(channel).ImportSchoolRolls(headers, cancellationToken: cancellationToken), education.SchoolRolls().ToList(), cancellationToken);
        output.WriteLine(string.Create(c, $"  {rolls.Accepted:N0} accepted, {rolls.Rejected:N0} rejected, {rolls.CasesOpened} dropout cases opened."));

        output.WriteLine("Education: this term's student aid (资助)…");
        var grants = await StreamAsync(new StudentAid.StudentAidClient(channel).ImportAidGrants(headers, cancellationToken: cancellationToken), education.AidGrants().ToList(), cancellationToken);
        output.WriteLine(string.Create(c, $"  {grants.Accepted:N0} granted, {grants.AlreadyGranted:N0} granted before, {grants.Rejected - grants.AlreadyGranted:N0} rejected."));

        var facilities = 0;
        foreach (var (kind, name, village, served) in education.Facilities())
        {
            using var response = await http.PostAsJsonAsync("/api/education/facilities", new { kind, name, villageCode = village, servedVillages = served }, Json, cancellationToken);
            facilities += response.StatusCode == HttpStatusCode.Created ? 1 : 0;
            if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
            {
                throw new HttpRequestException($"Creating the facility {name} failed: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }

        output.WriteLine(string.Create(c, $"Education: {facilities} village kindergartens and care centres registered (村级幼儿园、留守儿童关爱中心)."));

        var courses = await CoursesAsync(cancellationToken);
        var created = 0;
        foreach (var course in education.Courses())
        {
            if (courses.ContainsKey((course.TownshipCode, course.Name)))
            {
                continue;
            }

            using var response = await http.PostAsJsonAsync(
                "/api/education/training/courses",
                new { name = course.Name, trade = course.Trade, townshipCode = course.TownshipCode, startsOn = course.StartsOn, endsOn = course.EndsOn, organiser = "房县人力资源和社会保障局" },
                Json,
                cancellationToken);
            response.EnsureSuccessStatusCode();
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken)).GetProperty("id").GetGuid();
            courses[(course.TownshipCode, course.Name)] = id;
            created++;
        }

        output.WriteLine(string.Create(c, $"Education: {created} training courses opened; training results (技能培训)…"));
        var results = education.Completions().Select((x, i) => new TrainingResultRecord
        {
            ClientRef = string.Create(c, $"T{i + 1:00000}"),
            IdNumber = x.Member.IdNumber,
            Name = x.Member.Name,
            CourseId = courses[(x.Course.TownshipCode, x.Course.Name)].ToString(),
            CompletedOn = WireText.Date(x.Course.EndsOn),
            Certificate = string.Create(c, $"FX{x.Course.StartsOn.Year}{i + 1:00000}"),
        }).ToList();
        var training = await StreamAsync(new SkillsTraining.SkillsTrainingClient(channel).ImportTrainingResults(headers, cancellationToken: cancellationToken), results, cancellationToken);
        output.WriteLine(string.Create(c, $"  {training.Completed:N0} completions recorded, {training.Unchanged:N0} recorded before, {training.Rejected:N0} rejected."));
        return new EducationLoadSummary(known, rolls, grants, facilities, created, training, false);
    }

    private static bool IsLoaded(JsonElement figures) =>
        figures.GetProperty("kindergartens").GetInt32() >= DemoEducation.Kindergartens
        && figures.GetProperty("careCentres").GetInt32() >= DemoEducation.CareCentres
        && figures.GetProperty("training").GetProperty("personTimes").GetInt32() >= DemoEducation.TrainingPersonTimes
        && figures.GetProperty("aidCoverage").EnumerateArray().All(a => a.GetProperty("covered").GetInt32() > 0 || a.GetProperty("entitled").GetInt32() == 0);

    private Task<TSummary> StreamAsync<TRecord, TSummary>(AsyncClientStreamingCall<TRecord, TSummary> call, IReadOnlyList<TRecord> records, CancellationToken cancellationToken) =>
        ClientStreams.SendAsync(call, records, Progress, cancellationToken);

    /// <summary>The pillar's figures; while the pillar is not up yet (a local start), asks again until the timeout.</summary>
    private async Task<JsonElement> FiguresWhenReadyAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await FiguresAsync(cancellationToken);
            }
            catch (HttpRequestException) when (clock.Elapsed < StudentsTimeout)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
    }

    private async Task<JsonElement> FiguresAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/education/figures");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken)).Clone();
    }

    private async Task<Dictionary<(string Township, string Name), Guid>> CoursesAsync(CancellationToken cancellationToken)
    {
        var courses = new Dictionary<(string, string), Guid>();
        for (var page = 1; ; page++)
        {
            var json = await http.GetFromJsonAsync<JsonElement>(string.Create(CultureInfo.InvariantCulture, $"/api/education/training/courses?page={page}&pageSize=200"), Json, cancellationToken);
            var items = json.GetProperty("items");
            foreach (var item in items.EnumerateArray())
            {
                courses[(item.GetProperty("townshipCode").GetString()!, item.GetProperty("name").GetString()!)] = item.GetProperty("id").GetGuid();
            }

            if (items.GetArrayLength() < 200)
            {
                return courses;
            }
        }
    }
}
