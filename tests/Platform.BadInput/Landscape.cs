namespace Platform.BadInput;

/// <summary>A real object of the platform (its id) and the village or township it lies in.</summary>
public sealed record Known(string Kind, string Id, string Place);

/// <summary>
/// What exists on the platform the run is aimed at, found by reading it as the county: real ids and
/// codes, so that requests reach the handlers, and — for a caller bound to a township — the ids,
/// codes and whole ID numbers of other townships ("other scopes' ids").
/// </summary>
public sealed class Landscape
{
    public const string Household = "household";
    public const string Member = "member";
    public const string Student = "student";
    public const string Case = "case";
    public const string Course = "course";
    public const string Enrolment = "enrolment";
    public const string Village = "village";
    public const string Township = "township";
    public const string IdNumber = "id-number";
    public const string HouseholdNumber = "household-number";

    private readonly List<Known> objects = [];

    public IReadOnlyList<Known> Objects => objects;

    public void Add(string kind, string id, string place) => objects.Add(new Known(kind, id, place));

    /// <summary>A real object of the kind; outside the township when one is given ("other scopes' ids").</summary>
    public string? Pick(Random random, string kind, string? outsideTownship)
    {
        ArgumentNullException.ThrowIfNull(random);
        var candidates = objects.Where(o => o.Kind == kind && (outsideTownship is null || !o.Place.StartsWith(outsideTownship, StringComparison.Ordinal))).ToList();
        return candidates.Count == 0 ? null : candidates[random.Next(candidates.Count)].Id;
    }

    public int Count(string kind) => objects.Count(o => o.Kind == kind);

    /// <summary>The kind of object a path or body field names ("householdId", "{id}" under /dropouts/…).</summary>
    public static string? KindOf(string field, string path)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.ToLowerInvariant() switch
        {
            "id" when path.Contains("/dropouts/", StringComparison.Ordinal) => Case,
            "id" or "householdid" => Household,
            "memberid" => Member,
            "studentid" => Student,
            "caseid" => Case,
            "courseid" or "course_id" => Course,
            "enrolmentid" => Enrolment,
            _ => null,
        };
    }
}
