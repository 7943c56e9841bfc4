using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Platform.Messaging;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults.Audit;

// Operators' commands, against the local start's broker, database and gateway by default:
//   errors SERVICE...                      events waiting in each service's error queue, with why (the first 20)
//   requeue SERVICE [--max N]              send them back to the shard queues they came from, oldest first
//   outbox SERVICE...                      each outbox's backlog (due, waiting after a refusal, set aside) and its set-aside rows
//   redrive SERVICE [--sequence N]...      put set-aside outbox rows back in line (all, or the given ones)
//   catch-up SERVICE [--township CODE]     the registry announces its households again to SERVICE (a pillar that joined late)
//   audit-verify                           check the audit log's hash chain, name the first break
// Options: --rabbitmq amqp://user:password@host:port/vhost, --postgres "Host=…;Port=…;Username=…" (the service's
// database is named after it), --gateway http://host:port with --client-id ID --client-secret SECRET (catch-up),
// --audit "Host=…;Database=audit;Username=…" (a role that may read audit.entries and audit.chain_head, e.g. the writer).
var arguments = args.ToList();
var rabbitMq = new Uri(Take(arguments, "--rabbitmq") ?? "amqp://guest:guest@127.0.0.1:5673/");
var postgres = Take(arguments, "--postgres") ?? "Host=127.0.0.1;Port=5433;Username=postgres";
var gateway = new Uri(Take(arguments, "--gateway") ?? "http://localhost:8080");
var clientId = Take(arguments, "--client-id") ?? "county-office";
var clientSecret = Take(arguments, "--client-secret") ?? "county-office-secret"; // the local start's demo client
var township = Take(arguments, "--township");
var audit = Take(arguments, "--audit") ?? "Host=127.0.0.1;Port=5433;Database=audit;Username=audit_writer";
var max = Take(arguments, "--max") is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : int.MaxValue;
var sequences = new List<long>();
while (Take(arguments, "--sequence") is { } sequence)
{
    sequences.Add(long.Parse(sequence, CultureInfo.InvariantCulture));
}

if (arguments is ["audit-verify"])
{
    try
    {
        await using var dataSource = NpgsqlDataSource.Create(audit);
        return await AuditChain.ReportAsync(dataSource, Console.Out, CancellationToken.None);
    }
    catch (NpgsqlException ex)
    {
        Console.Error.WriteLine($"The audit database cannot be read: {ex.Message}");
        return 2;
    }
}

string[] verbs = ["errors", "requeue", "outbox", "redrive", "catch-up"];
if (arguments.Count < 2 || !verbs.Contains(arguments[0]) || max < 1)
{
    Console.Error.WriteLine("usage: errors SERVICE... | requeue SERVICE [--max N] | outbox SERVICE... | redrive SERVICE [--sequence N]... | catch-up SERVICE [--township CODE] | audit-verify");
    Console.Error.WriteLine("       [--rabbitmq amqp://…] [--postgres \"Host=…;Port=…;Username=…\"] [--gateway http://…] [--client-id ID --client-secret SECRET] [--audit CONNECTION-STRING]");
    return 2;
}

var verb = arguments[0];
var services = arguments.Skip(1).ToList();
try
{
    switch (verb)
    {
        case "errors":
            foreach (var service in services)
            {
                var count = await ErrorQueues.CountAsync(rabbitMq, service);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{service}: {count} event(s) set aside"));
                foreach (var waiting in await ErrorQueues.PeekAsync(rabbitMq, service, 20))
                {
                    Console.WriteLine($"  {waiting.FailedAt} {waiting.EventType} {waiting.MessageId} from {waiting.OriginalQueue}: {waiting.Reason}");
                }
            }

            break;
        case "requeue":
            var moved = await ErrorQueues.RequeueAsync(rabbitMq, services[0], max);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{moved} event(s) of {services[0]} sent back to their shard queues"));
            break;
        case "outbox":
            foreach (var service in services)
            {
                var database = DatabaseOf(postgres, service);
                var backlog = await OutboxOperations.BacklogAsync(database);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{service}: {backlog.Due} due, {backlog.Waiting} waiting after a refusal, {backlog.SetAside} set aside"));
                foreach (var row in await OutboxOperations.SetAsideAsync(database, 20))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  #{row.Sequence} {row.MessageType} {row.MessageId} ({row.Attempts} attempts, {row.DeadAt:O}): {row.LastError}"));
                }
            }

            break;
        case "redrive":
            var redriven = await OutboxOperations.RedriveAsync(DatabaseOf(postgres, services[0]), sequences.Count == 0 ? null : sequences);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{redriven} set-aside row(s) of {services[0]} put back in line"));
            break;
        case "catch-up":
            return await CatchUpAsync(gateway, clientId, clientSecret, services[0], township);
    }

    return 0;
}
catch (RabbitMQ.Client.Exceptions.BrokerUnreachableException ex)
{
    Console.Error.WriteLine($"The broker at {rabbitMq.Host}:{rabbitMq.Port} cannot be reached: {ex.Message}");
    return 1;
}
catch (Npgsql.NpgsqlException ex)
{
    Console.Error.WriteLine($"The database cannot be read: {ex.Message}");
    return 1;
}
catch (HttpRequestException ex)
{
    Console.Error.WriteLine($"The gateway at {gateway} cannot be reached: {ex.Message}");
    return 1;
}

static string DatabaseOf(string postgres, string service) =>
    new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = service }.ConnectionString;

static async Task<int> CatchUpAsync(Uri gateway, string clientId, string clientSecret, string service, string? township)
{
    using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(10) };
    using var tokenResponse = await http.PostAsync(new Uri("/connect/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = clientSecret,
    }));
    if (!tokenResponse.IsSuccessStatusCode)
    {
        Console.Error.WriteLine($"No token for client {clientId}: {(int)tokenResponse.StatusCode}");
        return 1;
    }

    var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/households/announcements", UriKind.Relative))
    {
        Content = JsonContent.Create(new { audience = service, townshipCode = township }),
    };
    request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    using var response = await http.SendAsync(request);
    var body = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode)
    {
        Console.Error.WriteLine($"The registry refused the catch-up ({(int)response.StatusCode}): {body}");
        return 1;
    }

    var result = JsonDocument.Parse(body).RootElement;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"The registry announced {result.GetProperty("households").GetInt32()} household(s) of {result.GetProperty("townships").GetInt32()} township(s) to {service} in {result.GetProperty("seconds").GetDouble():F1} s; {service} applies them in each household's order"));
    return 0;
}

static string? Take(List<string> arguments, string name)
{
    var at = arguments.IndexOf(name);
    if (at < 0 || at + 1 >= arguments.Count)
    {
        return null;
    }

    var value = arguments[at + 1];
    arguments.RemoveRange(at, 2);
    return value;
}
