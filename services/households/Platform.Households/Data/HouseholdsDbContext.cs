using Microsoft.EntityFrameworkCore;
using Platform.Households.Domain;
using Platform.Messaging;
using Platform.Messaging.Inbox;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Households.Data;

public sealed class HouseholdsDbContext(DbContextOptions<HouseholdsDbContext> options) : DbContext(options), IMessagingDbContext, IIdempotencyDbContext
{
    public DbSet<Township> Townships => Set<Township>();

    public DbSet<Village> Villages => Set<Village>();

    public DbSet<Household> Households => Set<Household>();

    public DbSet<Member> Members => Set<Member>();

    public DbSet<StatusChange> StatusChanges => Set<StatusChange>();

    public DbSet<IncomeRecord> IncomeRecords => Set<IncomeRecord>();

    public DbSet<GuaranteeAssessment> GuaranteeAssessments => Set<GuaranteeAssessment>();

    public DbSet<GuaranteeState> GuaranteeStates => Set<GuaranteeState>();

    public DbSet<ExitBatch> ExitBatches => Set<ExitBatch>();

    public DbSet<ExitCase> ExitCases => Set<ExitCase>();

    public DbSet<ExitStepRecord> ExitSteps => Set<ExitStepRecord>();

    public DbSet<MonitoringFlag> MonitoringFlags => Set<MonitoringFlag>();

    public DbSet<MonitoringSignal> MonitoringSignals => Set<MonitoringSignal>();

    public DbSet<AssistanceMeasure> AssistanceMeasures => Set<AssistanceMeasure>();

    public DbSet<VillageExit> VillageExits => Set<VillageExit>();

    public DbSet<Inspection> Inspections => Set<Inspection>();

    public DbSet<InspectionSample> InspectionSamples => Set<InspectionSample>();

    public DbSet<InspectionVillage> InspectionVillages => Set<InspectionVillage>();

    public DbSet<InspectionVisit> InspectionVisits => Set<InspectionVisit>();

    public DbSet<MissedPoorFinding> MissedPoorFindings => Set<MissedPoorFinding>();

    public DbSet<Cadre> Cadres => Set<Cadre>();

    public DbSet<Pairing> Pairings => Set<Pairing>();

    public DbSet<WorkTeam> WorkTeams => Set<WorkTeam>();

    public DbSet<HouseholdProfile> HouseholdProfiles => Set<HouseholdProfile>();

    public DbSet<MemberProfile> MemberProfiles => Set<MemberProfile>();

    public DbSet<CountyStatistic> CountyStatistics => Set<CountyStatistic>();

    public DbSet<CampaignHistoryImport> CampaignHistoryImports => Set<CampaignHistoryImport>();

    public DbSet<HouseholdTally> HouseholdTallies => Set<HouseholdTally>();

    public DbSet<HelperTally> HelperTallies => Set<HelperTally>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HouseholdsDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddIdempotentRequests();
    }
}
