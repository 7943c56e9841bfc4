using System.Text;
using Platform.Contracts.People;
using Platform.Relocation.Data;
using Platform.Relocation.Grpc;
using Platform.Relocation.Guarantees;
using Platform.Relocation.Households;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.People;

namespace Platform.Relocation.Housing;

/// <summary>Whose house a record is about: a registered household's (filed under it), or one not registered as poor.</summary>
public sealed record HouseOwner(Guid? HouseholdId, string IdNumber, string Name, string VillageCode, string TownshipCode);

/// <summary>A record's word on the owner: ID number and name, and the village the house stands in (empty: the household's).</summary>
public sealed record OwnerClaim(string? IdNumber, string? Name, string? VillageCode);

/// <summary>The verdict on an <see cref="OwnerClaim"/>: the owner, or the field at fault (the caller's naming) and why.</summary>
public sealed record OwnerVerdict(HouseOwner? Owner, string? Field, string? Reason);

/// <summary>
/// Houses are the housing bureau's for poor and non-poor households alike (无差别): an owner who is a current
/// member of a registered household inside the caller's scope (ID number and name) has the house filed under
/// that household; anyone else is a household not registered as poor, kept by the owner's ID number in the
/// village named. The village named, if any, must lie in the caller's scope (for a registered household's house too). The owners are locked against the registry's events
/// for the same people first (see <see cref="SafetyBook.LockOwnersAsync"/>).
/// </summary>
public static class HouseOwners
{
    /// <summary>The reason given when the village named lies outside the caller's scope (a portal write answers 403).</summary>
    public const string OutsideScope = "该行政村不在您的管辖范围内";

    public static async Task<IReadOnlyList<OwnerVerdict>> ResolveAsync(
        RelocationDbContext db, SafetyBook book, DataScope scope, IReadOnlyList<OwnerClaim> claims, DateOnly today, Func<string, string> fieldName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(fieldName);
        var numbers = claims
            .Select(c => ResidentIdNumber.TryParse(c.IdNumber, today, out var number, out _) ? number.Value : null)
            .OfType<string>().ToList();
        await book.LockOwnersAsync(numbers, cancellationToken);
        var verdicts = await FeedPeople.MatchAsync(db, scope, claims.Select(c => new PersonClaim(c.IdNumber, c.Name)).ToList(), today, cancellationToken);
        var households = await db.FactsAsync(verdicts.Where(v => v.IsMatch).Select(v => v.Person!.HouseholdId).Distinct().ToList(), scope, cancellationToken);
        var result = new List<OwnerVerdict>(claims.Count);
        for (var i = 0; i < claims.Count; i++)
        {
            var claim = claims[i];
            var verdict = verdicts[i];
            var village = claim.VillageCode?.Trim() is { Length: > 0 } given ? given : null;
            if (village is not null && !Domain.Rules.IsVillageCode(village))
            {
                result.Add(new OwnerVerdict(null, fieldName("villageCode"), "村代码应为12位数字"));
            }
            else if (village is not null && !scope.Covers(village))
            {
                // The house would stand outside the caller's scope, whoever owns it.
                result.Add(new OwnerVerdict(null, fieldName("villageCode"), OutsideScope));
            }
            else if (verdict.IsMatch && households.TryGetValue(verdict.Person!.HouseholdId, out var household))
            {
                var place = village ?? household.VillageCode;
                result.Add(new OwnerVerdict(new HouseOwner(household.Id, verdict.Person.IdNumber, verdict.Person.Name, place, place[..9]), null, null));
            }
            else if (!FeedPeople.IsNotFound(verdict))
            {
                result.Add(new OwnerVerdict(null, fieldName(verdict.Field == PersonMatching.NameField ? "owner.name" : "owner.idNumber"), verdict.Reason));
            }
            else if (village is null)
            {
                result.Add(new OwnerVerdict(null, fieldName("villageCode"), "非建档立卡户须写明房屋所在村"));
            }
            else
            {
                ResidentIdNumber.TryParse(claim.IdNumber, today, out var number, out _);
                result.Add(new OwnerVerdict(new HouseOwner(null, number.Value, claim.Name!.Normalize(NormalizationForm.FormKC).Trim(), village, village[..9]), null, null));
            }
        }

        return result;
    }
}
