using Microsoft.EntityFrameworkCore;
using Platform.Messaging;
using Platform.Messaging.Households;
using Platform.Messaging.Inbox;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults.Idempotency;
using Platform.Welfare.Domain;

namespace Platform.Welfare.Data;

public sealed class WelfareDbContext(DbContextOptions<WelfareDbContext> options)
    : DbContext(options), IMessagingDbContext, IIdempotencyDbContext, IHouseholdReplicaDbContext
{
    public DbSet<ReplicaHousehold> ReplicaHouseholds => Set<ReplicaHousehold>();

    public DbSet<ReplicaMember> ReplicaMembers => Set<ReplicaMember>();

    public DbSet<IncomeRecord> IncomeRecords => Set<IncomeRecord>();

    public DbSet<MeansCheck> MeansChecks => Set<MeansCheck>();

    public DbSet<AssistanceApplication> AssistanceApplications => Set<AssistanceApplication>();

    public DbSet<AssistanceEnrolment> AssistanceEnrolments => Set<AssistanceEnrolment>();

    public DbSet<AssistancePayment> AssistancePayments => Set<AssistancePayment>();

    public DbSet<InsuranceEnrolment> InsuranceEnrolments => Set<InsuranceEnrolment>();

    public DbSet<MedicalGuarantee> MedicalGuarantees => Set<MedicalGuarantee>();

    public DbSet<HospitalClaim> HospitalClaims => Set<HospitalClaim>();

    public DbSet<PatientYear> PatientYears => Set<PatientYear>();

    public DbSet<ChronicCertificate> ChronicCertificates => Set<ChronicCertificate>();

    public DbSet<DrugDelivery> DrugDeliveries => Set<DrugDelivery>();

    public DbSet<DisabilityAssessment> DisabilityAssessments => Set<DisabilityAssessment>();

    public DbSet<ProtectionPolicy> ProtectionPolicies => Set<ProtectionPolicy>();

    public DbSet<ProtectionCover> ProtectionCovers => Set<ProtectionCover>();

    public DbSet<ProtectionPayout> ProtectionPayouts => Set<ProtectionPayout>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WelfareDbContext).Assembly);
        modelBuilder.AddHouseholdReplica();
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddIdempotentRequests();
    }
}
