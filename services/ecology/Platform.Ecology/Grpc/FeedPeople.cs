using System.Text;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.People;
using Platform.Ecology.Data;
using Platform.Messaging.Households;
using Platform.ServiceDefaults.Auth;

namespace Platform.Ecology.Grpc;

/// <summary>One record's person: the member it names, or the field at fault and why.</summary>
internal sealed record PersonVerdict(ReplicaMember? Member, string? Field, string? Reason);

/// <summary>
/// 人员比对 for the feeds: a record names a current member of a registered household by resident ID number
/// AND name inside the caller's data scope; any other valid record gets one neutral verdict, so a reply
/// never tells whether a number belongs to someone. One query a batch; numbers go as one array parameter.
/// (Interim: the building block PersonMatching in Platform.ServiceDefaults/People takes this place once on main.)
/// </summary>
internal static class FeedPeople
{
    public const string NotFound = "未找到与身份证号和姓名一致的成员";

    public static async Task<IReadOnlyList<PersonVerdict>> MatchAsync(
        EcologyDbContext db, DataScope scope, IReadOnlyList<(string? IdNumber, string? Name)> claims, DateOnly today, CancellationToken cancellationToken)
    {
        var verdicts = new PersonVerdict[claims.Count];
        var wanted = new List<(int Index, string IdNumber, string Name)>();
        for (var i = 0; i < claims.Count; i++)
        {
            if (!ResidentIdNumber.TryParse(claims[i].IdNumber, today, out var number, out var error))
            {
                verdicts[i] = new(null, "id_number", error);
            }
            else if (Normalised(claims[i].Name) is not { Length: > 0 and <= 50 } name)
            {
                verdicts[i] = new(null, "name", "请填写姓名（须与建档立卡登记一致）");
            }
            else
            {
                wanted.Add((i, number.Value, name));
            }
        }

        var numbers = wanted.Select(w => w.IdNumber).Distinct(StringComparer.Ordinal).ToArray();
        var found = numbers.Length == 0
            ? []
            : await db.ReplicaMembers.Within(scope).Where(m => m.LeftAt == null && numbers.Contains(m.IdNumber)).ToListAsync(cancellationToken);
        var byNumber = found.ToLookup(m => m.IdNumber, StringComparer.Ordinal);
        foreach (var (index, number, name) in wanted)
        {
            var same = byNumber[number].Where(m => Normalised(m.Name) == name).Take(2).ToList();
            verdicts[index] = same.Count == 1 ? new(same[0], null, null) : new(null, "id_number", NotFound);
        }

        return verdicts;
    }

    private static string Normalised(string? name) => name?.Normalize(NormalizationForm.FormKC).Trim() ?? string.Empty;
}
