using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.BadInput;
using Platform.DemoCounty.Cli;
using Platform.Testing;

// The bad-input run against a running platform (bash deploy/start.sh):
//
//   dotnet run --project tests/Platform.BadInput -- --base http://localhost:8080 [--grpc http://localhost:8081]
//       [--per-group 10000] [--seed 1] [--concurrency 8] [--rate 90]
//       [--openapi households=http://127.0.0.1:5101/openapi/v1.json,education=http://127.0.0.1:5111/openapi/v1.json,gateway=http://127.0.0.1:8082/openapi/v1.json]
//       [--postgres "Host=127.0.0.1;Port=5433;Username=postgres"] [--databases households,education]
//       [--client county-office:county-office-secret] [--client education-bureau:education-bureau-secret]
//       [--user township:Demo-township-2026] [--user village:Demo-village-2026]
//
// The credentials default to the local start's demo clients and users (LOCAL USE ONLY). Prints, per
// endpoint group, the requests sent, the answers by status, the server errors (HTTP 5xx, gRPC INTERNAL,
// UNKNOWN, DATA_LOSS, UNIMPLEMENTED) and the whole ID numbers found in answers; then the rows changed in
// the services' databases (every table, counted and fingerprinted before and after). Exit code 0 when
// all three are zero.
var options = Options.Parse(args);
var gateway = new Uri(options.Value("--base", "http://localhost:8080"));
var grpcAddress = new Uri(options.Value("--grpc", "http://localhost:8081"));
var perGroup = int.Parse(options.Value("--per-group", "10000"), CultureInfo.InvariantCulture);
var seed = int.Parse(options.Value("--seed", "1"), CultureInfo.InvariantCulture);
var concurrency = int.Parse(options.Value("--concurrency", "8"), CultureInfo.InvariantCulture);
var rate = double.Parse(options.Value("--rate", "90"), CultureInfo.InvariantCulture);
var openApi = options.Value("--openapi", "households=http://127.0.0.1:5101/openapi/v1.json,education=http://127.0.0.1:5111/openapi/v1.json,gateway=http://127.0.0.1:8082/openapi/v1.json");
var clients = options.Values("--client", ["county-office:county-office-secret", "education-bureau:education-bureau-secret"]);
var users = options.Values("--user", ["township:Demo-township-2026", "village:Demo-village-2026"]);
var postgres = options.Value("--postgres", "Host=127.0.0.1;Port=5433;Username=postgres");
var databases = options.Value("--databases", "households,education").Split(',', StringSplitOptions.RemoveEmptyEntries);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var callers = new List<RunCaller>();
foreach (var client in clients)
{
    var (id, secret) = Split(client);
    using var http = new HttpClient { BaseAddress = gateway };
    var token = await GatewayClient.GetClientCredentialsTokenAsync(http, new Uri(gateway, "/connect/token"), id, secret, cancel.Token);
    var rest = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(2) };
    rest.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    GrpcChannel Channel() => GrpcChannel.ForAddress(grpcAddress, new GrpcChannelOptions
    {
        Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("Authorization", "Bearer " + token);
            return Task.CompletedTask;
        })),
        UnsafeUseInsecureChannelCallCredentials = true,
        MaxSendMessageSize = null,
    });
    callers.Add(new RunCaller("client " + id, rest, Channel(), Channel, null, rate));
}

foreach (var user in users)
{
    var (name, password) = Split(user);
    var cookies = new CookieContainer();
    var rest = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(2) };
    rest.DefaultRequestHeaders.Add(PortalHeaderHandler.Header, "1");
    using (var signIn = await rest.PostAsJsonAsync(new Uri("/portal/sign-in", UriKind.Relative), new { userName = name, password }, cancel.Token))
    {
        signIn.EnsureSuccessStatusCode();
    }

    var me = JsonNode.Parse(await rest.GetStringAsync(new Uri("/portal/me", UriKind.Relative), cancel.Token)) as JsonObject;
    var place = me?["township"]?.ToString() ?? me?["village"]?.ToString()?[..9];
    GrpcChannel Channel() => GrpcChannel.ForAddress(grpcAddress, new GrpcChannelOptions
    {
        HttpHandler = new PortalHeaderHandler(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true }),
        MaxSendMessageSize = null,
    });
    callers.Add(new RunCaller("user " + name, rest, Channel(), Channel, place, rate));
}

var documents = new List<(string, JsonObject)>();
foreach (var entry in openApi.Split(',', StringSplitOptions.RemoveEmptyEntries))
{
    var (service, url) = Split(entry, '=');
    documents.Add((service, (JsonObject)JsonNode.Parse(await callers[0].Rest.GetStringAsync(new Uri(url), cancel.Token))!));
}

var rows = new DatabaseRows(databases.Select(d => $"{postgres};Database={d}"));
Console.WriteLine("Waiting until the services are still, then counting every table…");
var before = await rows.SettledAsync(TimeSpan.FromMinutes(10));
var landscape = await BadInputRun.DiscoverAsync(callers[0].Rest, callers.FirstOrDefault(c => c.Township is not null)?.Township, cancel.Token);
// The reveals of the discovery are reads (audited); what the run itself changes is counted from here.
before = await rows.SettledAsync(TimeSpan.FromMinutes(10));
var operations = BadInputRun.RestOperations(documents);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{operations.Count} REST operations, {GrpcCalls.Methods().Count} gRPC methods; {callers.Count} callers; {landscape.Objects.Count} real ids and codes; {perGroup} requests per group"));
var reports = await BadInputRun.RunAsync(operations, callers, landscape, perGroup, seed, concurrency, Console.Out, cancel.Token);
var after = await rows.SettledAsync(TimeSpan.FromMinutes(10));
var (rowsChanged, tablesChangedInPlace) = DatabaseRows.Changes(before, after);

Console.WriteLine();
Console.WriteLine($"{"group",-45} {"requests",9} {"5xx",5} {"IDs",5}  answers");
foreach (var report in reports)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{report.Group,-45} {report.Requests,9} {report.ServerErrors,5} {report.IdNumbers,5}  {string.Join(", ", report.Statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}×{s.Value}"))}"));
}

var total = reports.Sum(r => r.Requests);
var serverErrors = reports.Sum(r => r.ServerErrors);
var idNumbers = reports.Sum(r => r.IdNumbers);
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{total} requests in {reports.Count} groups: {serverErrors} server errors, {rowsChanged} rows added or deleted and {tablesChangedInPlace} tables changed in place, {idNumbers} whole ID numbers in answers ({reports.Sum(r => r.AuditedReveals)} audited reveals answered whole, by design)."));
foreach (var difference in DatabaseRows.Differences(before, after))
{
    Console.WriteLine("    changed: " + difference);
}

foreach (var caller in callers)
{
    caller.Rest.Dispose();
    caller.Grpc.Dispose();
}

return serverErrors == 0 && rowsChanged == 0 && tablesChangedInPlace == 0 && idNumbers == 0 ? 0 : 1;

static (string, string) Split(string pair, char separator = ':')
{
    var at = pair.IndexOf(separator, StringComparison.Ordinal);
    return at < 0 ? throw new ArgumentException($"expected name{separator}value, got '{pair}'") : (pair[..at], pair[(at + 1)..]);
}

/// <summary>"--name value" options; a name may repeat.</summary>
internal sealed class Options(ILookup<string, string> values)
{
    public static Options Parse(string[] args) =>
        new(Enumerable.Range(0, args.Length / 2).Select(i => (args[2 * i], args[(2 * i) + 1])).ToLookup(p => p.Item1, p => p.Item2, StringComparer.Ordinal));

    public string Value(string name, string fallback) => values[name].LastOrDefault() ?? fallback;

    public IReadOnlyList<string> Values(string name, IReadOnlyList<string> fallback) => values[name].Any() ? values[name].ToList() : fallback;
}
