using Microsoft.EntityFrameworkCore;
using Platform.Education.Data;

namespace Platform.Education.Training;

/// <summary>
/// A household's training records are filed under the village it lives in, like its students: when it
/// moves, they move with it (the new village's staff complete them; the old village's no longer see them).
/// </summary>
internal static class EnrolmentFollowing
{
    /// <summary>Places every enrolment of the household in its village, inside the caller's unit of work.</summary>
    public static async Task MoveAsync(EducationDbContext db, Guid householdId, string villageCode, string townshipCode, CancellationToken cancellationToken)
    {
        var enrolments = await db.TrainingEnrolments
            .Where(e => e.HouseholdId == householdId && (e.VillageCode != villageCode || e.TownshipCode != townshipCode))
            .ToListAsync(cancellationToken);
        foreach (var enrolment in enrolments)
        {
            enrolment.MoveTo(villageCode, townshipCode);
        }
    }
}
