using Microsoft.EntityFrameworkCore;
using Platform.Messaging;
using Platform.Messaging.Households;
using Platform.Messaging.Inbox;
using Platform.Messaging.Outbox;
using Platform.Relocation.Domain;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Relocation.Data;

public sealed class RelocationDbContext(DbContextOptions<RelocationDbContext> options)
    : DbContext(options), IMessagingDbContext, IIdempotencyDbContext, IHouseholdReplicaDbContext
{
    public DbSet<ReplicaHousehold> ReplicaHouseholds => Set<ReplicaHousehold>();

    public DbSet<ReplicaMember> ReplicaMembers => Set<ReplicaMember>();

    public DbSet<ResettlementSite> Sites => Set<ResettlementSite>();

    public DbSet<SiteFacilityInPlace> SiteFacilities => Set<SiteFacilityInPlace>();

    public DbSet<RelocationCase> Cases => Set<RelocationCase>();

    public DbSet<HousingAppraisal> Appraisals => Set<HousingAppraisal>();

    public DbSet<RenovationProject> Renovations => Set<RenovationProject>();

    public DbSet<ToiletRenovation> Toilets => Set<ToiletRenovation>();

    public DbSet<WaterProject> WaterProjects => Set<WaterProject>();

    public DbSet<WaterProjectHousehold> WaterProjectHouseholds => Set<WaterProjectHousehold>();

    public DbSet<WaterQualityTest> WaterTests => Set<WaterQualityTest>();

    public DbSet<GuaranteeState> Guarantees => Set<GuaranteeState>();

    public DbSet<SubsidyPayment> Subsidies => Set<SubsidyPayment>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RelocationDbContext).Assembly);
        modelBuilder.AddHouseholdReplica();
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddIdempotentRequests();
    }
}
