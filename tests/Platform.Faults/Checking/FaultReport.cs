using System.Globalization;
using System.Text;

namespace Platform.Faults.Checking;

/// <summary>The outcome of a run: every check, the totals, whether anything is left on its way, and what was done to the platform.</summary>
public sealed record FaultReport
{
    public required IReadOnlyList<CheckResult> Checks { get; init; }

    /// <summary>Unsent outbox rows (set-aside ones included) per service database.</summary>
    public required IReadOnlyDictionary<string, long> UnsentOutbox { get; init; }

    /// <summary>Outbox rows set aside (dead) per service database; included in <see cref="UnsentOutbox"/>.</summary>
    public required IReadOnlyDictionary<string, long> SetAsideOutbox { get; init; }

    /// <summary>The "*-events-NN" queues found, and the messages in them (ready and unacknowledged).</summary>
    public required int ShardQueues { get; init; }

    public required long ShardQueueMessages { get; init; }

    /// <summary>The "*-events-error" queues found, and the messages in them.</summary>
    public required int ErrorQueues { get; init; }

    public required long ErrorQueueMessages { get; init; }

    /// <summary>Kills done, by victim.</summary>
    public required IReadOnlyDictionary<Victim, int> Kills { get; init; }

    /// <summary>Requests of the load by operation: accepted, maybe (outcome never known), refused.</summary>
    public required IReadOnlyDictionary<string, (int Ok, int Maybe, int Refused)> Operations { get; init; }

    /// <summary>Why writes were refused (or stayed maybe), the most frequent first.</summary>
    public required IReadOnlyList<string> RefusalReasons { get; init; }

    /// <summary>Services that died without being killed (with their last log lines).</summary>
    public required IReadOnlyList<string> UnexpectedExits { get; init; }

    public required TimeSpan Duration { get; init; }

    public int Lost => Checks.Sum(c => c.Lost);

    public int Duplicated => Checks.Sum(c => c.Duplicated);

    public int Unexpected => Checks.Sum(c => c.Unexpected);

    public bool Drained => UnsentOutbox.Values.All(n => n == 0) && ShardQueueMessages == 0 && ErrorQueueMessages == 0;

    public bool Passed => Lost == 0 && Duplicated == 0 && Unexpected == 0 && Drained && UnexpectedExits.Count == 0;

    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"{"check",-58} {"ok",7} {"maybe",6} {"found",7} {"lost",5} {"dup",5} {"unexp",5}");
        foreach (var check in Checks)
        {
            text.AppendLine(c, $"{check.Name,-58} {check.Expected,7} {check.Maybe,6} {check.Present,7} {check.Lost,5} {check.Duplicated,5} {check.Unexpected,5}");
            foreach (var example in check.Examples)
            {
                text.AppendLine(c, $"    {example}");
            }
        }

        text.AppendLine();
        text.AppendLine(c, $"lost {Lost}, duplicated {Duplicated}, unexpected {Unexpected} (maybe-writes found: {Checks.Sum(x => x.Recovered)})");
        text.AppendLine(c, $"outboxes: {string.Join(", ", UnsentOutbox.Select(o => $"{o.Key} {o.Value} unsent ({SetAsideOutbox[o.Key]} set aside)"))}");
        text.AppendLine(c, $"queues: {ShardQueues} *-events-NN queues hold {ShardQueueMessages} messages; {ErrorQueues} *-events-error queues hold {ErrorQueueMessages}");
        text.AppendLine(c, $"kills: {string.Join(", ", Kills.Select(k => $"{k.Value} x {k.Key}"))}");
        var ok = Operations.Values.Sum(o => o.Ok);
        var maybe = Operations.Values.Sum(o => o.Maybe);
        var refused = Operations.Values.Sum(o => o.Refused);
        text.AppendLine(c, $"writes: {ok} accepted, {maybe} maybe, {refused} refused ({string.Join(", ", Operations.Select(o => $"{o.Key} {o.Value.Ok}/{o.Value.Maybe}/{o.Value.Refused}"))})");
        foreach (var reason in RefusalReasons)
        {
            text.AppendLine(c, $"    {reason}");
        }

        foreach (var exit in UnexpectedExits)
        {
            text.AppendLine(c, $"UNEXPECTED EXIT: {exit}");
        }

        text.AppendLine(c, $"time: {Duration.TotalMinutes:0.0} min; {(Passed ? "PASSED" : "FAILED")}");
        return text.ToString();
    }
}
