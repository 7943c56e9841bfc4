using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Grpc.Welfare.V1;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Grpc;
using Platform.Welfare.Data;
using Platform.Welfare.Domain;
using Platform.Welfare.Health;

namespace Platform.Welfare.Grpc;

/// <summary>The health commission's certificates and the disabled persons' federation's assessments in bulk, by the portal's ledger and rules.</summary>
public static class HealthFeeds
{
    public static async Task<FeedBatch?> CertificatesAsync(IServiceProvider services, IReadOnlyList<(int Index, ChronicCertificateRecord Record)> batch, FeedCaller caller, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<WelfareDbContext>();
        var ledger = services.GetRequiredService<HealthLedger>();
        var today = services.GetRequiredService<TimeProvider>().Today();
        var result = new FeedBatch();
        var parsed = new List<(int Index, ChronicCertificateRecord Record, string Disease, string Issuer, string? Number, DateOnly IssuedOn)>();
        foreach (var (index, record) in batch)
        {
            var disease = record.Disease?.Trim() ?? string.Empty;
            var issuer = record.Issuer?.Trim() ?? string.Empty;
            var number = string.IsNullOrWhiteSpace(record.CertificateNumber) ? null : record.CertificateNumber.Trim();
            if (disease.Length is 0 or > ChronicCertificate.MaxDiseaseLength)
            {
                result.Reject(index, record.ClientRef, "disease", $"请填写病种（不超过{ChronicCertificate.MaxDiseaseLength}字）");
            }
            else if (issuer.Length is 0 or > 100)
            {
                result.Reject(index, record.ClientRef, "issuer", "请填写认定机构（不超过100字）");
            }
            else if (number is { Length: > 40 })
            {
                result.Reject(index, record.ClientRef, "certificate_number", "证号不超过40个字符");
            }
            else if (!WireText.TryDate(record.IssuedOn, out var issuedOn))
            {
                result.Reject(index, record.ClientRef, "issued_on", FeedFields.DateFormat);
            }
            else
            {
                parsed.Add((index, record, disease, issuer, number, issuedOn ?? today));
            }
        }

        var verdicts = await FeedPeople.MatchAsync(db, caller, parsed.Select(p => ((string?)p.Record.IdNumber, (string?)p.Record.Name)), today, cancellationToken);
        await ledger.LoadAsync(verdicts.Where(v => v.IsMatch).Select(v => v.Person!).DistinctBy(m => m.Id).ToList(), cancellationToken);
        var numbers = parsed.Where(p => p.Number is not null).Select(p => p.Number!).Distinct().ToList();
        var taken = await db.ChronicCertificates.AsNoTracking().Where(c => numbers.Contains(c.CertificateNumber!))
            .ToDictionaryAsync(c => c.CertificateNumber!, c => (c.MemberId, c.Disease), StringComparer.Ordinal, cancellationToken);
        foreach (var ((index, record, disease, issuer, number, issuedOn), verdict) in parsed.Zip(verdicts))
        {
            if (verdict.Person is not { } member)
            {
                result.Reject(index, record.ClientRef, verdict.Field!, verdict.Reason!);
                continue;
            }

            if (number is not null && taken.TryGetValue(number, out var holder) && holder != (member.Id, disease))
            {
                result.Reject(index, record.ClientRef, "certificate_number", "该证号已用于其他成员或病种");
                continue;
            }

            var issued = ledger.Issue(member, disease, record.Serious, number, issuer, issuedOn, caller.Actor, out _, out var change);
            if (!issued.Succeeded)
            {
                result.Reject(index, record.ClientRef, issued.Field!, issued.Error!);
                continue;
            }

            if (number is not null)
            {
                taken[number] = (member.Id, disease);
            }

            result.Accept(change == HealthChange.Recorded);
        }

        return await services.GetRequiredService<BatchCommit>().TryCommitAsync(db, null, cancellationToken) ? result : null;
    }

    public static async Task<FeedBatch?> DisabilitiesAsync(IServiceProvider services, IReadOnlyList<(int Index, DisabilityAssessmentRecord Record)> batch, FeedCaller caller, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<WelfareDbContext>();
        var ledger = services.GetRequiredService<HealthLedger>();
        var today = services.GetRequiredService<TimeProvider>().Today();
        var result = new FeedBatch();
        var parsed = new List<(int Index, DisabilityAssessmentRecord Record, DisabilityKind? Kind, DateOnly AssessedOn, string Assessor)>();
        foreach (var (index, record) in batch)
        {
            DisabilityKind? kind = null;
            var assessor = record.Assessor?.Trim() ?? string.Empty;
            if (!string.IsNullOrWhiteSpace(record.Kind))
            {
                if (Codes.TryParse<DisabilityKind>(record.Kind, out var k))
                {
                    kind = k;
                }
                else
                {
                    result.Reject(index, record.ClientRef, "kind", $"残疾类别应为：{Codes.List<DisabilityKind>()}");
                    continue;
                }
            }

            if (assessor.Length is 0 or > 100)
            {
                result.Reject(index, record.ClientRef, "assessor", "请填写评定机构（不超过100字）");
            }
            else if (!WireText.TryDate(record.AssessedOn, out var on))
            {
                result.Reject(index, record.ClientRef, "assessed_on", FeedFields.DateFormat);
            }
            else
            {
                parsed.Add((index, record, kind, on ?? today, assessor));
            }
        }

        var verdicts = await FeedPeople.MatchAsync(db, caller, parsed.Select(p => ((string?)p.Record.IdNumber, (string?)p.Record.Name)), today, cancellationToken);
        await ledger.LoadAsync(verdicts.Where(v => v.IsMatch).Select(v => v.Person!).DistinctBy(m => m.Id).ToList(), cancellationToken);
        foreach (var ((index, record, kind, assessedOn, assessor), verdict) in parsed.Zip(verdicts))
        {
            if (verdict.Person is not { } member)
            {
                result.Reject(index, record.ClientRef, verdict.Field!, verdict.Reason!);
                continue;
            }

            var assessed = ledger.Assess(member, kind, record.Grade == 0 ? null : record.Grade, assessedOn, assessor, caller.Actor, out _, out var change);
            if (!assessed.Succeeded)
            {
                result.Reject(index, record.ClientRef, assessed.Field!, assessed.Error!);
                continue;
            }

            result.Accept(change == HealthChange.Recorded);
        }

        return await services.GetRequiredService<BatchCommit>().TryCommitAsync(db, null, cancellationToken) ? result : null;
    }
}
