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
