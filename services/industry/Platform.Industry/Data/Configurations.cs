using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Industry.Domain;
using Platform.Messaging.Households;

namespace Platform.Industry.Data;

internal sealed class MarketEntityConfiguration : IEntityTypeConfiguration<MarketEntity>
{
    public void Configure(EntityTypeBuilder<MarketEntity> entity)
    {
        entity.ToTable("market_entities");
        entity.Property(e => e.Id).ValueGeneratedNever();
        entity.Property(e => e.Code).HasMaxLength(EntityRules.MaxCodeLength);
        entity.Property(e => e.Name).HasMaxLength(EntityRules.MaxNameLength);
        entity.Property(e => e.VillageCode).HasMaxLength(12);
        entity.Property(e => e.TownshipCode).HasMaxLength(9);
        entity.Property(e => e.Industry).HasMaxLength(40);
        entity.Property(e => e.Model).HasMaxLength(40);
        entity.Property(e => e.SiteName).HasMaxLength(100);
        entity.Property(e => e.CreatedBy).HasMaxLength(100);
        entity.Ignore(e => e.IsNewMarketEntity);
        entity.HasIndex(e => e.Code).IsUnique();
        entity.HasIndex(e => new { e.TownshipCode, e.VillageCode });
        entity.HasIndex(e => new { e.Kind, e.SiteId });
    }
}

internal sealed class IndustryBaseConfiguration : IEntityTypeConfiguration<IndustryBase>
{
    public void Configure(EntityTypeBuilder<IndustryBase> industryBase)
    {
        industryBase.ToTable("industry_bases");
        industryBase.Property(b => b.Id).ValueGeneratedNever();
        industryBase.Property(b => b.Code).HasMaxLength(EntityRules.MaxCodeLength);
        industryBase.Property(b => b.Name).HasMaxLength(EntityRules.MaxNameLength);
        industryBase.Property(b => b.Industry).HasMaxLength(40);
        industryBase.Property(b => b.Model).HasMaxLength(40);
        industryBase.Property(b => b.VillageCode).HasMaxLength(12);
        industryBase.Property(b => b.TownshipCode).HasMaxLength(9);
        industryBase.Property(b => b.AreaMu).HasPrecision(14, 2);
        industryBase.Property(b => b.CreatedBy).HasMaxLength(100);
        industryBase.HasOne<MarketEntity>().WithMany().HasForeignKey(b => b.EntityId).OnDelete(DeleteBehavior.Restrict);
        industryBase.HasIndex(b => b.Code).IsUnique();
        industryBase.HasIndex(b => new { b.TownshipCode, b.VillageCode });
    }
}

internal sealed class BenefitLinkConfiguration : IEntityTypeConfiguration<BenefitLink>
{
    public void Configure(EntityTypeBuilder<BenefitLink> link)
    {
        link.ToTable("benefit_links");
        link.Property(l => l.Id).ValueGeneratedNever();
        link.Property(l => l.EndReason).HasMaxLength(200);
        link.Property(l => l.Note).HasMaxLength(200);
        link.Property(l => l.CreatedBy).HasMaxLength(100);
        link.Ignore(l => l.IsOpen);
        link.HasOne<MarketEntity>().WithMany().HasForeignKey(l => l.EntityId).OnDelete(DeleteBehavior.Restrict);
        link.HasOne<IndustryBase>().WithMany().HasForeignKey(l => l.BaseId).OnDelete(DeleteBehavior.Restrict);
        link.HasOne<ReplicaHousehold>().WithMany().HasForeignKey(l => l.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        link.HasOne<ReplicaMember>().WithMany().HasForeignKey(l => l.MemberId).OnDelete(DeleteBehavior.Restrict);
        // One open link of a kind between an entity and a household: a link sent again is the same link.
        link.HasIndex(l => new { l.EntityId, l.HouseholdId, l.Kind }).IsUnique().HasFilter("ended_on IS NULL").HasDatabaseName("ux_benefit_links_open");
        link.HasIndex(l => l.HouseholdId);
        link.HasIndex(l => l.MemberId);
    }
}

internal sealed class LinkPaymentConfiguration : IEntityTypeConfiguration<LinkPayment>
{
    public void Configure(EntityTypeBuilder<LinkPayment> payment)
    {
        payment.ToTable("link_payments");
        payment.Property(p => p.Id).ValueGeneratedNever();
        payment.Property(p => p.Reference).HasMaxLength(LinkRules.MaxReferenceLength);
        payment.Property(p => p.Amount).HasPrecision(12, 2);
        payment.Property(p => p.Note).HasMaxLength(200);
        payment.Property(p => p.RecordedBy).HasMaxLength(100);
        payment.Ignore(p => p.Year);
        payment.HasOne<BenefitLink>().WithMany().HasForeignKey(p => p.LinkId).OnDelete(DeleteBehavior.Restrict);
        payment.HasIndex(p => new { p.LinkId, p.Reference }).IsUnique();
        payment.HasIndex(p => p.HouseholdId);
    }
}

internal sealed class IndustryProjectConfiguration : IEntityTypeConfiguration<IndustryProject>
{
    public void Configure(EntityTypeBuilder<IndustryProject> project)
    {
        project.ToTable("industry_projects");
        project.Property(p => p.Id).ValueGeneratedNever();
        project.Property(p => p.Industry).HasMaxLength(40);
        project.Property(p => p.Model).HasMaxLength(40);
        project.Property(p => p.Policy).HasMaxLength(40);
        project.Property(p => p.Description).HasMaxLength(ProjectRules.MaxDescriptionLength);
        project.Property(p => p.Scale).HasPrecision(12, 2);
        project.Property(p => p.Subsidy).HasPrecision(12, 2);
        project.Property(p => p.CreatedBy).HasMaxLength(100);
        project.HasOne<ReplicaHousehold>().WithMany().HasForeignKey(p => p.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        project.HasOne<ReplicaMember>().WithMany().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Restrict);
        // One subsidy per household, policy and year.
        project.HasIndex(p => new { p.HouseholdId, p.Policy, p.Year }).IsUnique();
    }
}

internal sealed class EmploymentRecordConfiguration : IEntityTypeConfiguration<EmploymentRecord>
{
    public void Configure(EntityTypeBuilder<EmploymentRecord> record)
    {
        record.ToTable("employment_records");
        record.Property(r => r.Id).ValueGeneratedNever();
        record.Property(r => r.Employer).HasMaxLength(EmploymentRules.MaxEmployerLength);
        record.Property(r => r.EmployerKey).HasMaxLength(EmploymentRules.MaxEmployerLength);
        record.Property(r => r.Destination).HasMaxLength(100);
        record.Property(r => r.MonthlyWage).HasPrecision(10, 2);
        record.Property(r => r.EndReason).HasMaxLength(200);
        record.Property(r => r.RecordedBy).HasMaxLength(100);
        record.Ignore(r => r.Wage);
        record.Ignore(r => r.IsCurrent);
        record.HasOne<MarketEntity>().WithMany().HasForeignKey(r => r.WorkshopId).OnDelete(DeleteBehavior.Restrict);
        record.HasOne<ReplicaHousehold>().WithMany().HasForeignKey(r => r.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        record.HasOne<ReplicaMember>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Restrict);
        // A record sent again (same member, kind, employer and year) is the same record.
        record.HasIndex(r => new { r.MemberId, r.Kind, r.EmployerKey, r.Year }).IsUnique();
        record.HasIndex(r => r.HouseholdId);
        record.HasIndex(r => new { r.Kind, r.Year });
    }
}

internal sealed class ConsumptionSaleConfiguration : IEntityTypeConfiguration<ConsumptionSale>
{
    public void Configure(EntityTypeBuilder<ConsumptionSale> sale)
    {
        sale.ToTable("consumption_sales");
        sale.Property(s => s.Id).ValueGeneratedNever();
        sale.Property(s => s.Product).HasMaxLength(100);
        sale.Property(s => s.Buyer).HasMaxLength(100);
        sale.Property(s => s.Amount).HasPrecision(12, 2);
        sale.Property(s => s.CreatedBy).HasMaxLength(100);
        sale.HasOne<MarketEntity>().WithMany().HasForeignKey(s => s.EntityId).OnDelete(DeleteBehavior.Restrict);
        sale.HasMany(s => s.Shares).WithOne().HasForeignKey(s => s.SaleId);
        sale.Navigation(s => s.Shares).HasField("shares");
        sale.HasIndex(s => s.SoldOn);
    }
}

internal sealed class SaleShareConfiguration : IEntityTypeConfiguration<SaleShare>
{
    public void Configure(EntityTypeBuilder<SaleShare> share)
    {
        share.ToTable("sale_shares");
        share.Property(s => s.Id).ValueGeneratedNever();
        share.Property(s => s.Amount).HasPrecision(12, 2);
        share.HasOne<ReplicaHousehold>().WithMany().HasForeignKey(s => s.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        share.HasIndex(s => new { s.SaleId, s.HouseholdId }).IsUnique();
        share.HasIndex(s => s.HouseholdId);
    }
}

internal sealed class IndustryIncomeConfiguration : IEntityTypeConfiguration<IndustryIncome>
{
    public void Configure(EntityTypeBuilder<IndustryIncome> income)
    {
        income.ToTable("income_records");
        income.HasKey(i => i.SourceRecordId);
        income.Property(i => i.SourceRecordId).ValueGeneratedNever();
        income.Property(i => i.Amount).HasPrecision(12, 2);
        income.Property(i => i.Description).HasMaxLength(200);
        income.HasIndex(i => i.HouseholdId);
        income.HasIndex(i => new { i.Kind, i.Year });
    }
}

internal sealed class JobMatchingTaskConfiguration : IEntityTypeConfiguration<JobMatchingTask>
{
    public void Configure(EntityTypeBuilder<JobMatchingTask> task)
    {
        task.ToTable("job_matching_tasks");
        task.Property(t => t.Id).ValueGeneratedNever();
        task.Property(t => t.SiteName).HasMaxLength(100);
        task.Property(t => t.VillageCode).HasMaxLength(12);
        task.Property(t => t.ClosedBy).HasMaxLength(100);
        task.Property(t => t.Note).HasMaxLength(200);
        task.Ignore(t => t.IsOpen);
        task.HasIndex(t => t.CaseId).IsUnique();
        task.HasIndex(t => t.HouseholdId);
    }
}

internal sealed class MemberSkillConfiguration : IEntityTypeConfiguration<MemberSkill>
{
    public void Configure(EntityTypeBuilder<MemberSkill> skill)
    {
        skill.ToTable("member_skills");
        skill.HasKey(s => s.EnrolmentId);
        skill.Property(s => s.EnrolmentId).ValueGeneratedNever();
        skill.Property(s => s.Trade).HasMaxLength(50);
        skill.Property(s => s.CourseName).HasMaxLength(100);
        skill.Property(s => s.Certificate).HasMaxLength(50);
        skill.HasIndex(s => s.MemberId);
        skill.HasIndex(s => s.HouseholdId);
    }
}

internal sealed class WorkListEntryConfiguration : IEntityTypeConfiguration<WorkListEntry>
{
    public void Configure(EntityTypeBuilder<WorkListEntry> entry)
    {
        entry.ToTable("work_list_entries");
        entry.HasKey(e => e.FlagId);
        entry.Property(e => e.FlagId).ValueGeneratedNever();
        entry.Property(e => e.Reason).HasMaxLength(500);
        entry.Ignore(e => e.IsOpen);
        entry.HasIndex(e => e.HouseholdId);
    }
}
