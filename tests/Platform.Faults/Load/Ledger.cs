using System.Collections.Concurrent;

namespace Platform.Faults.Load;

/// <summary>What became of a write in the end (after retries with the same Idempotency-Key, where the API has one).</summary>
internal enum Fate
{
    /// <summary>Accepted: its effect must be there, once.</summary>
    Ok,

    /// <summary>Outcome unknown (a reset during a kill, never resolved): its effect may be there or not, but never twice.</summary>
    Maybe,

    /// <summary>Refused with a reason: it changed nothing.</summary>
    Refused,
}

/// <summary>The kinds of effect the ledger keeps, each named by a key the checker finds again in a database.</summary>
internal static class Effects
{
    /// <summary>A household registered; key: its household number.</summary>
    public const string Household = "household";

    /// <summary>A person registered with a household or added to it; key: the resident ID number.</summary>
    public const string Member = "member";

    /// <summary>A member removed; key: the removal's note (unique per write).</summary>
    public const string Removal = "removal";

    /// <summary>A status change; key: its reason (unique per write), as the registry's status history keeps it.</summary>
    public const string StatusChange = "status-change";

    /// <summary>A dropout case opened by a school-roll record; key: the student.</summary>
    public const string DropoutCase = "dropout-case";

    /// <summary>A dropout case closed by a school roll showing the student back at school; key: the student.</summary>
    public const string ReturnToSchool = "return-to-school";

    /// <summary>A dropout case closed by the portal as home teaching; key: the case.</summary>
    public const string HomeTeaching = "home-teaching";

    /// <summary>A student aid grant; key: the student (one policy, one term).</summary>
    public const string Grant = "grant";

    /// <summary>A training completion; key: the enrolment.</summary>
    public const string Completion = "completion";

    /// <summary>Last-writer-wins values of a household: its status and its village.</summary>
    public const string Status = "status";

    public const string Village = "village";
}

/// <summary>One write's effect: kind, key, fate.</summary>
internal sealed record LedgerEntry(string Kind, string Key, Fate Fate);

/// <summary>One write of a last-writer-wins value of a household, in the order its (single) writer made them.</summary>
internal sealed record ValueWrite(string Kind, string HouseholdNumber, string Value, Fate Fate);

/// <summary>
/// Everything the load wrote and what became of it. Writes of one household come from one worker, one after
/// another, so the order of a household's value writes here is the order they were made.
/// </summary>
internal sealed class Ledger
{
    private readonly ConcurrentQueue<LedgerEntry> entries = new();
    private readonly ConcurrentQueue<ValueWrite> values = new();
    private readonly ConcurrentDictionary<(string Operation, Fate Fate), int> operations = new();
    private readonly ConcurrentDictionary<(string Operation, string Reason), int> refusals = new();

    public IReadOnlyCollection<LedgerEntry> Entries => entries;

    public IReadOnlyCollection<ValueWrite> Values => values;

    public void Record(string kind, string key, Fate fate)
    {
        if (fate != Fate.Refused)
        {
            entries.Enqueue(new LedgerEntry(kind, key, fate));
        }
    }

    public void RecordValue(string kind, string householdNumber, string value, Fate fate) =>
        values.Enqueue(new ValueWrite(kind, householdNumber, value, fate));

    /// <summary>Counts an operation (a request the load made, whatever its effects) by its fate, for the report.</summary>
    public void Count(string operation, Fate fate) => operations.AddOrUpdate((operation, fate), 1, (_, n) => n + 1);

    /// <summary>Counts why an operation was refused (or why it stayed maybe), for the report.</summary>
    public void CountReason(string operation, string reason) => refusals.AddOrUpdate((operation, reason), 1, (_, n) => n + 1);

    /// <summary>The most frequent reasons of refusals and maybes: "operation: reason (count)".</summary>
    public IReadOnlyList<string> TopReasons(int count) =>
        [.. refusals.OrderByDescending(r => r.Value).ThenBy(r => r.Key.Operation, StringComparer.Ordinal).Take(count).Select(r => $"{r.Key.Operation}: {r.Key.Reason} ({r.Value})")];

    public IReadOnlyDictionary<string, (int Ok, int Maybe, int Refused)> OperationsByKind() =>
        operations.GroupBy(o => o.Key.Operation, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (g.Where(o => o.Key.Fate == Fate.Ok).Sum(o => o.Value), g.Where(o => o.Key.Fate == Fate.Maybe).Sum(o => o.Value), g.Where(o => o.Key.Fate == Fate.Refused).Sum(o => o.Value)),
                StringComparer.Ordinal);
}
