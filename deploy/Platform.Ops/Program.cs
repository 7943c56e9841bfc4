using System.Globalization;
using Npgsql;
using Platform.Messaging;
using Platform.ServiceDefaults.Audit;

// Operators' commands (the local start's broker and database by default):
//   dotnet run --project deploy/Platform.Ops -- errors QUEUE...            how many messages wait in each QUEUE_error
//   dotnet run --project deploy/Platform.Ops -- requeue QUEUE [--max N]    send them back to QUEUE, oldest first
//   dotnet run --project deploy/Platform.Ops -- audit-verify               check the audit log's hash chain, name the first break
// Queues are named "{service}-{message}", e.g. education-household-registered. Add
// --rabbitmq amqp://user:password@host:port/vhost for another broker, --audit "Host=…;Database=audit;Username=…"
// for another audit database (a role that may read audit.entries and audit.chain_head, e.g. the writer).
var arguments = args.ToList();
var rabbitMq = new Uri(Take(arguments, "--rabbitmq") ?? "amqp://guest:guest@127.0.0.1:5673/");
var audit = Take(arguments, "--audit") ?? "Host=127.0.0.1;Port=5433;Database=audit;Username=audit_writer";
var max = Take(arguments, "--max") is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : int.MaxValue;
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

if (arguments.Count < 2 || arguments[0] is not ("errors" or "requeue") || max < 1)
{
    Console.Error.WriteLine("usage: errors QUEUE... | requeue QUEUE [--max N] | audit-verify  [--rabbitmq amqp://user:password@host:port/vhost] [--audit CONNECTION-STRING]");
    return 2;
}

try
{
    if (arguments[0] == "errors")
    {
        foreach (var queue in arguments.Skip(1))
        {
            var waiting = await ErrorQueues.CountAsync(rabbitMq, queue);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{queue}{ErrorQueues.Suffix}: {waiting}"));
        }
    }
    else
    {
        var moved = await ErrorQueues.RequeueAsync(rabbitMq, arguments[1], max);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{moved} message(s) sent back from {arguments[1]}{ErrorQueues.Suffix} to {arguments[1]}"));
    }

    return 0;
}
catch (RabbitMQ.Client.Exceptions.BrokerUnreachableException ex)
{
    Console.Error.WriteLine($"The broker at {rabbitMq.Host}:{rabbitMq.Port} cannot be reached: {ex.Message}");
    return 1;
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
