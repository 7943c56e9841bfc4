namespace Platform.Welfare.Domain;

/// <summary>
/// 慢性病（特殊病）证: a member's certificate for a chronic or a special (serious) disease, issued by the health
/// commission's assessment; it opens outpatient special-illness reimbursement and drug delivery to the village.
/// </summary>
public sealed class ChronicCertificate : IHouseholdRecord
{
    public const int MaxDiseaseLength = 50;

    public required Guid Id { get; init; }

    public required Guid MemberId { get; init; }

    public required Guid HouseholdId { get; init; }

    /// <summary>病种, e.g. 高血压, 2型糖尿病, 慢性阻塞性肺疾病, 尿毒症透析.</summary>
    public required string Disease { get; init; }

    /// <summary>特殊病种 / 重大疾病 (the member's health becomes "serious"); else a chronic disease ("chronic").</summary>
    public required bool Serious { get; init; }

    /// <summary>The health commission's certificate number, when it has one (a certificate sent again is recognised by it).</summary>
    public string? CertificateNumber { get; init; }

    public required string Issuer { get; init; }

    public required DateOnly IssuedOn { get; init; }

    public DateOnly? RevokedOn { get; private set; }

    public string? RevokeReason { get; private set; }

    public required string RecordedBy { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public bool IsActive => RevokedOn is null;

    public string Level => Serious ? HealthCodes.Serious : HealthCodes.Chronic;

    public Contracts.RuleResult Revoke(DateOnly on, string? reason, DateOnly today)
    {
        if (!IsActive)
        {
            return Contracts.RuleResult.Fail("id", "该证已注销");
        }

        if (on < IssuedOn || on > today)
        {
            return Contracts.RuleResult.Fail("on", "注销日期应在发证之后且不晚于今天");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 200)
        {
            return Contracts.RuleResult.Fail("reason", "请写明注销原因（不超过200字）");
        }

        RevokedOn = on;
        RevokeReason = reason.Trim();
        return Contracts.RuleResult.Ok;
    }
}

/// <summary>送药上门: medicines of a chronic-disease certificate delivered to the patient's village (村卫生室 or home).</summary>
public sealed class DrugDelivery : IHouseholdRecord
{
    public required Guid Id { get; init; }

    public required Guid CertificateId { get; init; }

    public required Guid MemberId { get; init; }

    public required Guid HouseholdId { get; init; }

    /// <summary>The village delivered to (the patient's village on the day).</summary>
    public required string VillageCode { get; init; }

    public required DateOnly DeliveredOn { get; init; }

    public required string Drugs { get; init; }

    /// <summary>家庭医生签约团队 or 村医.</summary>
    public required string DeliveredBy { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }
}

/// <summary>
/// 残疾人评定: the disabled persons' federation's assessment of a member — kind and grade 1 (most severe) to 4 —
/// or, on review, that the member no longer meets the disability standard (no grade). The latest is current.
/// </summary>
public sealed class DisabilityAssessment : IHouseholdRecord
{
    public required Guid Id { get; init; }

    public required Guid MemberId { get; init; }

    public required Guid HouseholdId { get; init; }

    public DisabilityKind? Kind { get; init; }

    /// <summary>1–4, or null: not disabled (复评不符合残疾标准).</summary>
    public int? Grade { get; init; }

    public required DateOnly AssessedOn { get; init; }

    public required string Assessor { get; init; }

    public required string RecordedBy { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }
}

/// <summary>A member's health as the registry records it: a code and, when disabled, the grade.</summary>
public readonly record struct MemberHealth(string Health, int? DisabilityGrade)
{
    public static readonly MemberHealth Healthy = new(HealthCodes.Healthy, null);

    public int Severity => HealthCodes.Severity(Health);
}

/// <summary>
/// What this pillar's health records say of a member, and what the registry is told (MemberHealthAssessed).
/// The registry keeps one code per member: disabled (with the grade) before serious before chronic before healthy.
/// </summary>
public static class HealthRules
{
    /// <summary>
    /// The member's health by this pillar's records: the latest disability assessment with a grade makes
    /// "disabled"; else an active special-disease certificate "serious"; else an active chronic one "chronic";
    /// else "healthy". Null when the pillar has no record of the member at all.
    /// </summary>
    public static MemberHealth? ByRecords(IEnumerable<ChronicCertificate> certificates, DisabilityAssessment? latestDisability)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        var active = certificates.Where(c => c.IsActive).ToList();
        if (latestDisability is { Grade: { } grade })
        {
            return new MemberHealth(HealthCodes.Disabled, grade);
        }

        if (active.Any(c => c.Serious))
        {
            return new MemberHealth(HealthCodes.Serious, null);
        }

        if (active.Count > 0)
        {
            return new MemberHealth(HealthCodes.Chronic, null);
        }

        return latestDisability is not null || certificates.Any() ? MemberHealth.Healthy : null;
    }

    /// <summary>
    /// What to tell the registry after a change of this pillar's records, or null when nothing changes: the
    /// records' verdict, except that a more severe state the registry holds from elsewhere (a cadre's record,
    /// not one of this pillar's) is kept — this pillar's records never lower a state they did not set.
    /// </summary>
    /// <param name="registry">The member's health in the registry now.</param>
    /// <param name="before">This pillar's verdict before the change (null: it had no record).</param>
    /// <param name="after">This pillar's verdict after the change.</param>
    public static MemberHealth? Assessment(MemberHealth registry, MemberHealth? before, MemberHealth after)
    {
        var fromElsewhere = registry.Severity > (before?.Severity ?? 0) ? registry : MemberHealth.Healthy;
        var assessed = fromElsewhere.Severity > after.Severity ? fromElsewhere : after;
        return assessed == registry ? null : assessed;
    }
}
