using Microsoft.EntityFrameworkCore;
using Platform.Relocation.Data;
using Platform.Relocation.Domain;
using Platform.Relocation.Households;
using Platform.ServiceDefaults.Auth;

namespace Platform.Relocation.Housing;

/// <summary>How a household's (or a house's) housing was made safe; each is counted under the first that applies.</summary>
public enum MadeSafeBy
{
    /// <summary>搬迁入住 a resettlement site (集中安置).</summary>
    Relocation = 1,

    /// <summary>分散安置: relocated, moved in, without a site.</summary>
    ScatteredResettlement = 2,

    /// <summary>2019–2020 无差别危房改造 accepted (poor and non-poor alike).</summary>
    NonDifferentiatedRenovation = 3,

    /// <summary>Earlier 农村危房改造 accepted.</summary>
    EarlierRenovation = 4,
}

/// <summary>
/// "Households made safe by relocation and renovation", in parts that add up: relocated into a site, scattered
/// resettlement, the non-differentiated renovation, earlier renovations — a household relocated is not counted
/// again for a renovation, nor a house renovated in both programmes twice. One definition for the figure and its
/// drill-down list.
/// </summary>
public static class MadeSafe
{
    public static IQueryable<RelocationCase> Relocated(RelocationDbContext db, DataScope scope, bool scattered) =>
        db.Cases.AsNoTracking().Within(scope)
            .Where(c => c.MovedInOn != null && (c.Mode == Contracts.Relocation.ResettlementMode.Scattered) == scattered);

    /// <summary>Accepted projects of a programme whose house was not made safe by something counted before it.</summary>
    public static IQueryable<RenovationProject> Renovated(RelocationDbContext db, DataScope scope, RenovationProgramme programme)
    {
        ArgumentNullException.ThrowIfNull(db);
        var projects = db.Renovations.AsNoTracking().Within(scope)
            .Where(r => r.AcceptedOn != null && r.Programme == programme)
            .Where(r => r.HouseholdId == null || !db.Cases.Any(c => c.HouseholdId == r.HouseholdId && c.MovedInOn != null));
        return programme == RenovationProgramme.DilapidatedHouse
            ? projects.Where(r => !db.Renovations.Any(o => o.OwnerIdNumber == r.OwnerIdNumber && o.AcceptedOn != null && o.Programme == RenovationProgramme.NonDifferentiated))
            : projects;
    }

    /// <summary>Houses (owners) made safe by a programme's renovation.</summary>
    public static Task<int> CountHousesAsync(IQueryable<RenovationProject> renovated, CancellationToken cancellationToken) =>
        renovated.Select(r => r.OwnerIdNumber).Distinct().CountAsync(cancellationToken);

    public static RenovationProgramme ProgrammeOf(MadeSafeBy by) =>
        by == MadeSafeBy.NonDifferentiatedRenovation ? RenovationProgramme.NonDifferentiated : RenovationProgramme.DilapidatedHouse;
}
