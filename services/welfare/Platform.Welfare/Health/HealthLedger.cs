using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Registry;
using Platform.Messaging.Households;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults;
using Platform.Welfare.Data;
using Platform.Welfare.Domain;

namespace Platform.Welfare.Health;

/// <summary>What a health record sent (again) did.</summary>
public enum HealthChange
{
    Recorded,
    Unchanged,
}

/// <summary>
/// Chronic-disease certificates and disability assessments inside the caller's unit of work. After each change
/// the member's health is assessed again (<see cref="HealthRules"/>) and, when it differs from the registry's,
/// sent as <see cref="MemberHealthAssessed"/> (the registry updates the member and announces
/// MemberHealthChanged, which the replica follows). Load the members first; several changes of one member in
/// one unit see each other.
/// </summary>
public sealed class HealthLedger(WelfareDbContext db, TimeProvider clock)
{
    private readonly Dictionary<Guid, List<ChronicCertificate>> certificates = [];
    private readonly Dictionary<Guid, DisabilityAssessment> latestDisability = [];
    private readonly Dictionary<Guid, MemberHealth> registry = [];

    public async Task LoadAsync(IReadOnlyCollection<ReplicaMember> members, CancellationToken cancellationToken)
    {
        var ids = members.Select(m => m.Id).Where(id => !registry.ContainsKey(id)).Distinct().ToList();
        foreach (var member in members.Where(m => !registry.ContainsKey(m.Id)))
        {
            registry[member.Id] = new MemberHealth(member.Health ?? HealthCodes.Healthy, member.DisabilityGrade);
            certificates[member.Id] = [];
        }

        if (ids.Count == 0)
        {
            return;
        }

        foreach (var certificate in await db.ChronicCertificates.Where(c => ids.Contains(c.MemberId)).ToListAsync(cancellationToken))
        {
            certificates[certificate.MemberId].Add(certificate);
        }

        var assessments = await db.DisabilityAssessments.AsNoTracking().Where(a => ids.Contains(a.MemberId)).ToListAsync(cancellationToken);
        foreach (var latest in assessments.GroupBy(a => a.MemberId).Select(g => g.OrderBy(a => a.AssessedOn).ThenBy(a => a.RecordedAt).Last()))
        {
            latestDisability[latest.MemberId] = latest;
        }
    }

    public IReadOnlyList<ChronicCertificate> CertificatesOf(Guid memberId) => certificates.TryGetValue(memberId, out var list) ? list : [];

    /// <summary>
    /// 慢病认定: a certificate for a disease of the member. The same disease certified again (an active certificate of the
    /// same disease and kind) changes nothing; of another kind it is refused until the old one is revoked.
    /// </summary>
    public RuleResult Issue(
        ReplicaMember member, string disease, bool serious, string? number, string issuer, DateOnly issuedOn, string recordedBy, out ChronicCertificate? certificate, out HealthChange change)
    {
        ArgumentNullException.ThrowIfNull(member);
        change = HealthChange.Unchanged;
        var mine = certificates[member.Id];
        certificate = mine.FirstOrDefault(c => c.IsActive && c.Disease == disease);
        if (certificate is not null)
        {
            return certificate.Serious == serious
                ? RuleResult.Ok
                : RuleResult.Fail("disease", "该成员已持有该病种的有效证，类别不同：请先注销原证");
        }

        if (issuedOn > clock.Today())
        {
            return RuleResult.Fail("issuedOn", "发证日期不能晚于今天");
        }

        var before = Verdict(member.Id);
        var now = clock.GetUtcNow();
        certificate = new ChronicCertificate
        {
            Id = Guid.CreateVersion7(now), MemberId = member.Id, HouseholdId = member.HouseholdId, Disease = disease, Serious = serious, CertificateNumber = number,
            Issuer = issuer, IssuedOn = issuedOn, RecordedBy = recordedBy, RecordedAt = now,
        };
        db.ChronicCertificates.Add(certificate);
        mine.Add(certificate);
        change = HealthChange.Recorded;
        Tell(member, before, "chronic-certificate:" + certificate.Id, $"{(serious ? "特殊病种" : "慢性病")}认定：{disease}", issuedOn);
        return RuleResult.Ok;
    }

    /// <summary>注销: the certificate ends; the member's health follows what is left.</summary>
    public RuleResult Revoke(ReplicaMember member, ChronicCertificate certificate, DateOnly on, string? reason)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(certificate);
        var before = Verdict(member.Id);
        var result = certificate.Revoke(on, reason, clock.Today());
        if (result.Succeeded)
        {
            Tell(member, before, "chronic-certificate:" + certificate.Id, $"慢病证注销：{certificate.Disease}（{certificate.RevokeReason}）", on);
        }

        return result;
    }

    /// <summary>
    /// 残疾人评定: the federation's assessment (a grade 1–4 with its kind, or none on review). The latest assessment
    /// is current; one older than it is refused, and the same assessment sent again changes nothing.
    /// </summary>
    public RuleResult Assess(
        ReplicaMember member, DisabilityKind? kind, int? grade, DateOnly assessedOn, string assessor, string recordedBy, out DisabilityAssessment? assessment, out HealthChange change)
    {
        ArgumentNullException.ThrowIfNull(member);
        change = HealthChange.Unchanged;
        assessment = null;
        if (grade is not null and not (>= 1 and <= 4))
        {
            return RuleResult.Fail("grade", "残疾等级应为1至4级");
        }

        if ((grade is null) != (kind is null))
        {
            return RuleResult.Fail("kind", grade is null ? "评定为不符合残疾标准时不填残疾类别" : "请填写残疾类别");
        }

        if (assessedOn > clock.Today())
        {
            return RuleResult.Fail("assessedOn", "评定日期不能晚于今天");
        }

        if (latestDisability.TryGetValue(member.Id, out var latest))
        {
            if (latest.AssessedOn == assessedOn && latest.Grade == grade && latest.Kind == kind)
            {
                assessment = latest;
                return RuleResult.Ok;
            }

            if (assessedOn < latest.AssessedOn)
            {
                return RuleResult.Fail("assessedOn", "已有更新的评定结果，不能录入更早的评定");
            }
        }

        var before = Verdict(member.Id);
        var now = clock.GetUtcNow();
        assessment = new DisabilityAssessment
        {
            Id = Guid.CreateVersion7(now), MemberId = member.Id, HouseholdId = member.HouseholdId, Kind = kind, Grade = grade, AssessedOn = assessedOn, Assessor = assessor,
            RecordedBy = recordedBy, RecordedAt = now,
        };
        db.DisabilityAssessments.Add(assessment);
        latestDisability[member.Id] = assessment;
        change = HealthChange.Recorded;
        Tell(member, before, "disability-assessment:" + assessment.Id, grade is { } g ? $"残疾人评定：{DisabilityNames.Of(kind!.Value)}{g}级" : "残疾复评：不符合残疾标准", assessedOn);
        return RuleResult.Ok;
    }

    private MemberHealth? Verdict(Guid memberId) => HealthRules.ByRecords(certificates[memberId], latestDisability.GetValueOrDefault(memberId));

    private void Tell(ReplicaMember member, MemberHealth? before, string sourceRecordId, string reason, DateOnly on)
    {
        var after = Verdict(member.Id) ?? MemberHealth.Healthy;
        if (HealthRules.Assessment(registry[member.Id], before, after) is not { } assessed)
        {
            return;
        }

        registry[member.Id] = assessed;
        var now = clock.GetUtcNow();
        db.AddIntegrationEvent(
            new MemberHealthAssessed
            {
                EventId = Guid.CreateVersion7(now), HouseholdId = member.HouseholdId, OccurredAt = now, MemberId = member.Id, Health = assessed.Health,
                DisabilityGrade = assessed.DisabilityGrade, Source = Pillar.Welfare, SourceRecordId = sourceRecordId, AssessedOn = on, Reason = reason,
            },
            clock);
    }
}

public static class DisabilityNames
{
    public static string Of(DisabilityKind kind) => kind switch
    {
        DisabilityKind.Visual => "视力残疾",
        DisabilityKind.Hearing => "听力残疾",
        DisabilityKind.Speech => "言语残疾",
        DisabilityKind.Physical => "肢体残疾",
        DisabilityKind.Intellectual => "智力残疾",
        DisabilityKind.Mental => "精神残疾",
        _ => "多重残疾",
    };
}
