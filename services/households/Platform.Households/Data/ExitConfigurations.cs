using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Households.Domain;

namespace Platform.Households.Data;

internal sealed class ExitBatchConfiguration : IEntityTypeConfiguration<ExitBatch>
{
    public void Configure(EntityTypeBuilder<ExitBatch> batch)
    {
        batch.Property(b => b.Id).ValueGeneratedNever();
        batch.Property(b => b.Name).HasMaxLength(100);
        batch.Property(b => b.CreatedBy).HasMaxLength(100);
        batch.HasOne<Village>().WithMany().HasForeignKey(b => b.VillageId).OnDelete(DeleteBehavior.Restrict);
        batch.HasIndex(b => new { b.VillageId, b.Year, b.Name }).IsUnique();
        batch.HasMany(b => b.Cases).WithOne().HasForeignKey(c => c.BatchId);
        batch.Navigation(b => b.Cases).HasField("<Cases>k__BackingField");
        batch.HasMany(b => b.Steps).WithOne().HasForeignKey(s => s.BatchId);
        batch.Navigation(b => b.Steps).HasField("<Steps>k__BackingField");
        batch.Ignore(b => b.ActiveCases);
        batch.Property<uint>("Version").IsRowVersion();
    }
}

internal sealed class ExitCaseConfiguration : IEntityTypeConfiguration<ExitCase>
{
    public void Configure(EntityTypeBuilder<ExitCase> exitCase)
    {
        exitCase.Property(c => c.Id).ValueGeneratedNever();
        exitCase.Property(c => c.ReturnReason).HasMaxLength(500);
        exitCase.HasOne<Household>().WithMany().HasForeignKey(c => c.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        // A household is in one open exit case at a time.
        exitCase.HasIndex(c => c.HouseholdId).IsUnique().HasFilter("state < 6").HasDatabaseName("ux_exit_cases_open_household");
        exitCase.HasIndex(c => new { c.HouseholdId, c.State });
        exitCase.HasMany(c => c.Objections).WithOne().HasForeignKey(o => o.CaseId);
        exitCase.Navigation(c => c.Objections).HasField("<Objections>k__BackingField");
        exitCase.Ignore(c => c.IsActive);
    }
}

internal sealed class ExitStepConfiguration : IEntityTypeConfiguration<ExitStepRecord>
{
    public void Configure(EntityTypeBuilder<ExitStepRecord> step)
    {
        step.ToTable("exit_steps");
        step.Property(s => s.By).HasMaxLength(100);
        step.Property(s => s.Note).HasMaxLength(1000);
        step.Property(s => s.Verdict).HasColumnType("jsonb");
        step.HasIndex(s => s.CaseId);
    }
}

internal sealed class ExitObjectionConfiguration : IEntityTypeConfiguration<ExitObjection>
{
    public void Configure(EntityTypeBuilder<ExitObjection> objection)
    {
        objection.Property(o => o.Id).ValueGeneratedNever();
        objection.Property(o => o.RaisedBy).HasMaxLength(100);
        objection.Property(o => o.Content).HasMaxLength(1000);
        objection.Property(o => o.ResolvedBy).HasMaxLength(100);
        objection.Property(o => o.Resolution).HasMaxLength(1000);
        objection.Ignore(o => o.IsOpen);
    }
}

internal sealed class MonitoringFlagConfiguration : IEntityTypeConfiguration<MonitoringFlag>
{
    public void Configure(EntityTypeBuilder<MonitoringFlag> flag)
    {
        flag.Property(f => f.Id).ValueGeneratedNever();
        flag.Property(f => f.Reason).HasMaxLength(500);
        flag.Property(f => f.RaisedBy).HasMaxLength(100);
        flag.Property(f => f.RemovedBy).HasMaxLength(100);
        flag.Property(f => f.RemovalReason).HasMaxLength(500);
        flag.HasOne<Household>().WithMany().HasForeignKey(f => f.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        // One open flag per household: a new hardship joins the open flag.
        flag.HasIndex(f => f.HouseholdId).IsUnique().HasFilter("removed_on IS NULL").HasDatabaseName("ux_monitoring_flags_open_household");
        flag.HasIndex(f => new { f.Category, f.RemovedOn });
        flag.HasMany(f => f.Reviews).WithOne().HasForeignKey(r => r.FlagId);
        flag.Navigation(f => f.Reviews).HasField("<Reviews>k__BackingField");
        flag.Ignore(f => f.IsOpen);
        flag.Property<uint>("Version").IsRowVersion();
    }
}

internal sealed class MonitoringReviewConfiguration : IEntityTypeConfiguration<MonitoringReview>
{
    public void Configure(EntityTypeBuilder<MonitoringReview> review)
    {
        review.Property(r => r.Id).ValueGeneratedNever();
        review.Property(r => r.By).HasMaxLength(100);
        review.Property(r => r.Note).HasMaxLength(1000);
        review.Property(r => r.PerCapitaIncome).HasPrecision(14, 2);
        review.Property(r => r.MonitoringLine).HasPrecision(14, 2);
        review.Ignore(r => r.AboveLine);
    }
}

internal sealed class MonitoringSignalConfiguration : IEntityTypeConfiguration<MonitoringSignal>
{
    public void Configure(EntityTypeBuilder<MonitoringSignal> signal)
    {
        signal.Property(s => s.Id).ValueGeneratedNever();
        signal.Property(s => s.SourceRecordId).HasMaxLength(100);
        signal.Property(s => s.Description).HasMaxLength(500);
        signal.Property(s => s.Amount).HasPrecision(14, 2);
        signal.HasIndex(s => new { s.Source, s.SourceRecordId }).IsUnique().HasFilter("source_record_id IS NOT NULL");
        signal.HasIndex(s => s.HouseholdId);
    }
}

internal sealed class AssistanceMeasureConfiguration : IEntityTypeConfiguration<AssistanceMeasure>
{
    public void Configure(EntityTypeBuilder<AssistanceMeasure> measure)
    {
        measure.Property(m => m.Id).ValueGeneratedNever();
        measure.Property(m => m.Description).HasMaxLength(500);
        measure.Property(m => m.By).HasMaxLength(100);
        measure.HasIndex(m => m.HouseholdId);
    }
}

internal sealed class VillageExitConfiguration : IEntityTypeConfiguration<VillageExit>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<VillageExit> exit)
    {
        exit.Property(e => e.Id).ValueGeneratedNever();
        exit.Property(e => e.PovertyIncidence).HasPrecision(9, 6);
        exit.Property(e => e.Conditions).HasColumnType("jsonb").HasConversion(
            c => c == null ? null : JsonSerializer.Serialize(c, Json),
            text => text == null ? null : JsonSerializer.Deserialize<VillageConditions>(text, Json));
        exit.HasOne<Village>().WithMany().HasForeignKey(e => e.VillageId).OnDelete(DeleteBehavior.Restrict);
        exit.HasIndex(e => e.VillageId).IsUnique().HasFilter("state < 3").HasDatabaseName("ux_village_exits_open_village");
        exit.HasMany(e => e.Steps).WithOne().HasForeignKey(s => s.ExitId);
        exit.Navigation(e => e.Steps).HasField("<Steps>k__BackingField");
        exit.Ignore(e => e.IsActive);
    }
}

internal sealed class VillageExitStepConfiguration : IEntityTypeConfiguration<VillageExitStep>
{
    public void Configure(EntityTypeBuilder<VillageExitStep> step)
    {
        step.Property(s => s.By).HasMaxLength(100);
        step.Property(s => s.Note).HasMaxLength(500);
    }
}

internal sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> inspection)
    {
        inspection.Property(i => i.Id).ValueGeneratedNever();
        inspection.Property(i => i.Name).HasMaxLength(100);
        inspection.Property(i => i.Seed).HasMaxLength(100);
        inspection.Property(i => i.CreatedBy).HasMaxLength(100);
        inspection.HasIndex(i => i.Name).IsUnique();
    }
}

internal sealed class InspectionSampleConfiguration : IEntityTypeConfiguration<InspectionSample>
{
    public void Configure(EntityTypeBuilder<InspectionSample> sample)
    {
        sample.HasKey(s => new { s.InspectionId, s.HouseholdId });
        sample.HasOne<Inspection>().WithMany().HasForeignKey(s => s.InspectionId);
        sample.HasOne<Household>().WithMany().HasForeignKey(s => s.HouseholdId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InspectionVillageConfiguration : IEntityTypeConfiguration<InspectionVillage>
{
    public void Configure(EntityTypeBuilder<InspectionVillage> village)
    {
        village.HasKey(v => new { v.InspectionId, v.VillageId });
        village.HasOne<Inspection>().WithMany().HasForeignKey(v => v.InspectionId);
        village.Ignore(v => v.NonRegisteredPopulation);
    }
}

internal sealed class InspectionVisitConfiguration : IEntityTypeConfiguration<InspectionVisit>
{
    public void Configure(EntityTypeBuilder<InspectionVisit> visit)
    {
        visit.Property(v => v.Id).ValueGeneratedNever();
        visit.Property(v => v.Inspector).HasMaxLength(100);
        visit.Property(v => v.Note).HasMaxLength(1000);
        visit.HasIndex(v => new { v.InspectionId, v.HouseholdId }).IsUnique();
    }
}

internal sealed class MissedPoorFindingConfiguration : IEntityTypeConfiguration<MissedPoorFinding>
{
    public void Configure(EntityTypeBuilder<MissedPoorFinding> finding)
    {
        finding.Property(f => f.Id).ValueGeneratedNever();
        finding.Property(f => f.Inspector).HasMaxLength(100);
        finding.Property(f => f.Description).HasMaxLength(1000);
        finding.HasIndex(f => f.InspectionId);
    }
}

internal sealed class CadreConfiguration : IEntityTypeConfiguration<Cadre>
{
    public void Configure(EntityTypeBuilder<Cadre> cadre)
    {
        cadre.Property(c => c.Id).ValueGeneratedNever();
        cadre.Property(c => c.Name).HasMaxLength(30);
        cadre.Property(c => c.WorkUnit).HasMaxLength(100);
        cadre.Property(c => c.Phone).HasMaxLength(20);
        cadre.Property(c => c.ExternalRef).HasMaxLength(50);
        cadre.HasIndex(c => c.ExternalRef).IsUnique().HasFilter("external_ref IS NOT NULL");
    }
}

internal sealed class PairingConfiguration : IEntityTypeConfiguration<Pairing>
{
    public void Configure(EntityTypeBuilder<Pairing> pairing)
    {
        pairing.Property(p => p.Id).ValueGeneratedNever();
        pairing.Property(p => p.EndReason).HasMaxLength(200);
        pairing.Property(p => p.By).HasMaxLength(100);
        pairing.HasOne<Cadre>().WithMany().HasForeignKey(p => p.CadreId).OnDelete(DeleteBehavior.Restrict);
        pairing.HasOne<Household>().WithMany().HasForeignKey(p => p.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        pairing.HasIndex(p => p.HouseholdId);
        pairing.HasIndex(p => new { p.CadreId, p.HouseholdId }).IsUnique().HasFilter("\"to\" IS NULL");
    }
}

internal sealed class WorkTeamConfiguration : IEntityTypeConfiguration<WorkTeam>
{
    public void Configure(EntityTypeBuilder<WorkTeam> team)
    {
        team.Property(t => t.Id).ValueGeneratedNever();
        team.Property(t => t.SendingUnit).HasMaxLength(100);
        team.HasOne<Village>().WithMany().HasForeignKey(t => t.VillageId).OnDelete(DeleteBehavior.Restrict);
        team.HasIndex(t => t.VillageId).IsUnique().HasFilter("\"to\" IS NULL").HasDatabaseName("ux_work_teams_current_village");
        team.HasMany(t => t.Members).WithOne().HasForeignKey(m => m.TeamId);
        team.Navigation(t => t.Members).HasField("<Members>k__BackingField");
        team.Ignore(t => t.Current);
    }
}

internal sealed class WorkTeamMemberConfiguration : IEntityTypeConfiguration<WorkTeamMember>
{
    public void Configure(EntityTypeBuilder<WorkTeamMember> member)
    {
        member.HasOne<Cadre>().WithMany().HasForeignKey(m => m.CadreId).OnDelete(DeleteBehavior.Restrict);
        // A person is stationed in one team at a time.
        member.HasIndex(m => m.CadreId).IsUnique().HasFilter("\"to\" IS NULL").HasDatabaseName("ux_work_team_members_current_cadre");
    }
}

internal sealed class HouseholdProfileConfiguration : IEntityTypeConfiguration<HouseholdProfile>
{
    public void Configure(EntityTypeBuilder<HouseholdProfile> profile)
    {
        profile.HasKey(p => p.HouseholdId);
        profile.HasOne<Household>().WithOne().HasForeignKey<HouseholdProfile>(p => p.HouseholdId);
        profile.Property(p => p.UpdatedBy).HasMaxLength(100);
        profile.ComplexProperty(p => p.Data, data =>
        {
            data.Property(d => d.CultivatedLand).HasPrecision(10, 2);
            data.Property(d => d.ForestLand).HasPrecision(10, 2);
            data.Property(d => d.ReturnedFarmland).HasPrecision(10, 2);
            data.Property(d => d.Orchard).HasPrecision(10, 2);
            data.Property(d => d.DistanceToRoadKm).HasPrecision(6, 2);
            data.Property(d => d.HouseArea).HasPrecision(8, 2);
        });
    }
}

internal sealed class MemberProfileConfiguration : IEntityTypeConfiguration<MemberProfile>
{
    public void Configure(EntityTypeBuilder<MemberProfile> profile)
    {
        profile.HasKey(p => p.MemberId);
        profile.HasOne<Member>().WithOne().HasForeignKey<MemberProfile>(p => p.MemberId);
        profile.HasIndex(p => p.HouseholdId);
        profile.Property(p => p.UpdatedBy).HasMaxLength(100);
        profile.ComplexProperty(p => p.Data, data => data.Property(d => d.Skill).HasMaxLength(50));
    }
}

internal sealed class CountyStatisticConfiguration : IEntityTypeConfiguration<CountyStatistic>
{
    public void Configure(EntityTypeBuilder<CountyStatistic> statistic)
    {
        statistic.HasKey(s => s.Year);
        statistic.Property(s => s.Year).ValueGeneratedNever();
        statistic.Property(s => s.RuralPerCapitaDisposableIncome).HasPrecision(14, 2);
        statistic.Property(s => s.Source).HasMaxLength(100);
    }
}

internal sealed class CampaignHistoryImportConfiguration : IEntityTypeConfiguration<CampaignHistoryImport>
{
    public void Configure(EntityTypeBuilder<CampaignHistoryImport> import)
    {
        import.HasKey(i => i.VillageId);
        import.Property(i => i.VillageId).ValueGeneratedNever();
        import.HasOne<Village>().WithMany().HasForeignKey(i => i.VillageId).OnDelete(DeleteBehavior.Restrict);
        import.HasIndex(i => i.Id).IsUnique();
        import.Property(i => i.ClientRef).HasMaxLength(100);
        import.Property(i => i.Digest).HasMaxLength(64);
        import.Property(i => i.ImportedBy).HasMaxLength(100);
    }
}

internal sealed class HouseholdTallyConfiguration : IEntityTypeConfiguration<HouseholdTally>
{
    public void Configure(EntityTypeBuilder<HouseholdTally> tally)
    {
        tally.HasKey(t => new { t.VillageId, t.Status, t.ExitYear });
        tally.Property(t => t.VillageId).ValueGeneratedNever();
    }
}

internal sealed class HelperTallyConfiguration : IEntityTypeConfiguration<HelperTally>
{
    public void Configure(EntityTypeBuilder<HelperTally> tally)
    {
        tally.HasKey(t => t.Kind);
        tally.Property(t => t.Kind).ValueGeneratedNever();
    }
}
