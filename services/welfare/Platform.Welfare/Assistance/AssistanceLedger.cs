using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Registry;
using Platform.Contracts.Welfare;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.Welfare.Common;
using Platform.Welfare.Data;
using Platform.Welfare.Domain;

namespace Platform.Welfare.Assistance;

/// <summary>What deciding an application did: the application kept, and the enrolment when approved.</summary>
public sealed record AssistanceDecision(AssistanceApplication Application, AssistanceEnrolment? Enrolment);

/// <summary>
/// 低保 and 特困 inside the caller's unit of work: means checks, decisions on applications (with the enrolment and
/// its event), the end of an enrolment, and the monthly payments with the household's income record for the
/// registry — each committed by the caller's SaveChanges together with its outbox rows, or not at all.
/// Used by the portal and the civil-affairs feed alike.
/// </summary>
public sealed class AssistanceLedger(WelfareDbContext db, WelfarePolicies policies, TimeProvider clock)
{
    public const int FirstYear = 2014;

    /// <summary>A year the rules can test: configured, not before the campaign, not after this year.</summary>
    public RuleResult CheckYear(int year, string field, out AssistanceStandard? standard)
    {
        standard = policies.Standard(year);
        if (year < FirstYear || year > clock.Today().Year)
        {
            return RuleResult.Fail(field, $"年度应在{FirstYear}年至今年之间");
        }

        return standard is null ? RuleResult.Fail(field, $"{year}年的低保、特困标准尚未配置") : RuleResult.Ok;
    }

    /// <summary>
    /// 家庭经济状况核对: records (or corrects) the verified annual net income of a household for a year; Changed is false
    /// when it was recorded already as it is.
    /// </summary>
    public (MeansCheck Check, bool Changed) RecordCheck(MeansCheck? existing, Guid householdId, int year, decimal verifiedIncome, DateOnly checkedOn, string? note, string recordedBy)
    {
        var now = clock.GetUtcNow();
        if (existing is null)
        {
            var check = new MeansCheck
            {
                HouseholdId = householdId, Year = year, VerifiedIncome = verifiedIncome, CheckedOn = checkedOn, Note = note, RecordedBy = recordedBy, RecordedAt = now,
            };
            db.MeansChecks.Add(check);
            return (check, true);
        }

        if (existing.VerifiedIncome == verifiedIncome && existing.CheckedOn == checkedOn)
        {
            return (existing, false);
        }

        existing.VerifiedIncome = verifiedIncome;
        existing.CheckedOn = checkedOn;
        existing.Note = note;
        existing.RecordedBy = recordedBy;
        existing.RecordedAt = now;
        return (existing, true);
    }

    /// <summary>
    /// Decides an application on the household's means test. Wrong requests (a category the test did not find,
    /// an amount above the standard) are refused and nothing is added; a household that does not qualify gets a
    /// refused application with the reason; one that does is enrolled from this month with its monthly amount
    /// (the standard unless one was decided) and the registry is told. The caller checked that the household
    /// has no active enrolment.
    /// </summary>
    public RuleResult Decide(
        HouseholdSituation household, int year, decimal annualIncome, AssistanceStandard standard, SocialAssistanceCategory? requested, decimal? monthlyAmount,
        string? note, string decidedBy, bool keepRefusal, out AssistanceDecision? decision)
    {
        ArgumentNullException.ThrowIfNull(household);
        decision = null;
        var today = clock.Today();
        var test = AssistanceRules.Test(household.Facts, annualIncome, standard, today);
        var check = AssistanceRules.CheckRequest(test, requested, monthlyAmount, standard);
        if (!check.Succeeded && (test.Qualifies || !keepRefusal))
        {
            return check;
        }

        var now = clock.GetUtcNow();
        var applicationId = Guid.CreateVersion7(now);
        AssistanceEnrolment? enrolment = null;
        if (test.Category is { } category)
        {
            enrolment = new AssistanceEnrolment
            {
                Id = Guid.CreateVersion7(now),
                HouseholdId = household.Household.Id,
                Category = category,
                People = test.People,
                MonthlyAmount = monthlyAmount ?? test.MonthlyAmount,
                Year = year,
                PerCapitaIncome = test.PerCapitaIncome,
                StartMonth = AssistanceEnrolment.MonthOf(today),
                EnrolledBy = decidedBy,
                EnrolledAt = now,
                ApplicationId = applicationId,
            };
        }

        var application = new AssistanceApplication
        {
            Id = applicationId,
            HouseholdId = household.Household.Id,
            Year = year,
            RequestedCategory = requested,
            Category = test.Category,
            Approved = test.Qualifies,
            People = test.People,
            AnnualIncome = annualIncome,
            PerCapitaIncome = test.PerCapitaIncome,
            Standard = test.Standard,
            Reason = test.Reason,
            EnrolmentId = enrolment?.Id,
            Note = note,
            AppliedOn = today,
            DecidedBy = decidedBy,
            DecidedAt = now,
        };
        db.AssistanceApplications.Add(application);
        if (enrolment is not null)
        {
            db.AssistanceEnrolments.Add(enrolment);
            db.AddIntegrationEvent(
                new SocialAssistanceGranted
                {
                    EventId = Guid.CreateVersion7(now), HouseholdId = enrolment.HouseholdId, OccurredAt = now, EnrolmentId = enrolment.Id, Category = enrolment.Category,
                    People = enrolment.People, MonthlyAmount = enrolment.MonthlyAmount, StartMonth = enrolment.StartMonth,
                },
                clock);
        }

        decision = new AssistanceDecision(application, enrolment);
        return RuleResult.Ok;
    }

    /// <summary>停保: ends the enrolment and tells the registry.</summary>
    public RuleResult End(AssistanceEnrolment enrolment, DateOnly on, string reason)
    {
        ArgumentNullException.ThrowIfNull(enrolment);
        var result = enrolment.End(on, reason, clock.Today());
        if (result.Succeeded)
        {
            var now = clock.GetUtcNow();
            db.AddIntegrationEvent(
                new SocialAssistanceEnded
                {
                    EventId = Guid.CreateVersion7(now), HouseholdId = enrolment.HouseholdId, OccurredAt = now, EnrolmentId = enrolment.Id, Category = enrolment.Category,
                    EndedOn = on, Reason = enrolment.EndReason!,
                },
                clock);
        }

        return result;
    }

    /// <summary>
    /// The month's payments (发放) of every enrolment that covers the month and has not been paid for it, each
    /// with the household's transfer income (counts toward stable income) — written by COPY in one transaction
    /// with their outbox rows. A month paid already is not paid again (a unique index holds it even when two runs race).
    /// </summary>
    public async Task<Outcome<PaymentRun>> PayAsync(DateOnly month, string paidBy, CancellationToken cancellationToken)
    {
        var can = AssistancePayment.CanPay(month, clock.Today());
        if (!can.Succeeded)
        {
            return Outcome<PaymentRun>.Refused(Refusal.Invalid, can.Field!, can.Error!);
        }

        var due = await db.AssistanceEnrolments.AsNoTracking()
            .Where(e => e.StartMonth <= month && (e.EndedOn == null || e.EndedOn >= month))
            .Where(e => !db.AssistancePayments.Any(p => p.EnrolmentId == e.Id && p.Month == month))
            .ToListAsync(cancellationToken);
        var already = await db.AssistancePayments.CountAsync(p => p.Month == month, cancellationToken);
        var now = clock.GetUtcNow();
        var payments = due.Select(e => new AssistancePayment
        {
            Id = Guid.CreateVersion7(now), EnrolmentId = e.Id, HouseholdId = e.HouseholdId, Category = e.Category, Month = month, Amount = e.MonthlyAmount, PaidBy = paidBy, PaidAt = now,
        }).ToList();
        if (payments.Count > 0)
        {
            await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.AssistancePayments.AddRange(payments);
            foreach (var payment in payments)
            {
                db.AddIntegrationEvent(Income(payment), clock);
            }

            try
            {
                await AddedRowsCopy.CopyAsync(db, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation)
            {
                return Outcome<PaymentRun>.Refused(Refusal.Conflict, "month", "该月救助金正由他人发放，请稍后查看发放结果");
            }
            finally
            {
                db.ChangeTracker.Clear();
                db.ChangeTracker.AutoDetectChangesEnabled = true;
            }
        }

        return Outcome<PaymentRun>.Done(new PaymentRun(
            WireText.Month(month),
            payments.Count,
            payments.Where(p => p.Category == SocialAssistanceCategory.MinimumLiving).Sum(p => p.Amount),
            payments.Where(p => p.Category == SocialAssistanceCategory.ExtremePoverty).Sum(p => p.Amount),
            already));
    }

    /// <summary>The payment as the household's income in the registry (转移性收入, counts toward stable exit income).</summary>
    public static IncomeRecorded Income(AssistancePayment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return new IncomeRecorded
        {
            EventId = Guid.CreateVersion7(payment.PaidAt),
            HouseholdId = payment.HouseholdId,
            OccurredAt = payment.PaidAt,
            Year = payment.Month.Year,
            Kind = IncomeKind.Transfer,
            Amount = payment.Amount,
            CountsTowardExit = true,
            Source = Pillar.Welfare,
            SourceRecordId = "assistance-payment:" + payment.Id,
            Description = payment.Description,
        };
    }
}

/// <summary>What a payment run paid: new payments by category, and how many of the month were paid before.</summary>
public sealed record PaymentRun(string Month, int Paid, decimal MinimumLivingAmount, decimal ExtremePovertyAmount, int PaidBefore);
