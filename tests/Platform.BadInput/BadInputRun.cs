using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using Grpc.Net.Client;
using Google.Protobuf.Reflection;
using Platform.Testing;

namespace Platform.BadInput;

/// <summary>
/// Who sends: a name, a REST client and a gRPC channel to the gateway (with its credentials), a way to
/// open another gRPC connection with the same credentials, the township it is bound to (then it gets
/// other townships' ids), and how many requests a second the gateway lets it send.
/// </summary>
public sealed record RunCaller(string Name, HttpClient Rest, GrpcChannel Grpc, Func<GrpcChannel> NewGrpcChannel, string? Township, double PermitsPerSecond);

/// <summary>What one endpoint group got: requests, answers by status, server errors, whole ID numbers.</summary>
public sealed class GroupReport(string group)
{
    private readonly ConcurrentDictionary<string, int> statuses = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> failures = new();
    private readonly ConcurrentQueue<string> notes = new();
    private int requests;
    private int serverErrors;
    private int idNumbers;
    private int reveals;

    public string Group { get; } = group;

    public int Requests => requests;

    /// <summary>HTTP 5xx or no answer; gRPC INTERNAL, UNKNOWN, DATA_LOSS, UNIMPLEMENTED, or no answer within a minute.</summary>
    public int ServerErrors => serverErrors;

    /// <summary>Whole, valid resident ID numbers in answers (the audited reveal's own answer aside).</summary>
    public int IdNumbers => idNumbers;

    /// <summary>Answers of the audited reveal that showed a number whole, by design (kept apart from <see cref="IdNumbers"/>).</summary>
    public int AuditedReveals => reveals;

    public IReadOnlyDictionary<string, int> Statuses => statuses;

    /// <summary>The first few server errors and leaks, to see what to fix.</summary>
    public IReadOnlyCollection<string> Failures => failures;

    /// <summary>What the run saw besides its counts (a call made a second time, say).</summary>
    public IReadOnlyCollection<string> Notes => notes;

    internal void Note(string what)
    {
        if (notes.Count < 10)
        {
            notes.Enqueue(what);
        }
    }

    internal void Record(string status, bool serverError, int numbers, bool reveal, string what)
    {
        Interlocked.Increment(ref requests);
        statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        if (serverError)
        {
            Interlocked.Increment(ref serverErrors);
        }

        if (reveal && numbers > 0)
        {
            Interlocked.Increment(ref reveals);
        }
        else if (numbers > 0)
        {
            Interlocked.Add(ref idNumbers, numbers);
        }

        if ((serverError || (!reveal && numbers > 0)) && failures.Count < 10)
        {
            failures.Enqueue($"{status}: {what}");
        }
    }
}

/// <summary>
/// The bad-input run over the whole surface: REST operations from the services' OpenAPI documents and
/// gRPC methods from the protos, grouped (REST by service and tag, gRPC by service), at least
/// <c>perGroup</c> requests per group spread over the group's operations and the callers, each caller
/// paced under the gateway's rate limit.
/// </summary>
public static class BadInputRun
{
    /// <summary>
    /// Operations no input can make bad: every field optional, a body of unknown fields or none at all is a valid
    /// request that writes (re-announcing the county's households to the pillars: CatchUpScenario and the matrix test it).
    /// </summary>
    private static readonly (string Method, string Path)[] NoBadInput = [("POST", "/api/households/announcements")];

    /// <summary>The REST operations of some OpenAPI documents (service name → document).</summary>
    public static IReadOnlyList<ApiOperation> RestOperations(IEnumerable<(string Service, JsonObject Document)> documents) =>
        documents.SelectMany(d => RestSurface.Read(d.Service, d.Document))
            .Where(o => !NoBadInput.Contains((o.Method.ToUpperInvariant(), o.Path)))
            .ToList();

    public static async Task<IReadOnlyList<GroupReport>> RunAsync(
        IReadOnlyList<ApiOperation> rest,
        IReadOnlyList<RunCaller> callers,
        Landscape landscape,
        int perGroup,
        int seed,
        int concurrency,
        TextWriter? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rest);
        ArgumentNullException.ThrowIfNull(callers);
        var pacers = callers.ToDictionary(c => c.Name, c => new Pacer(c.PermitsPerSecond));
        var refused = new HashSet<(string Caller, string Method)>();
        foreach (var caller in callers)
        {
            foreach (var method in GrpcCalls.Methods())
            {
                if (await GrpcCalls.IsRefusedAsync(caller.Grpc.CreateCallInvoker(), method, cancellationToken))
                {
                    refused.Add((caller.Name, GrpcCalls.PathOf(method)));
                }
            }
        }

        var groups = rest.GroupBy(o => o.Group).Select(g => (Name: g.Key, Send: Cycle(g.ToList(), SendRestAsync)))
            .Concat(GrpcCalls.Methods().GroupBy(m => m.Service.FullName).Select(g => (Name: "gRPC " + g.Key, Send: Cycle(g.ToList(), SendGrpcAsync))))
            .ToList();
        var reports = new List<GroupReport>();
        var clock = Stopwatch.StartNew();
        foreach (var (group, index) in groups.Select((g, i) => (g, i)))
        {
            var report = new GroupReport(group.Name);
            reports.Add(report);
            await Parallel.ForEachAsync(
                Enumerable.Range(0, perGroup),
                new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
                async (i, _) => await group.Send(i, new Random(HashCode.Combine(seed, index, i)), report));
            progress?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{report.Group,-45} {report.Requests,7} requests  {report.ServerErrors,3} server errors  {report.IdNumbers,3} ID numbers  ({clock.Elapsed.TotalSeconds:0} s)"));
            foreach (var failure in report.Failures)
            {
                progress?.WriteLine("    " + failure);
            }

            foreach (var note in report.Notes)
            {
                progress?.WriteLine("    " + "note: " + note);
            }
        }

        return reports;

        RunCaller Choose(Random random) => callers[random.Next(callers.Count)];

        // The i-th request of a group goes to its operations in turn.
        static Func<int, Random, GroupReport, Task> Cycle<T>(List<T> operations, Func<T, Random, GroupReport, Task> send) =>
            (i, random, report) => send(operations[i % operations.Count], random, report);

        async Task SendRestAsync(ApiOperation operation, Random random, GroupReport report)
        {
            var caller = Choose(random);
            using var request = RestRequests.Create(operation, random, landscape, caller.Township);
            var what = $"{caller.Name} {request.Method} {Shorten(request.RequestUri!.ToString())}";
            await pacers[caller.Name].WaitAsync(cancellationToken);
            try
            {
                using var response = await caller.Rest.SendAsync(request, cancellationToken).WaitAsync(TimeSpan.FromSeconds(90), cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                var code = (int)response.StatusCode;
                var reveal = code == 200 && operation.Path.EndsWith("/identity", StringComparison.Ordinal);
                report.Record(code.ToString(CultureInfo.InvariantCulture), code >= 500, IdNumbersIn(text), reveal, $"{what} → {Shorten(text)}");
            }
            catch (TimeoutException)
            {
                report.Record("no answer within 90 s", true, 0, false, what);
            }
            catch (HttpRequestException error)
            {
                // Kestrel may answer 413 and close before a body over the limit is sent: the client sees the connection go.
                var tooLarge = request.Content?.Headers.ContentLength > 1024 * 1024;
                report.Record(tooLarge ? "connection closed (body over 1 MiB)" : "no answer", !tooLarge, 0, false, $"{what} → {error.Message}");
            }
        }

        async Task SendGrpcAsync(MethodDescriptor method, Random random, GroupReport report)
        {
            var caller = Choose(random);
            await pacers[caller.Name].WaitAsync(cancellationToken);
            (StatusCode Status, string Text) answer;
            // The call's messages come from a seed of their own, so that a call that never ends can be made again as it was.
            var seed = random.Next();
            var isRefused = refused.Contains((caller.Name, GrpcCalls.PathOf(method)));
            try
            {
                // Bounded by a timer of its own: a call must never keep the run waiting.
                answer = await GrpcCalls.CallAsync(caller.Grpc.CreateCallInvoker(), caller.NewGrpcChannel, method, isRefused, new Random(seed), landscape, caller.Township, cancellationToken)
                    .WaitAsync(TimeSpan.FromSeconds(90), cancellationToken);
            }
            catch (TimeoutException)
            {
                // Once in a few thousand calls on a loaded machine the client's HTTP/2 stream stalls past its own
                // cancellation: the same call again on a connection of its own tells a server that never answers
                // (counted as an error) from a client that lost its stream.
                try
                {
                    using var channel = caller.NewGrpcChannel();
                    answer = await GrpcCalls.CallAsync(channel.CreateCallInvoker(), caller.NewGrpcChannel, method, isRefused, new Random(seed), landscape, caller.Township, cancellationToken)
                        .WaitAsync(TimeSpan.FromSeconds(90), cancellationToken);
                    report.Note($"{caller.Name} {GrpcCalls.PathOf(method)}: the first attempt had no answer within 90 s, the same call again: {answer.Status}");
                }
                catch (TimeoutException)
                {
                    answer = (StatusCode.DeadlineExceeded, "no answer within 90 s, twice");
                }
            }

            var (status, text) = answer;
            var serverError = status is StatusCode.Internal or StatusCode.Unknown or StatusCode.DataLoss or StatusCode.Unimplemented or StatusCode.DeadlineExceeded;
            report.Record(status.ToString(), serverError, IdNumbersIn(text), false, $"{caller.Name} {GrpcCalls.PathOf(method)} → {Shorten(text)}");
        }
    }

    /// <summary>
    /// Finds what exists as the county (and, for a caller bound to a township, the whole numbers of a
    /// few people of other townships, through the audited reveal): ids, codes, household numbers.
    /// </summary>
    public static async Task<Landscape> DiscoverAsync(HttpClient county, string? townshipOfBoundCaller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(county);
        var landscape = new Landscape();
        async Task<JsonElement> GetAsync(string path) => JsonDocument.Parse(await county.GetStringAsync(new Uri(path, UriKind.Relative), cancellationToken)).RootElement;

        foreach (var township in (await GetAsync("/api/households/townships")).EnumerateArray())
        {
            landscape.Add(Landscape.Township, township.GetProperty("code").GetString()!, township.GetProperty("code").GetString()!);
        }

        foreach (var village in (await GetAsync("/api/households/villages?pageSize=200")).GetProperty("items").EnumerateArray())
        {
            landscape.Add(Landscape.Village, village.GetProperty("code").GetString()!, village.GetProperty("code").GetString()!);
        }

        var households = (await GetAsync("/api/households?pageSize=200")).GetProperty("items").EnumerateArray().ToList();
        foreach (var household in households)
        {
            var (id, village) = (household.GetProperty("id").GetString()!, household.GetProperty("villageCode").GetString()!);
            landscape.Add(Landscape.Household, id, village);
            landscape.Add(Landscape.HouseholdNumber, household.GetProperty("householdNumber").GetString()!, village);
        }

        // Members and training records of a spread of households, and whole numbers of a few outside the bound caller's township.
        var revealed = 0;
        foreach (var household in households.Where((_, i) => i % Math.Max(1, households.Count / 40) == 0))
        {
            var (id, village) = (household.GetProperty("id").GetString()!, household.GetProperty("villageCode").GetString()!);
            var detail = await GetAsync($"/api/households/{id}");
            foreach (var member in detail.GetProperty("members").EnumerateArray())
            {
                var memberId = member.GetProperty("id").GetString()!;
                landscape.Add(Landscape.Member, memberId, village);
                if (townshipOfBoundCaller is not null && !village.StartsWith(townshipOfBoundCaller, StringComparison.Ordinal) && revealed < 6)
                {
                    using var reveal = await county.PostAsJsonAsync(
                        $"/api/households/{id}/members/{memberId}/identity", new { reason = "坏输入测试：取其他辖区人员的完整身份证号码，用作越权请求" }, cancellationToken);
                    if (reveal.IsSuccessStatusCode)
                    {
                        landscape.Add(Landscape.IdNumber, JsonDocument.Parse(await reveal.Content.ReadAsStringAsync(cancellationToken)).RootElement.GetProperty("idNumber").GetString()!, village);
                        revealed++;
                    }
                }
            }

            using var training = await county.GetAsync(new Uri($"/api/education/households/{id}/training", UriKind.Relative), cancellationToken);
            if (training.IsSuccessStatusCode)
            {
                foreach (var enrolment in JsonDocument.Parse(await training.Content.ReadAsStringAsync(cancellationToken)).RootElement.EnumerateArray())
                {
                    landscape.Add(Landscape.Enrolment, enrolment.GetProperty("id").GetString()!, enrolment.GetProperty("villageCode").GetString()!);
                }
            }
        }

        foreach (var student in (await GetAsync("/api/education/students?pageSize=200")).GetProperty("items").EnumerateArray())
        {
            landscape.Add(Landscape.Student, student.GetProperty("id").GetString()!, student.GetProperty("villageCode").GetString()!);
        }

        foreach (var status in new[] { "open", "closed" })
        {
            foreach (var dropout in (await GetAsync($"/api/education/dropouts?status={status}&pageSize=200")).GetProperty("items").EnumerateArray())
            {
                landscape.Add(Landscape.Case, dropout.GetProperty("id").GetString()!, dropout.GetProperty("villageCode").GetString()!);
            }
        }

        foreach (var course in (await GetAsync("/api/education/training/courses?pageSize=200")).GetProperty("items").EnumerateArray())
        {
            landscape.Add(Landscape.Course, course.GetProperty("id").GetString()!, course.GetProperty("townshipCode").GetString()!);
        }

        return landscape;
    }

    /// <summary>Whole, valid resident ID numbers (GB 11643, check character and all) in a text.</summary>
    public static int IdNumbersIn(string text) => TelemetryRecorder.ResidentIdNumbersIn([text]).Count;

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    /// <summary>Spaces a caller's requests evenly at its permitted rate (the gateway's token bucket is per caller).</summary>
    private sealed class Pacer(double perSecond)
    {
        private readonly Lock gate = new();
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly TimeSpan interval = TimeSpan.FromSeconds(1 / perSecond);
        private TimeSpan next;

        public Task WaitAsync(CancellationToken cancellationToken)
        {
            TimeSpan wait;
            lock (gate)
            {
                var now = clock.Elapsed;
                next = next < now ? now : next;
                wait = next - now;
                next += interval;
            }

            return wait > TimeSpan.Zero ? Task.Delay(wait, cancellationToken) : Task.CompletedTask;
        }
    }
}
