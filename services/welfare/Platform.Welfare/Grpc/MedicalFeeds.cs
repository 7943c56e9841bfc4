using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Grpc.Welfare.V1;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Grpc;
using Platform.Welfare.Claims;
using Platform.Welfare.Common;
using Platform.Welfare.Data;
using Platform.Welfare.Domain;
using Platform.Welfare.Insurance;

namespace Platform.Welfare.Grpc;

/// <summary>The medical insurance bureau's feeds: subsidised enrolments and settled claims in bulk, by the portal's ledgers and rules.</summary>
public static class MedicalFeeds
{
    public static async Task<FeedBatch?> EnrolmentsAsync(IServiceProvider services, IReadOnlyList<(int Index, InsuranceEnrolmentRecord Record)> batch, FeedCaller caller, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<WelfareDbContext>();
        var ledger = services.GetRequiredService<InsuranceLedger>();
        var book = services.GetRequiredService<MedicalGuaranteeBook>();
        var situations = services.GetRequiredService<HouseholdSituations>();
        var today = services.GetRequiredService<TimeProvider>().Today();
        var result = new FeedBatch();
        var parsed = new List<(int Index, InsuranceEnrolmentRecord Record, int Year)>();
        foreach (var (index, record) in batch)
        {
            var year = record.Year == 0 ? today.Year : record.Year;
            var check = ledger.CheckYear(year, "year", out _);
            if (check.Succeeded)
            {
                parsed.Add((index, record, year));
            }
            else
            {
                result.Reject(index, record.ClientRef, check.Field!, check.Error!);
            }
        }

        var verdicts = await FeedPeople.MatchAsync(db, caller, parsed.Select(p => ((string?)p.Record.IdNumber, (string?)p.Record.Name)), today, cancellationToken);
        var members = verdicts.Where(v => v.IsMatch).Select(v => v.Person!).ToList();
        var memberIds = members.Select(m => m.Id).Distinct().ToList();
        var years = parsed.Select(p => p.Year).Distinct().ToList();
        var households = await situations.LoadAsync(members.Select(m => m.HouseholdId).Distinct().ToList(), cancellationToken);
        var enrolments = await db.InsuranceEnrolments.Where(e => memberIds.Contains(e.MemberId) && years.Contains(e.Year)).ToDictionaryAsync(e => (e.MemberId, e.Year), cancellationToken);
        var reassess = new HashSet<Guid>();
        foreach (var ((index, record, year), verdict) in parsed.Zip(verdicts))
        {
            if (verdict.Person is not { } member)
            {
                result.Reject(index, record.ClientRef, verdict.Field!, verdict.Reason!);
                continue;
            }

            var enrolled = ledger.Enrol(
                member, households[member.HouseholdId].AidClass, year, record.CriticalIllness, enrolments.GetValueOrDefault((member.Id, year)), caller.Actor, out var enrolment, out var change);
            if (!enrolled.Succeeded)
            {
                result.Reject(index, record.ClientRef, enrolled.Field!, enrolled.Error!);
                continue;
            }

            enrolments[(member.Id, year)] = enrolment!;
            if (change != EnrolmentChange.Unchanged && year == today.Year)
            {
                reassess.Add(member.HouseholdId);
            }

            result.Accept(change != EnrolmentChange.Unchanged);
        }

        return await services.GetRequiredService<BatchCommit>().TryCommitAsync(db, () => book.ReassessAsync(reassess, cancellationToken), cancellationToken) ? result : null;
    }

    public static async Task<FeedBatch?> ClaimsAsync(IServiceProvider services, IReadOnlyList<(int Index, ClaimRecord Record)> batch, FeedCaller caller, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<WelfareDbContext>();
        var ledger = services.GetRequiredService<ClaimLedger>();
        var patients = services.GetRequiredService<ClaimPatients>();
        var today = services.GetRequiredService<TimeProvider>().Today();
        var result = new FeedBatch();
        var parsed = new List<(int Index, ClaimRecord Record, ClaimInput Input)>();
        foreach (var (index, record) in batch)
        {
            var errors = new Dictionary<string, string[]>();
            DateOnly? admitted = null;
            DateOnly? discharged = null;
            decimal? total = null;
            decimal? within = null;
            if (!WireText.TryDate(record.AdmittedOn, out admitted))
            {
                errors["admittedOn"] = [FeedFields.DateFormat];
            }

            if (!WireText.TryDate(record.DischargedOn, out discharged))
            {
                errors["dischargedOn"] = [FeedFields.DateFormat];
            }

            if (!WireText.TryDecimal(record.TotalCost, out total))
            {
                errors["totalCost"] = [FeedFields.AmountFormat];
            }

            if (!WireText.TryDecimal(record.WithinPolicyCost, out within))
            {
                errors["withinPolicyCost"] = [FeedFields.AmountFormat];
            }

            var input = errors.Count > 0
                ? null
                : ClaimInputs.Parse(record.Kind, record.InCounty, record.Hospital, record.Diagnosis, admitted, discharged, total, within, record.SettlementNumber, errors);
            if (input is null)
            {
                var (field, reasons) = errors.First();
                result.Reject(index, record.ClientRef, field, reasons[0]);
                continue;
            }

            if (input.SettlementNumber is null)
            {
                result.Reject(index, record.ClientRef, "settlement_number", "请填写结算单号（同一结算重复报送时据此识别）");
                continue;
            }

            parsed.Add((index, record, input));
        }

        var numbers = parsed.Select(p => p.Input.SettlementNumber!).Distinct().ToList();
        var settled = (await db.HospitalClaims.AsNoTracking().Where(c => numbers.Contains(c.SettlementNumber!)).Select(c => c.SettlementNumber!).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var verdicts = await FeedPeople.MatchAsync(db, caller, parsed.Select(p => ((string?)p.Record.IdNumber, (string?)p.Record.Name)), today, cancellationToken);
        await patients.LoadAsync(verdicts.Where(v => v.IsMatch).Select(v => v.Person!).DistinctBy(m => m.Id).ToList(), parsed.Select(p => p.Input.DischargedOn.Year).ToList(), cancellationToken);
        foreach (var ((index, record, input), verdict) in parsed.Zip(verdicts))
        {
            if (verdict.Person is not { } member)
            {
                result.Reject(index, record.ClientRef, verdict.Field!, verdict.Reason!);
                continue;
            }

            if (!settled.Add(input.SettlementNumber!))
            {
                result.Accept(changed: false);
                continue;
            }

            var year = input.DischargedOn.Year;
            var errors = new Dictionary<string, string[]>();
            var claim = ledger.Record(input, patients.Patient(member, year), patients.Totals(member.Id, year), caller.Actor, errors, out var totals);
            if (claim is null)
            {
                settled.Remove(input.SettlementNumber!);
                var (field, reasons) = errors.First();
                result.Reject(index, record.ClientRef, field, reasons[0]);
                continue;
            }

            patients.Keep(totals!);
            result.LargeExpenses += claim.LargeExpenseReported ? 1 : 0;
            result.Accept(changed: true);
        }

        return await services.GetRequiredService<BatchCommit>().TryCommitAsync(db, null, cancellationToken) ? result : null;
    }
}
