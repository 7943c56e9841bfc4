using System.Globalization;
using System.Text.Json;
using Platform.Contracts.People;

namespace Platform.Testing;

/// <summary>
/// Everything the platform's answers tell about one person's resident ID number, gathered the way an
/// attacker would: the masked number, the sex, and every hint at the birth date (a date, a year, an age
/// on a day). <see cref="Candidates"/> counts the whole numbers (GB 11643) that fit all of it — the work
/// left to rebuild the number. One candidate means the mask was completed.
/// </summary>
public sealed class IdNumberClues
{
    /// <summary>Below this many candidates a masked number counts as rebuildable (an attacker tries them through a lookup).</summary>
    public const long Enough = 10_000;

    private static readonly DateOnly Earliest = new(1880, 1, 1);
    private readonly List<string> masks = [];
    private readonly List<(DateOnly From, DateOnly To)> birthWindows = [];

    public bool? Male { get; private set; }

    /// <summary>What the clues came from, for the failure message.</summary>
    public List<string> Sources { get; } = [];

    /// <summary>Adds what one JSON object about the person says (a member, a student, a case, a list item, a gRPC message as JSON).</summary>
    public void Read(JsonElement person, DateOnly today, string source)
    {
        Sources.Add(source);
        foreach (var property in person.EnumerateObject())
        {
            var name = property.Name.ToLowerInvariant();
            var value = property.Value;
            switch (name)
            {
                case "idnumber" or "headidnumber" when value.ValueKind == JsonValueKind.String:
                    masks.Add(value.GetString()!);
                    break;
                case "sex" when value.ValueKind == JsonValueKind.String:
                    Male = value.GetString() is "male" or "Male" or "男";
                    break;
                case "birthyear" when value.TryGetInt32(out var year) && year > 0:
                    birthWindows.Add((new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)));
                    break;
                case "age" when value.ValueKind == JsonValueKind.Number:
                    AddAge(value.GetInt32(), today);
                    break;
                case "schoolage" when value.ValueKind == JsonValueKind.Number:
                    AddAge(value.GetInt32(), new DateOnly(today.Month >= 9 ? today.Year : today.Year - 1, 9, 1));
                    break;
                default:
                    // Any date beside the number may be the birth date: take every one of them as such
                    // (the strictest reading; dates of other things do not occur on a person's object).
                    if (name.Contains("birth", StringComparison.Ordinal) && value.ValueKind == JsonValueKind.String
                        && DateOnly.TryParse(value.GetString(), CultureInfo.InvariantCulture, out var date))
                    {
                        birthWindows.Add((date, date));
                    }

                    break;
            }
        }
    }

    /// <summary>The person was <paramref name="age"/> in full years on <paramref name="on"/>.</summary>
    public void AddAge(int age, DateOnly on) => birthWindows.Add((on.AddYears(-(age + 1)).AddDays(1), on.AddYears(-age)));

    /// <summary>
    /// How many valid numbers fit every clue (division code and any shown characters of each mask, the
    /// sex, the birth-date window); <see cref="long.MaxValue"/> when the window is wider than ten years.
    /// </summary>
    public long Candidates(DateOnly today)
    {
        var from = birthWindows.Select(w => w.From).Append(Earliest).Max();
        var to = birthWindows.Select(w => w.To).Append(today).Min();
        if (to < from)
        {
            return 0;
        }

        if (to.DayNumber - from.DayNumber > 3653)
        {
            return long.MaxValue;
        }

        var shown = new char?[18];
        foreach (var mask in masks.Where(m => m.Length == 18))
        {
            for (var i = 0; i < 18; i++)
            {
                if (mask[i] != '*')
                {
                    shown[i] = mask[i];
                }
            }
        }

        if (shown[..6].Any(c => c is null))
        {
            // No mask read, or one hiding even the division code: nothing to start from.
            return long.MaxValue;
        }

        var division = new string(shown[..6].Select(c => c!.Value).ToArray());
        long count = 0;
        var digits = new char[17];
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var date = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            var fits = true;
            for (var i = 0; i < 8 && fits; i++)
            {
                fits = shown[6 + i] is not { } c || c == date[i];
            }

            if (!fits)
            {
                continue;
            }

            (division + date).CopyTo(0, digits, 0, 14);
            for (var sequence = 0; sequence < 1000; sequence++)
            {
                digits[14] = (char)('0' + (sequence / 100));
                digits[15] = (char)('0' + (sequence / 10 % 10));
                digits[16] = (char)('0' + (sequence % 10));
                if ((Male is { } male && (sequence % 2 == 1) != male)
                    || (shown[14] is { } s14 && s14 != digits[14])
                    || (shown[15] is { } s15 && s15 != digits[15])
                    || (shown[16] is { } s16 && s16 != digits[16])
                    || (shown[17] is { } check && check != ResidentIdNumber.CheckCharacterOf(digits)))
                {
                    continue;
                }

                count++;
            }
        }

        return count;
    }

    /// <summary>Every JSON object (at any depth) for which <paramref name="isAbout"/> holds.</summary>
    public static IEnumerable<JsonElement> ObjectsAbout(JsonElement root, Func<JsonElement, bool> isAbout)
    {
        if (root.ValueKind == JsonValueKind.Object)
        {
            if (isAbout(root))
            {
                yield return root;
            }

            foreach (var property in root.EnumerateObject())
            {
                foreach (var inner in ObjectsAbout(property.Value, isAbout))
                {
                    yield return inner;
                }
            }
        }
        else if (root.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in root.EnumerateArray())
            {
                foreach (var inner in ObjectsAbout(item, isAbout))
                {
                    yield return inner;
                }
            }
        }
    }
}
