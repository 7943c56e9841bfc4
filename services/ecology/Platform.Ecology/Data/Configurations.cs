using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Ecology.Domain;
using Platform.Messaging.Households;

namespace Platform.Ecology.Data;

internal sealed class RangerQuotaConfiguration : IEntityTypeConfiguration<RangerQuota>
{
    public void Configure(EntityTypeBuilder<RangerQuota> quota)
    {
        quota.HasKey(q => new { q.Year, q.TownshipCode });
        quota.Property(q => q.TownshipCode).HasMaxLength(9);
        quota.Property(q => q.SetBy).HasMaxLength(100);
    }
}

internal sealed class RangerPostConfiguration : IEntityTypeConfiguration<RangerPost>
{
    public void Configure(EntityTypeBuilder<RangerPost> post)
    {
        post.Property(p => p.Id).ValueGeneratedNever();
        post.Property(p => p.TownshipCode).HasMaxLength(9);
        post.Property(p => p.VillageCode).HasMaxLength(12);
        post.Property(p => p.PatrolArea).HasMaxLength(100);
        post.Property(p => p.AreaMu).HasPrecision(12, 2);
        post.Property(p => p.AnnualPay).HasPrecision(12, 2);
        post.Property(p => p.SelectedBy).HasMaxLength(100);
        post.Property(p => p.EndNote).HasMaxLength(200);
        post.Property(p => p.EndedBy).HasMaxLength(100);
        post.Property(p => p.AssessmentNote).HasMaxLength(200);
        post.Property(p => p.AssessedBy).HasMaxLength(100);
        // Optimistic concurrency: two changes of one post (an end, an assessment) cannot both win.
        post.Property<uint>("Version").IsRowVersion();
        post.Ignore(p => p.InPost);
        post.Ignore(p => p.LastDay);
        post.Ignore(p => p.PayDue);
        post.HasOne<ReplicaMember>().WithMany().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Restrict);
        post.HasOne<ReplicaHousehold>().WithMany().HasForeignKey(p => p.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        // One post per person and contract year, whatever became of it.
        post.HasIndex(p => new { p.MemberId, p.Year }).IsUnique();
        post.HasIndex(p => new { p.HouseholdId, p.Year });
        post.HasIndex(p => new { p.Year, p.TownshipCode, p.VillageCode });
    }
}

internal sealed class PatrolConfiguration : IEntityTypeConfiguration<Patrol>
{
    public void Configure(EntityTypeBuilder<Patrol> patrol)
    {
        patrol.Property(p => p.Id).ValueGeneratedNever();
        patrol.Property(p => p.Hours).HasPrecision(4, 1);
        patrol.Property(p => p.DistanceKm).HasPrecision(5, 1);
        patrol.Property(p => p.Findings).HasMaxLength(500);
        patrol.Property(p => p.RecordedBy).HasMaxLength(100);
        patrol.HasOne<RangerPost>().WithMany().HasForeignKey(p => p.PostId);
        // One record per post and day: a patrol reported again is the same patrol.
        patrol.HasIndex(p => new { p.PostId, p.PatrolledOn }).IsUnique();
    }
}

internal sealed class RangerPayConfiguration : IEntityTypeConfiguration<RangerPay>
{
    public void Configure(EntityTypeBuilder<RangerPay> pay)
    {
        pay.ToTable("ranger_pay");
        pay.Property(p => p.Id).ValueGeneratedNever();
        pay.Property(p => p.Amount).HasPrecision(12, 2);
        pay.Property(p => p.Note).HasMaxLength(200);
        pay.Property(p => p.RecordedBy).HasMaxLength(100);
        pay.HasOne<RangerPost>().WithMany().HasForeignKey(p => p.PostId);
        // A post's year is paid once: the income the registry counts once.
        pay.HasIndex(p => p.PostId).IsUnique();
        pay.HasIndex(p => p.HouseholdId);
    }
}

internal sealed class CompensationPaymentConfiguration : IEntityTypeConfiguration<CompensationPayment>
{
    public void Configure(EntityTypeBuilder<CompensationPayment> payment)
    {
        payment.Property(p => p.Id).ValueGeneratedNever();
        payment.Property(p => p.AreaMu).HasPrecision(12, 2);
        payment.Property(p => p.RatePerMu).HasPrecision(12, 4);
        payment.Property(p => p.Amount).HasPrecision(14, 2);
        payment.Property(p => p.Note).HasMaxLength(200);
        payment.Property(p => p.RecordedBy).HasMaxLength(100);
        payment.HasOne<ReplicaHousehold>().WithMany().HasForeignKey(p => p.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        // One payment of a kind per household and year.
        payment.HasIndex(p => new { p.HouseholdId, p.Kind, p.Year }).IsUnique();
        payment.HasIndex(p => new { p.Year, p.Kind });
    }
}

internal sealed class EcologyProjectConfiguration : IEntityTypeConfiguration<EcologyProject>
{
    public void Configure(EntityTypeBuilder<EcologyProject> project)
    {
        project.ToTable("projects");
        project.Property(p => p.Id).ValueGeneratedNever();
        project.Property(p => p.Name).HasMaxLength(100);
        project.Property(p => p.TownshipCode).HasMaxLength(9);
        project.Property(p => p.VillageCode).HasMaxLength(12);
        project.Property(p => p.AreaMu).HasPrecision(12, 2);
        project.Property(p => p.Operator).HasMaxLength(100);
        project.Property(p => p.CreatedBy).HasMaxLength(100);
        project.HasIndex(p => new { p.VillageCode, p.Name }).IsUnique();
        project.HasIndex(p => new { p.TownshipCode, p.VillageCode });
    }
}

internal sealed class ProjectHouseholdConfiguration : IEntityTypeConfiguration<ProjectHousehold>
{
    public void Configure(EntityTypeBuilder<ProjectHousehold> link)
    {
        link.HasKey(l => new { l.ProjectId, l.HouseholdId });
        link.HasOne<EcologyProject>().WithMany().HasForeignKey(l => l.ProjectId);
        link.HasOne<ReplicaHousehold>().WithMany().HasForeignKey(l => l.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        link.HasIndex(l => l.HouseholdId);
    }
}

internal sealed class ProjectIncomeConfiguration : IEntityTypeConfiguration<ProjectIncome>
{
    public void Configure(EntityTypeBuilder<ProjectIncome> income)
    {
        income.Property(i => i.Id).ValueGeneratedNever();
        income.Property(i => i.Amount).HasPrecision(14, 2);
        income.Property(i => i.Note).HasMaxLength(200);
        income.Property(i => i.RecordedBy).HasMaxLength(100);
        income.HasOne<EcologyProject>().WithMany().HasForeignKey(i => i.ProjectId);
        income.HasOne<ReplicaHousehold>().WithMany().HasForeignKey(i => i.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        // One wage and one dividend per project, household and year.
        income.HasIndex(i => new { i.ProjectId, i.HouseholdId, i.Kind, i.Year }).IsUnique();
        income.HasIndex(i => i.HouseholdId);
    }
}
