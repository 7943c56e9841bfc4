using Platform.Faults.Load;

namespace Platform.Faults.Checking;

/// <summary>
/// One comparison of what should be somewhere with what is there, counted as RabbitMQ's Jepsen checker
/// counts a queue's messages: <b>lost</b> (accepted, not there), <b>duplicated</b> (there more often than
/// it was accepted, maybe-writes counted as possibly once), <b>unexpected</b> (there, never written),
/// <b>recovered</b> (a maybe-write that is there).
/// </summary>
public sealed record CheckResult(
    string Name,
    int Expected,
    int Maybe,
    int Present,
    int Lost,
    int Duplicated,
    int Unexpected,
    int Recovered,
    IReadOnlyList<string> Examples)
{
    public bool Passed => Lost == 0 && Duplicated == 0 && Unexpected == 0;
}

internal static class Tally
{
    private const int ExamplesKept = 5;

    /// <summary>
    /// Multisets by key: each Ok write of a key must show once, each Maybe write at most once more, and a
    /// key nobody wrote must not show. <paramref name="describe"/> names a key in the report (masking
    /// personal data).
    /// </summary>
    public static CheckResult Compare(string name, IEnumerable<(string Key, Fate Fate)> written, IEnumerable<string> observed, Func<string, string>? describe = null)
    {
        describe ??= key => key;
        var ok = new Dictionary<string, int>(StringComparer.Ordinal);
        var maybe = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, fate) in written)
        {
            var counts = fate switch
            {
                Fate.Ok => ok,
                Fate.Maybe => maybe,
                _ => null,
            };
            if (counts is not null)
            {
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        var present = observed.GroupBy(k => k, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        int lost = 0, duplicated = 0, unexpected = 0, recovered = 0;
        var examples = new List<string>();
        foreach (var key in ok.Keys.Union(maybe.Keys).Union(present.Keys).Order(StringComparer.Ordinal))
        {
            var (k, m, p) = (ok.GetValueOrDefault(key), maybe.GetValueOrDefault(key), present.GetValueOrDefault(key));
            string? problem = null;
            if (k + m == 0)
            {
                unexpected += p;
                problem = $"unexpected {describe(key)} (×{p})";
            }
            else
            {
                recovered += Math.Min(m, Math.Max(0, p - k));
                if (p < k)
                {
                    lost += k - p;
                    problem = $"lost {describe(key)} (accepted {k}, found {p})";
                }
                else if (p > k + m)
                {
                    duplicated += p - k - m;
                    problem = $"duplicated {describe(key)} (accepted {k}{(m > 0 ? $" + {m} maybe" : string.Empty)}, found {p})";
                }
            }

            if (problem is not null && examples.Count < ExamplesKept)
            {
                examples.Add(problem);
            }
        }

        return new CheckResult(name, ok.Values.Sum(), maybe.Values.Sum(), present.Values.Sum(), lost, duplicated, unexpected, recovered, examples);
    }

    /// <summary>A copy against its source, row by row as tuples: a row that differs counts as lost (the source's) and unexpected (the copy's).</summary>
    public static CheckResult CompareCopy(string name, IEnumerable<string> source, IEnumerable<string> copy, Func<string, string>? describe = null) =>
        Compare(name, source.Select(row => (row, Fate.Ok)), copy, describe);

    /// <summary>
    /// Last-writer-wins values of households (status, village): in the order they were written, an Ok write
    /// leaves only its value possible, a Maybe write adds its value to what is possible. A household whose
    /// value is not possible counts as lost; if no write ever gave that value, as unexpected too. Households
    /// the database does not hold are the household check's business.
    /// </summary>
    public static CheckResult CompareLatest(string name, IEnumerable<ValueWrite> writes, IReadOnlyDictionary<string, string> observed)
    {
        int expected = 0, maybe = 0, present = 0, lost = 0, unexpected = 0;
        var examples = new List<string>();
        foreach (var household in writes.GroupBy(w => w.HouseholdNumber, StringComparer.Ordinal))
        {
            if (!observed.TryGetValue(household.Key, out var value))
            {
                continue;
            }

            var possible = new HashSet<string>(StringComparer.Ordinal);
            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (var write in household)
            {
                written.Add(write.Value);
                if (write.Fate == Fate.Ok)
                {
                    possible.Clear();
                }

                possible.Add(write.Value);
            }

            present++;
            if (possible.Count == 1)
            {
                expected++;
            }
            else
            {
                maybe++;
            }

            if (!possible.Contains(value))
            {
                lost++;
                if (!written.Contains(value))
                {
                    unexpected++;
                }

                if (examples.Count < ExamplesKept)
                {
                    examples.Add($"{household.Key}: {value}, expected {string.Join(" or ", possible)}");
                }
            }
        }

        return new CheckResult(name, expected, maybe, present, lost, 0, unexpected, 0, examples);
    }
}
