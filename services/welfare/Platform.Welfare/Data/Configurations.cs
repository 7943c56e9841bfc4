using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Welfare.Domain;

namespace Platform.Welfare.Data;

internal static class Money
{
    /// <summary>Yuan with two decimals, up to ten billion.</summary>
    public static PropertyBuilder<decimal> AsMoney(this PropertyBuilder<decimal> property) => property.HasPrecision(14, 2);
}

internal sealed class IncomeRecordConfiguration : IEntityTypeConfiguration<IncomeRecord>
{
    public void Configure(EntityTypeBuilder<IncomeRecord> record)
    {
        record.HasKey(r => new { r.Source, r.SourceRecordId });
        record.Property(r => r.SourceRecordId).HasMaxLength(100);
        record.Property(r => r.Amount).AsMoney();
        record.HasIndex(r => new { r.HouseholdId, r.Year });
    }
}

internal sealed class MeansCheckConfiguration : IEntityTypeConfiguration<MeansCheck>
{
    public void Configure(EntityTypeBuilder<MeansCheck> check)
    {
        check.HasKey(c => new { c.HouseholdId, c.Year });
        check.Property(c => c.VerifiedIncome).AsMoney();
        check.Property(c => c.Note).HasMaxLength(200);
        check.Property(c => c.RecordedBy).HasMaxLength(100);
    }
}

internal sealed class AssistanceApplicationConfiguration : IEntityTypeConfiguration<AssistanceApplication>
{
    public void Configure(EntityTypeBuilder<AssistanceApplication> application)
    {
        application.Property(a => a.Id).ValueGeneratedNever();
        application.Property(a => a.AnnualIncome).AsMoney();
        application.Property(a => a.PerCapitaIncome).AsMoney();
        application.Property(a => a.Standard).AsMoney();
        application.Property(a => a.Reason).HasMaxLength(300);
        application.Property(a => a.Note).HasMaxLength(200);
        application.Property(a => a.DecidedBy).HasMaxLength(100);
        application.HasIndex(a => a.HouseholdId);
        application.HasIndex(a => a.DecidedAt);
    }
}

internal sealed class AssistanceEnrolmentConfiguration : IEntityTypeConfiguration<AssistanceEnrolment>
{
    public const string OneActivePerHousehold = "ux_assistance_enrolments_active_household";

    public void Configure(EntityTypeBuilder<AssistanceEnrolment> enrolment)
    {
        enrolment.Property(e => e.Id).ValueGeneratedNever();
        enrolment.Property(e => e.MonthlyAmount).AsMoney();
        enrolment.Property(e => e.PerCapitaIncome).AsMoney();
        enrolment.Property(e => e.EnrolledBy).HasMaxLength(100);
        enrolment.Property(e => e.EndReason).HasMaxLength(200);
        enrolment.Ignore(e => e.IsActive);
        // One household is in 低保 or 特困 at a time.
        enrolment.HasIndex(e => e.HouseholdId).IsUnique().HasFilter("ended_on IS NULL").HasDatabaseName(OneActivePerHousehold);
        enrolment.HasIndex(e => new { e.Category, e.EndedOn });
    }
}

internal sealed class AssistancePaymentConfiguration : IEntityTypeConfiguration<AssistancePayment>
{
    public const string OncePerMonth = "ux_assistance_payments_enrolment_month";

    public void Configure(EntityTypeBuilder<AssistancePayment> payment)
    {
        payment.Property(p => p.Id).ValueGeneratedNever();
        payment.Property(p => p.Amount).AsMoney();
        payment.Property(p => p.PaidBy).HasMaxLength(100);
        payment.Ignore(p => p.Description);
        payment.HasOne<AssistanceEnrolment>().WithMany().HasForeignKey(p => p.EnrolmentId).OnDelete(DeleteBehavior.Restrict);
        // A month is paid once per enrolment, whoever runs the payments and however often.
        payment.HasIndex(p => new { p.EnrolmentId, p.Month }).IsUnique().HasDatabaseName(OncePerMonth);
        payment.HasIndex(p => new { p.HouseholdId, p.Month });
        payment.HasIndex(p => p.Month);
    }
}

internal sealed class InsuranceEnrolmentConfiguration : IEntityTypeConfiguration<InsuranceEnrolment>
{
    public const string OncePerYear = "ux_insurance_enrolments_member_year";

    public void Configure(EntityTypeBuilder<InsuranceEnrolment> enrolment)
    {
        enrolment.Property(e => e.Id).ValueGeneratedNever();
        enrolment.Property(e => e.Premium).AsMoney();
        enrolment.Property(e => e.Subsidy).AsMoney();
        enrolment.Property(e => e.RecordedBy).HasMaxLength(100);
        enrolment.Ignore(e => e.Covered);
        enrolment.HasIndex(e => new { e.MemberId, e.Year }).IsUnique().HasDatabaseName(OncePerYear);
        enrolment.HasIndex(e => new { e.HouseholdId, e.Year });
        enrolment.HasIndex(e => e.Year);
    }
}

internal sealed class MedicalGuaranteeConfiguration : IEntityTypeConfiguration<MedicalGuarantee>
{
    public void Configure(EntityTypeBuilder<MedicalGuarantee> guarantee)
    {
        guarantee.HasKey(g => g.HouseholdId);
        guarantee.Property(g => g.Reason).HasMaxLength(200);
        // Optimistic concurrency on PostgreSQL's row version: two enrolments of one household at once.
        guarantee.Property<uint>("Version").IsRowVersion();
    }
}

internal sealed class HospitalClaimConfiguration : IEntityTypeConfiguration<HospitalClaim>
{
    public const string UniqueSettlement = "ux_hospital_claims_settlement_number";

    public void Configure(EntityTypeBuilder<HospitalClaim> claim)
    {
        claim.Property(c => c.Id).ValueGeneratedNever();
        claim.Property(c => c.SettlementNumber).HasMaxLength(40);
        claim.Property(c => c.Hospital).HasMaxLength(ClaimRules.MaxHospitalLength);
        claim.Property(c => c.Diagnosis).HasMaxLength(100);
        claim.Property(c => c.RecordedBy).HasMaxLength(100);
        foreach (var money in new[]
                 {
                     nameof(HospitalClaim.TotalCost), nameof(HospitalClaim.WithinPolicyCost), nameof(HospitalClaim.BasicInsurance), nameof(HospitalClaim.CriticalIllness),
                     nameof(HospitalClaim.MedicalAssistance), nameof(HospitalClaim.Supplementary), nameof(HospitalClaim.HealthPolicy), nameof(HospitalClaim.CriticalIllnessBase),
                     nameof(HospitalClaim.Reimbursed), nameof(HospitalClaim.OutOfPocket), nameof(HospitalClaim.WithinPolicyOutOfPocket),
                 })
        {
            claim.Property<decimal>(money).HasPrecision(14, 2);
        }

        claim.Ignore(c => c.Year);
        claim.Ignore(c => c.Description);
        claim.HasIndex(c => c.SettlementNumber).IsUnique().HasFilter("settlement_number IS NOT NULL").HasDatabaseName(UniqueSettlement);
        claim.HasIndex(c => c.MemberId);
        claim.HasIndex(c => c.HouseholdId);
        claim.HasIndex(c => c.DischargedOn);
    }
}

internal sealed class PatientYearConfiguration : IEntityTypeConfiguration<PatientYear>
{
    public void Configure(EntityTypeBuilder<PatientYear> year)
    {
        year.HasKey(y => new { y.MemberId, y.Year });
        foreach (var money in new[]
                 {
                     nameof(PatientYear.BasicInsurance), nameof(PatientYear.CriticalIllnessBase), nameof(PatientYear.CriticalIllness), nameof(PatientYear.MedicalAssistance),
                     nameof(PatientYear.Supplementary), nameof(PatientYear.HealthPolicy), nameof(PatientYear.HealthPolicyOutOfPocket),
                 })
        {
            year.Property<decimal>(money).HasPrecision(14, 2);
        }

        year.Ignore(y => y.ToDate);
        // Two claims of one patient at once: the second is computed again on the first's totals.
        year.Property<uint>("Version").IsRowVersion();
    }
}

internal sealed class ChronicCertificateConfiguration : IEntityTypeConfiguration<ChronicCertificate>
{
    public const string OneActivePerDisease = "ux_chronic_certificates_active_member_disease";
    public const string UniqueNumber = "ux_chronic_certificates_number";

    public void Configure(EntityTypeBuilder<ChronicCertificate> certificate)
    {
        certificate.Property(c => c.Id).ValueGeneratedNever();
        certificate.Property(c => c.Disease).HasMaxLength(ChronicCertificate.MaxDiseaseLength);
        certificate.Property(c => c.CertificateNumber).HasMaxLength(40);
        certificate.Property(c => c.Issuer).HasMaxLength(100);
        certificate.Property(c => c.RevokeReason).HasMaxLength(200);
        certificate.Property(c => c.RecordedBy).HasMaxLength(100);
        certificate.Ignore(c => c.IsActive);
        certificate.Ignore(c => c.Level);
        certificate.HasIndex(c => new { c.MemberId, c.Disease }).IsUnique().HasFilter("revoked_on IS NULL").HasDatabaseName(OneActivePerDisease);
        certificate.HasIndex(c => c.CertificateNumber).IsUnique().HasFilter("certificate_number IS NOT NULL").HasDatabaseName(UniqueNumber);
        certificate.HasIndex(c => c.HouseholdId);
    }
}

internal sealed class DrugDeliveryConfiguration : IEntityTypeConfiguration<DrugDelivery>
{
    public void Configure(EntityTypeBuilder<DrugDelivery> delivery)
    {
        delivery.Property(d => d.Id).ValueGeneratedNever();
        delivery.Property(d => d.VillageCode).HasMaxLength(12);
        delivery.Property(d => d.Drugs).HasMaxLength(300);
        delivery.Property(d => d.DeliveredBy).HasMaxLength(100);
        delivery.HasOne<ChronicCertificate>().WithMany().HasForeignKey(d => d.CertificateId).OnDelete(DeleteBehavior.Restrict);
        delivery.HasIndex(d => d.CertificateId);
        delivery.HasIndex(d => new { d.VillageCode, d.DeliveredOn });
    }
}

internal sealed class DisabilityAssessmentConfiguration : IEntityTypeConfiguration<DisabilityAssessment>
{
    public void Configure(EntityTypeBuilder<DisabilityAssessment> assessment)
    {
        assessment.Property(a => a.Id).ValueGeneratedNever();
        assessment.Property(a => a.Assessor).HasMaxLength(100);
        assessment.Property(a => a.RecordedBy).HasMaxLength(100);
        assessment.HasIndex(a => new { a.MemberId, a.AssessedOn });
        assessment.HasIndex(a => a.HouseholdId);
    }
}

internal sealed class ProtectionPolicyConfiguration : IEntityTypeConfiguration<ProtectionPolicy>
{
    public const string OnePerYear = "ux_protection_policies_year";

    public void Configure(EntityTypeBuilder<ProtectionPolicy> policy)
    {
        policy.Property(p => p.Id).ValueGeneratedNever();
        policy.Property(p => p.Insurer).HasMaxLength(100);
        policy.Property(p => p.PolicyNumber).HasMaxLength(40);
        policy.Property(p => p.PremiumPerPerson).AsMoney();
        policy.Property(p => p.IllnessSum).AsMoney();
        policy.Property(p => p.SchoolingSum).AsMoney();
        policy.Property(p => p.DisasterSum).AsMoney();
        policy.Property(p => p.CreatedBy).HasMaxLength(100);
        policy.HasIndex(p => p.Year).IsUnique().HasDatabaseName(OnePerYear);
        policy.HasIndex(p => p.PolicyNumber).IsUnique();
    }
}

internal sealed class ProtectionCoverConfiguration : IEntityTypeConfiguration<ProtectionCover>
{
    public void Configure(EntityTypeBuilder<ProtectionCover> cover)
    {
        cover.HasKey(c => new { c.PolicyId, c.HouseholdId });
        cover.Property(c => c.Premium).AsMoney();
        cover.HasOne<ProtectionPolicy>().WithMany().HasForeignKey(c => c.PolicyId).OnDelete(DeleteBehavior.Restrict);
        cover.HasIndex(c => c.HouseholdId);
    }
}

internal sealed class ProtectionPayoutConfiguration : IEntityTypeConfiguration<ProtectionPayout>
{
    public const string UniqueClaimNumber = "ux_protection_payouts_claim_number";

    public void Configure(EntityTypeBuilder<ProtectionPayout> payout)
    {
        payout.Property(p => p.Id).ValueGeneratedNever();
        payout.Property(p => p.Amount).AsMoney();
        payout.Property(p => p.ClaimNumber).HasMaxLength(40);
        payout.Property(p => p.Note).HasMaxLength(200);
        payout.Property(p => p.PaidBy).HasMaxLength(100);
        payout.Ignore(p => p.Description);
        payout.HasOne<ProtectionPolicy>().WithMany().HasForeignKey(p => p.PolicyId).OnDelete(DeleteBehavior.Restrict);
        payout.HasIndex(p => p.ClaimNumber).IsUnique().HasFilter("claim_number IS NOT NULL").HasDatabaseName(UniqueClaimNumber);
        payout.HasIndex(p => new { p.HouseholdId, p.PolicyId, p.Cause });
    }
}
