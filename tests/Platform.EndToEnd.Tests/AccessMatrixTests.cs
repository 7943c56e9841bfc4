using System.Net;
using System.Reflection;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The role × scope matrix (<see cref="AccessMatrix"/>) against the running platform through the
/// gateway: every REST endpoint and every gRPC method, for every role and client, inside and outside
/// the data scope. "Allowed" is the row's own success status for a valid request; "refused" is exactly
/// 403 or 404 (PERMISSION_DENIED or NOT_FOUND), and a refused call — the same valid request an allowed
/// caller makes with success — changes no row of any service's database.
/// </summary>
public sealed class AccessMatrixTests(PlatformFixture platform, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<PlatformFixture>
{
    /// <summary>Endpoints that are not the API the roles use, by path prefix, and why they are not in the matrix.</summary>
    private static readonly (string Prefix, string Why)[] NotTheApi =
    [
        ("/health", "health probes (anonymous on the services' own ports)"),
        ("/metrics", "Prometheus scraping"),
        ("/openapi", "the OpenAPI documents"),
        ("/connect/", "the token issuer (AccessScenarios: clients, scopes, bad tokens)"),
        ("/.well-known/", "the issuer's discovery and keys"),
        ("/portal/", "portal sign-in, sign-out and session (AccessScenarios, PortalTests)"),
        ("{*path:nonfile}", "the built portal's index.html for its pages' addresses, anonymous and without data (PortalHosting)"),
    ];

    /// <summary>Refused calls between two counts of every table (PLATFORM_ACCESS_MATRIX_GROUP, default 25).</summary>
    private static readonly int RefusedPerCount =
        int.TryParse(Environment.GetEnvironmentVariable("PLATFORM_ACCESS_MATRIX_GROUP"), System.Globalization.CultureInfo.InvariantCulture, out var group) && group > 0 ? group : 25;

    /// <summary>gRPC's own answer (UNIMPLEMENTED) for a service or method no proto declares.</summary>
    private const string UnimplementedGrpc = "{unimplementedMethod:grpcunimplemented}";

    [Fact]
    public void Every_rest_endpoint_and_every_grpc_method_has_a_row_in_the_matrix()
    {
        var endpoints = new[]
            {
                platform.Households.Services, platform.Education.Services, platform.Gateway.Services,

                // The industry pillar
                platform.Industry.Services,

                // The welfare pillar
                platform.Welfare.Services,

                // The ecology pillar
                platform.Ecology.Services,

                // The relocation pillar
                platform.Relocation.Services,
            }
            .SelectMany(services => services.GetRequiredService<EndpointDataSource>().Endpoints)
            .OfType<RouteEndpoint>()
            .ToList();
        var problems = new List<string>();

        // REST: what the hosts serve under /api (the gateway's proxy routes lead to the services' own endpoints).
        var rest = endpoints
            .Where(e => e.Metadata.GetMetadata<GrpcMethodMetadata>() is null && !IsProxyRoute(e)
                && e.RoutePattern.RawText?.EndsWith(UnimplementedGrpc, StringComparison.Ordinal) != true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => (Method: m, Pattern: e.RoutePattern.RawText ?? "")))
            .ToHashSet();
        var api = rest.Where(e => e.Pattern.StartsWith("/api/", StringComparison.Ordinal)).ToHashSet();
        var rows = AccessMatrix.Rest.Select(r => (r.Method, r.Pattern)).ToHashSet();
        problems.AddRange(api.Except(rows).Select(e => $"no matrix row for {e.Method} {e.Pattern}"));
        problems.AddRange(rows.Except(api).Select(e => $"matrix row for an endpoint no host serves: {e.Method} {e.Pattern}"));
        problems.AddRange(rest.Except(api)
            .Where(e => !NotTheApi.Any(n => e.Pattern.StartsWith(n.Prefix, StringComparison.Ordinal)))
            .Select(e => $"an endpoint outside /api that is neither in the matrix nor known: {e.Method} {e.Pattern}"));

        // gRPC: every method of every proto, each served by a host.
        var protoMethods = typeof(HouseholdRegistry).Assembly.GetTypes()
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static))
            .Where(p => p?.PropertyType == typeof(FileDescriptor))
            .SelectMany(p => ((FileDescriptor)p!.GetValue(null)!).Services)
            .SelectMany(s => s.Methods.Select(m => $"/{s.FullName}/{m.Name}"))
            .ToHashSet();
        var served = endpoints.Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.FullName).OfType<string>().ToHashSet();
        var grpcRows = AccessMatrix.Grpc.Select(r => r.Method).ToHashSet();
        Assert.True(protoMethods.Count >= 8, $"only {protoMethods.Count} proto methods found");
        problems.AddRange(protoMethods.Except(grpcRows).Select(m => $"no matrix row for gRPC {m}"));
        problems.AddRange(grpcRows.Except(protoMethods).Select(m => $"matrix row for a gRPC method no proto declares: {m}"));
        problems.AddRange(protoMethods.Except(served).Select(m => $"gRPC {m} is declared but no host serves it (callers would get UNIMPLEMENTED)"));

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task Every_caller_gets_exactly_its_rights_on_every_endpoint_and_method_and_a_refused_call_changes_nothing()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var callers = new Callers(platform.Gateway);
        var sessions = new Dictionary<string, Callers.Session>();
        foreach (var caller in Callers.All)
        {
            sessions[caller] = await callers.OpenAsync(caller);
        }

        try
        {
            var world = new MatrixWorld(platform, sessions[Callers.ClientPrefix + "county-office"]);
            await world.StartAsync();
            output.WriteLine($"sessions and world: {clock.Elapsed.TotalSeconds:F1} s");

            // Every call prepared first (the objects they are about made by the county office)...
            var cases = new List<Case>();
            var prepared = new Dictionary<string, (int, double)>();
            var refusedRequests = new Dictionary<(RestRow, Target), Func<HttpRequestMessage>>();
            foreach (var caller in Callers.All)
            {
                foreach (var row in AccessMatrix.Rest)
                {
                    foreach (var target in TargetsOf(caller, row.Place))
                    {
                        var expected = row.Unless?.Invoke(caller, target) ?? AccessMatrix.Expected(row.Right, row.Place, row.Success, caller, target);
                        HttpRequestMessage request;
                        if (expected is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
                        {
                            // A refused call writes nothing, so every caller refused on this row and target sends the
                            // same valid request about the same objects, made once (a request per refused caller made
                            // about half the objects of the world, each registered household announced to every pillar).
                            if (!refusedRequests.TryGetValue((row, target), out var copy))
                            {
                                var built = System.Diagnostics.Stopwatch.StartNew();
                                refusedRequests[(row, target)] = copy = await CopyableAsync(await row.Build(world, caller, target));
                                Took(prepared, row.ToString(), built);
                            }

                            request = copy();
                        }
                        else
                        {
                            var built = System.Diagnostics.Stopwatch.StartNew();
                            request = await row.Build(world, caller, target);
                            Took(prepared, row.ToString(), built);
                        }

                        var rest = sessions[caller].Rest;
                        var workbook = row.Workbook;
                        cases.Add(new Case($"{caller} × {row} ({target})", expected, async () =>
                        {
                            using var response = await rest.SendAsync(request);
                            var mediaType = response.Content.Headers.ContentType?.MediaType;
                            var problem = mediaType == "application/problem+json";
                            if (workbook && response.StatusCode == HttpStatusCode.OK && !await IsWorkbookAsync(response))
                            {
                                return $"200 with {mediaType}, not a workbook";
                            }

                            return ((int)response.StatusCode >= 400 && !problem) ? $"{(int)response.StatusCode} without problem details" : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                        }));
                    }
                }

                foreach (var row in AccessMatrix.Grpc)
                {
                    foreach (var target in TargetsOf(caller, row.Place))
                    {
                        var expected = AccessMatrix.Expected(row.Right, row.Place, HttpStatusCode.OK, caller, target);
                        var built = System.Diagnostics.Stopwatch.StartNew();
                        var call = await row.Call(world, sessions[caller].Grpc, target);
                        Took(prepared, "gRPC " + row, built);
                        cases.Add(new Case($"{caller} × gRPC {row} ({target})", expected, async () =>
                        {
                            try
                            {
                                return await call() ? "200" : "OK but not done";
                            }
                            catch (RpcException error)
                            {
                                return error.StatusCode switch
                                {
                                    StatusCode.PermissionDenied => "403",
                                    StatusCode.NotFound => "404",
                                    var other => other.ToString(),
                                };
                            }
                        }));
                    }
                }
            }

            // ...then the refused ones on still databases, every table counted before and after each group of them (a
            // count of every table after each single call was most of this test's five minutes): a group that wrote
            // names its calls, and PLATFORM_ACCESS_MATRIX_GROUP=1 counts around each call to find the one...
            output.WriteLine($"{cases.Count} cases prepared: {clock.Elapsed.TotalSeconds:F1} s");
            var mismatches = new List<string>();
            var rows = new DatabaseRows(platform.ServiceDatabases);
            var counts = await rows.SettledAsync(TimeSpan.FromSeconds(90));
            var refused = cases.Where(c => c.Expected is HttpStatusCode.Forbidden or HttpStatusCode.NotFound).ToList();
            foreach (var group in refused.Chunk(RefusedPerCount))
            {
                // A group's refusals side by side: they write nothing, so their order does not matter (this did not
                // shorten the test measurably in CI, where the two cores, not the waiting, bound it).
                mismatches.AddRange((await Task.WhenAll(group.Select(MismatchAsync))).OfType<string>());

                var after = await rows.CountAsync();
                var wrote = DatabaseRows.Differences(counts, after);
                if (wrote.Count > 0)
                {
                    var who = group.Length == 1 ? group[0].Name : $"one of {string.Join("; ", group.Select(c => c.Name))}";
                    mismatches.AddRange(wrote.Select(d => $"{who} was refused but wrote {d}"));
                }

                counts = after;
            }

            output.WriteLine($"{refused.Count} refused calls sent and counted: {clock.Elapsed.TotalSeconds:F1} s");

            // ...then the allowed ones.
            foreach (var allowed in cases.Except(refused))
            {
                if (await MismatchAsync(allowed) is { } mismatch)
                {
                    mismatches.Add(mismatch);
                }
            }

            output.WriteLine($"allowed calls sent: {clock.Elapsed.TotalSeconds:F1} s");
            foreach (var (name, (n, seconds)) in prepared.OrderByDescending(p => p.Value.Item2).Take(25))
            {
                output.WriteLine($"prepare {seconds,7:F1} s {n,4} × {name}");
            }

            foreach (var (name, (n, seconds)) in Sent.OrderByDescending(p => p.Value.Item2).Take(25))
            {
                output.WriteLine($"send    {seconds,7:F1} s {n,4} × {name}");
            }
            Assert.True(refused.Count > 100 && cases.Count - refused.Count > 100, $"{refused.Count} refused and {cases.Count - refused.Count} allowed calls prove too little");
            Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {cases.Count} calls:{Environment.NewLine}{string.Join(Environment.NewLine, mismatches)}");
        }
        finally
        {
            foreach (var session in sessions.Values)
            {
                session.Dispose();
            }
        }
    }

    /// <summary>Copies of a request, each to be sent once: its method, address, headers and body.</summary>
    private static async Task<Func<HttpRequestMessage>> CopyableAsync(HttpRequestMessage request)
    {
        using (request)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync();
            var contentHeaders = request.Content?.Headers.ToList() ?? [];
            var headers = request.Headers.ToList();
            var (method, address) = (request.Method, request.RequestUri);
            return () =>
            {
                var copy = new HttpRequestMessage(method, address);
                foreach (var (name, values) in headers)
                {
                    copy.Headers.TryAddWithoutValidation(name, values);
                }

                if (body is not null)
                {
                    copy.Content = new ByteArrayContent(body);
                    foreach (var (name, values) in contentHeaders)
                    {
                        copy.Content.Headers.TryAddWithoutValidation(name, values);
                    }
                }

                return copy;
            };
        }
    }

    /// <summary>An .xlsx answer: its media type, and a body that opens as a workbook with a header row.</summary>
    private static async Task<bool> IsWorkbookAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != Platform.ServiceDefaults.Export.ExcelExport.ContentType)
        {
            return false;
        }

        await using var body = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var header = MiniExcelLibs.MiniExcel.Query(body).Cast<IDictionary<string, object?>>().FirstOrDefault();
        return header is not null && header.Values.Count(v => v is string { Length: > 0 }) > 1;
    }

    private static IEnumerable<Target> TargetsOf(string caller, Place place) =>
        place != Place.None && AccessMatrix.IsPlaceBound(caller) ? [Target.Inside, Target.Outside] : [Target.Inside];

    private static bool IsProxyRoute(RouteEndpoint endpoint) =>
        endpoint.Metadata.Any(m => m.GetType().Namespace?.StartsWith("Yarp.ReverseProxy", StringComparison.Ordinal) == true);

    private static readonly Dictionary<string, (int, double)> Sent = [];

    private static void Took(Dictionary<string, (int, double)> times, string name, System.Diagnostics.Stopwatch clock)
    {
        lock (times)
        {
            var (n, s) = times.GetValueOrDefault(name);
            times[name] = (n + 1, s + clock.Elapsed.TotalSeconds);
        }
    }

    /// <summary>The case's call, and what it got when that is not what the matrix expects (null when it is).</summary>
    private static async Task<string?> MismatchAsync(Case @case)
    {
        var sent = System.Diagnostics.Stopwatch.StartNew();
        var actual = await @case.Send();
        Took(Sent, @case.Name[(@case.Name.IndexOf('×', StringComparison.Ordinal) + 2)..], sent);
        var expected = ((int)@case.Expected).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return actual == expected ? null : $"{@case.Name}: expected {expected}, got {actual}";
    }

    private sealed record Case(string Name, HttpStatusCode Expected, Func<Task<string>> Send);
}
