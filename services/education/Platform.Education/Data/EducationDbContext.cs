using Microsoft.EntityFrameworkCore;
using Platform.Education.Domain;
using Platform.Messaging;
using Platform.Messaging.Inbox;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Education.Data;

public sealed class EducationDbContext(DbContextOptions<EducationDbContext> options) : DbContext(options), IMessagingDbContext, IIdempotencyDbContext
{
    public DbSet<FollowedHousehold> Households => Set<FollowedHousehold>();

    public DbSet<Student> Students => Set<Student>();

    public DbSet<DropoutCase> DropoutCases => Set<DropoutCase>();

    public DbSet<PersuasionVisit> PersuasionVisits => Set<PersuasionVisit>();

    public DbSet<EducationGuarantee> Guarantees => Set<EducationGuarantee>();

    public DbSet<HouseholdMember> Members => Set<HouseholdMember>();

    public DbSet<AidGrant> AidGrants => Set<AidGrant>();

    public DbSet<TrainingCourse> TrainingCourses => Set<TrainingCourse>();

    public DbSet<TrainingEnrolment> TrainingEnrolments => Set<TrainingEnrolment>();

    public DbSet<Facility> Facilities => Set<Facility>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EducationDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddIdempotentRequests();
    }
}
