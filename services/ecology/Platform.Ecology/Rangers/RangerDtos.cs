using Platform.Contracts.Ecology;
using Platform.Contracts.Households;
using Platform.Contracts.People;
using Platform.Ecology.Data;
using Platform.Ecology.Domain;

namespace Platform.Ecology.Rangers;

public sealed record SelectRangerRequest(Guid? MemberId, int? Year, DateOnly? StartsOn, string? PatrolArea, decimal? AreaMu);

public sealed record PatrolRequest(DateOnly? PatrolledOn, decimal? Hours, decimal? DistanceKm, string? Findings);

public sealed record AssessmentRequest(string? Grade, DateOnly? AssessedOn, string? Note);

public sealed record DismissalRequest(string? Reason, DateOnly? On, string? Note);

public sealed record PayRequest(decimal? Amount, DateOnly? PaidOn, string? Note);

public sealed record QuotaRequest(int? Posts);

/// <summary>
/// A forest ranger's post. The ID number is masked and only the birth year is given (never the date, which
/// with the mask would complete the number).
/// </summary>
public sealed record RangerDto(
    Guid Id,
    Guid MemberId,
    Guid HouseholdId,
    string HouseholdNumber,
    string Name,
    string IdNumber,
    Sex Sex,
    int BirthYear,
    int Year,
    string TownshipCode,
    string VillageCode,
    string? PatrolArea,
    decimal? AreaMu,
    DateOnly StartsOn,
    DateOnly EndsOn,
    decimal AnnualPay,
    bool InPost,
    DateOnly? EndedOn,
    RangerPostEndReason? EndReason,
    string? EndNote,
    AssessmentGrade? Grade,
    DateOnly? AssessedOn,
    int Patrols,
    decimal PayDue,
    decimal? Paid,
    DateOnly? PaidOn);

/// <summary>A township's ranger quota for a year: posts, rangers in post, posts ended early and vacancies (空缺).</summary>
public sealed record QuotaDto(int Year, string TownshipCode, int Posts, int InPost, int Ended, int Vacancies);

public sealed record PatrolDto(Guid Id, Guid PostId, DateOnly PatrolledOn, decimal? Hours, decimal? DistanceKm, string? Findings, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>A year's pay of one ranger (the drill-down of the pay figures).</summary>
public sealed record RangerPayDto(
    Guid Id, Guid PostId, Guid HouseholdId, string HouseholdNumber, string Name, string IdNumber, string TownshipCode, string VillageCode, int Year, decimal Amount, DateOnly PaidOn, string? Note);

/// <summary>A post with what lists show beside it, as one query returns it.</summary>
internal sealed record RangerRow(RangerPost Post, string Name, string IdNumber, Sex Sex, int BirthYear, string HouseholdNumber, int Patrols, decimal? Paid, DateOnly? PaidOn)
{
    public RangerDto ToDto() => new(
        Post.Id, Post.MemberId, Post.HouseholdId, HouseholdNumber, Name, ResidentIdNumber.Mask(IdNumber), Sex, BirthYear, Post.Year, Post.TownshipCode, Post.VillageCode,
        Post.PatrolArea, Post.AreaMu, Post.StartsOn, Post.EndsOn, Post.AnnualPay, Post.InPost, Post.EndedOn, Post.EndReason, Post.EndNote, Post.Grade, Post.AssessedOn,
        Patrols, Post.PayDue, Paid, PaidOn);
}

internal static class RangerRows
{
    /// <summary>Posts with their person, household, patrols and pay, in one query.</summary>
    public static IQueryable<RangerRow> Rows(this IQueryable<RangerPost> posts, EcologyDbContext db) =>
        from p in posts
        join m in db.ReplicaMembers on p.MemberId equals m.Id
        join h in db.ReplicaHouseholds on p.HouseholdId equals h.Id
        let pay = db.RangerPay.FirstOrDefault(x => x.PostId == p.Id)
        select new RangerRow(p, m.Name, m.IdNumber, m.Sex, m.BirthDate.Year, h.HouseholdNumber, db.Patrols.Count(x => x.PostId == p.Id), pay == null ? (decimal?)null : pay.Amount, pay == null ? (DateOnly?)null : pay.PaidOn);
}
