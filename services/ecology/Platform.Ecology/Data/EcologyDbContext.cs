using Microsoft.EntityFrameworkCore;
using Platform.Ecology.Domain;
using Platform.Messaging;
using Platform.Messaging.Households;
using Platform.Messaging.Inbox;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Ecology.Data;

public sealed class EcologyDbContext(DbContextOptions<EcologyDbContext> options)
    : DbContext(options), IMessagingDbContext, IIdempotencyDbContext, IHouseholdReplicaDbContext
{
    public DbSet<ReplicaHousehold> ReplicaHouseholds => Set<ReplicaHousehold>();

    public DbSet<ReplicaMember> ReplicaMembers => Set<ReplicaMember>();

    public DbSet<RangerQuota> RangerQuotas => Set<RangerQuota>();

    public DbSet<RangerPost> RangerPosts => Set<RangerPost>();

    public DbSet<Patrol> Patrols => Set<Patrol>();

    public DbSet<RangerPay> RangerPay => Set<RangerPay>();

    public DbSet<CompensationPayment> CompensationPayments => Set<CompensationPayment>();

    public DbSet<EcologyProject> Projects => Set<EcologyProject>();

    public DbSet<ProjectHousehold> ProjectHouseholds => Set<ProjectHousehold>();

    public DbSet<ProjectIncome> ProjectIncomes => Set<ProjectIncome>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EcologyDbContext).Assembly);
        modelBuilder.AddHouseholdReplica();
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddIdempotentRequests();
    }
}
