using Platform.Contracts;
using Platform.Messaging.Households;
using Platform.ServiceDefaults;
using Platform.Welfare.Data;
using Platform.Welfare.Domain;

namespace Platform.Welfare.Insurance;

/// <summary>What an enrolment record did.</summary>
public enum EnrolmentChange
{
    Enrolled,
    Updated,
    Unchanged,
}

/// <summary>
/// 资助参保 inside the caller's unit of work: a member's enrolment for a year in the resident medical insurance
/// (and the critical-illness insurance that goes with it), with the premium of the year and the subsidy of the
/// member's aid class. A record sent again unchanged changes nothing. Used by the portal and the feed.
/// </summary>
public sealed class InsuranceLedger(WelfareDbContext db, WelfarePolicies policies, TimeProvider clock)
{
    /// <summary>Last year (a late record), this year, or next year (enrolment for it opens in the autumn).</summary>
    public RuleResult CheckYear(int year, string field, out decimal premium)
    {
        var today = clock.Today();
        premium = policies.Premium(year) ?? 0m;
        if (year < today.Year - 1 || year > today.Year + 1)
        {
            return RuleResult.Fail(field, "参保年度应为去年、今年或明年");
        }

        return premium > 0 ? RuleResult.Ok : RuleResult.Fail(field, $"{year}年的城乡居民医保个人缴费标准尚未配置");
    }

    public RuleResult Enrol(
        ReplicaMember member, AidClass aidClass, int year, bool criticalIllness, InsuranceEnrolment? existing, string recordedBy, out InsuranceEnrolment? enrolment, out EnrolmentChange change)
    {
        ArgumentNullException.ThrowIfNull(member);
        enrolment = existing;
        change = EnrolmentChange.Unchanged;
        var check = CheckYear(year, "year", out var premium);
        if (!check.Succeeded)
        {
            return check;
        }

        if (member.LeftAt is not null)
        {
            return RuleResult.Fail("memberId", "该成员已不在建档立卡户中");
        }

        var subsidy = PremiumSubsidy.Of(premium, aidClass, policies.SubsidyRates);
        var now = clock.GetUtcNow();
        if (existing is not null)
        {
            if (existing.ResidentMedical && existing.CriticalIllness == criticalIllness && existing.HouseholdId == member.HouseholdId)
            {
                return RuleResult.Ok;
            }

            existing.ResidentMedical = true;
            existing.CriticalIllness = criticalIllness;
            existing.HouseholdId = member.HouseholdId;
            existing.Premium = premium;
            existing.Subsidy = subsidy;
            existing.SubsidyClass = aidClass;
            existing.RecordedBy = recordedBy;
            existing.RecordedAt = now;
            change = EnrolmentChange.Updated;
            return RuleResult.Ok;
        }

        enrolment = new InsuranceEnrolment
        {
            Id = Guid.CreateVersion7(now),
            MemberId = member.Id,
            HouseholdId = member.HouseholdId,
            Year = year,
            ResidentMedical = true,
            CriticalIllness = criticalIllness,
            Premium = premium,
            Subsidy = subsidy,
            SubsidyClass = aidClass,
            RecordedBy = recordedBy,
            RecordedAt = now,
        };
        db.InsuranceEnrolments.Add(enrolment);
        change = EnrolmentChange.Enrolled;
        return RuleResult.Ok;
    }
}
