using Microsoft.EntityFrameworkCore;
using Platform.Industry.Domain;
using Platform.Messaging;
using Platform.Messaging.Households;
using Platform.Messaging.Inbox;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Industry.Data;

public sealed class IndustryDbContext(DbContextOptions<IndustryDbContext> options)
    : DbContext(options), IMessagingDbContext, IIdempotencyDbContext, IHouseholdReplicaDbContext
{
    public DbSet<MarketEntity> Entities => Set<MarketEntity>();

    public DbSet<IndustryBase> Bases => Set<IndustryBase>();

    public DbSet<BenefitLink> Links => Set<BenefitLink>();

    public DbSet<LinkPayment> Payments => Set<LinkPayment>();

    public DbSet<IndustryProject> Projects => Set<IndustryProject>();

    public DbSet<EmploymentRecord> Employment => Set<EmploymentRecord>();

    public DbSet<ConsumptionSale> Sales => Set<ConsumptionSale>();

    public DbSet<SaleShare> SaleShares => Set<SaleShare>();

    public DbSet<IndustryIncome> Income => Set<IndustryIncome>();

    public DbSet<JobMatchingTask> MatchingTasks => Set<JobMatchingTask>();

    public DbSet<MemberSkill> Skills => Set<MemberSkill>();

    public DbSet<WorkListEntry> WorkList => Set<WorkListEntry>();

    public DbSet<ReplicaHousehold> ReplicaHouseholds => Set<ReplicaHousehold>();

    public DbSet<ReplicaMember> ReplicaMembers => Set<ReplicaMember>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(IndustryDbContext).Assembly);
        modelBuilder.AddHouseholdReplica();
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddIdempotentRequests();
    }
}
