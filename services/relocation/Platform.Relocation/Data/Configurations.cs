using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Relocation.Domain;

namespace Platform.Relocation.Data;

internal sealed class SiteConfiguration : IEntityTypeConfiguration<ResettlementSite>
{
    public void Configure(EntityTypeBuilder<ResettlementSite> site)
    {
        site.ToTable("sites");
        site.Property(s => s.Id).ValueGeneratedNever();
        site.Property(s => s.Code).HasMaxLength(30);
        site.Property(s => s.Name).HasMaxLength(100);
        site.Property(s => s.VillageCode).HasMaxLength(12);
        site.Property(s => s.TownshipCode).HasMaxLength(9);
        site.Property(s => s.CreatedBy).HasMaxLength(100);
        site.Ignore(s => s.FullyEquipped);
        // Allocations count against the capacity: two at once must not both take the last place.
        site.Property<uint>("Version").IsRowVersion();
        site.HasMany(s => s.Facilities).WithOne().HasForeignKey(f => f.SiteId);
        site.Navigation(s => s.Facilities).HasField("facilities");
        site.HasIndex(s => s.Code).IsUnique();
        site.HasIndex(s => new { s.TownshipCode, s.VillageCode });
    }
}

internal sealed class SiteFacilityConfiguration : IEntityTypeConfiguration<SiteFacilityInPlace>
{
    public void Configure(EntityTypeBuilder<SiteFacilityInPlace> facility)
    {
        facility.ToTable("site_facilities");
        facility.HasKey(f => new { f.SiteId, f.Facility });
    }
}

internal sealed class CaseConfiguration : IEntityTypeConfiguration<RelocationCase>
{
    public void Configure(EntityTypeBuilder<RelocationCase> relocation)
    {
        relocation.ToTable("cases");
        relocation.Property(c => c.Id).ValueGeneratedNever();
        relocation.Property(c => c.HouseholdNumber).HasMaxLength(30);
        relocation.Property(c => c.OriginVillageCode).HasMaxLength(12);
        relocation.Property(c => c.DestinationVillageCode).HasMaxLength(12);
        relocation.Property(c => c.VillageCode).HasMaxLength(12);
        relocation.Property(c => c.TownshipCode).HasMaxLength(9);
        relocation.Property(c => c.PlannedBy).HasMaxLength(50);
        relocation.Property(c => c.AllocatedBy).HasMaxLength(50);
        relocation.Property(c => c.MovedInBy).HasMaxLength(50);
        relocation.Property(c => c.DemolishedBy).HasMaxLength(50);
        relocation.Property(c => c.HousingUnit).HasMaxLength(50);
        relocation.Property(c => c.ReclaimedMu).HasPrecision(6, 2);
        relocation.Ignore(c => c.Step);
        relocation.Ignore(c => c.HasMovedIn);
        relocation.Property<uint>("Version").IsRowVersion();
        relocation.HasOne<ResettlementSite>().WithMany().HasForeignKey(c => c.SiteId).OnDelete(DeleteBehavior.Restrict);
        // One relocation per registered household.
        relocation.HasIndex(c => c.HouseholdId).IsUnique();
        relocation.HasIndex(c => c.SiteId);
        relocation.HasIndex(c => new { c.TownshipCode, c.VillageCode });
    }
}

internal sealed class AppraisalConfiguration : IEntityTypeConfiguration<HousingAppraisal>
{
    public void Configure(EntityTypeBuilder<HousingAppraisal> appraisal)
    {
        appraisal.ToTable("appraisals");
        appraisal.Property(a => a.Id).ValueGeneratedNever();
        HouseRecords.Configure(appraisal);
        appraisal.Property(a => a.Agency).HasMaxLength(100);
        appraisal.Property(a => a.ReportNumber).HasMaxLength(40);
        appraisal.Property(a => a.RecordedBy).HasMaxLength(100);
        appraisal.HasIndex(a => a.ReportNumber).IsUnique();
    }
}

internal sealed class RenovationConfiguration : IEntityTypeConfiguration<RenovationProject>
{
    public void Configure(EntityTypeBuilder<RenovationProject> renovation)
    {
        renovation.ToTable("renovations");
        renovation.Property(r => r.Id).ValueGeneratedNever();
        HouseRecords.Configure(renovation);
        renovation.Property(r => r.ProjectNumber).HasMaxLength(40);
        renovation.Property(r => r.AcceptedBy).HasMaxLength(50);
        renovation.Property(r => r.RecordedBy).HasMaxLength(100);
        renovation.Ignore(r => r.IsAccepted);
        renovation.HasIndex(r => r.ProjectNumber).IsUnique();
    }
}

internal sealed class ToiletConfiguration : IEntityTypeConfiguration<ToiletRenovation>
{
    public void Configure(EntityTypeBuilder<ToiletRenovation> toilet)
    {
        toilet.ToTable("toilets");
        toilet.Property(t => t.Id).ValueGeneratedNever();
        HouseRecords.Configure(toilet);
        toilet.Property(t => t.RecordedBy).HasMaxLength(100);
        // One sanitary toilet a household (by its owner).
        toilet.HasIndex(t => t.OwnerIdNumber).IsUnique().HasDatabaseName("ux_toilets_owner");
    }
}

/// <summary>The columns every record about a house shares: its household (if registered), owner and place.</summary>
internal static class HouseRecords
{
    public static void Configure<T>(EntityTypeBuilder<T> house)
        where T : class, IHouseRecord
    {
        house.Property(h => h.OwnerIdNumber).HasMaxLength(18);
        house.Property(h => h.OwnerName).HasMaxLength(50);
        house.Property(h => h.VillageCode).HasMaxLength(12);
        house.Property(h => h.TownshipCode).HasMaxLength(9);
        house.HasIndex(h => h.HouseholdId);
        // A household registered later finds its houses by its members' ID numbers.
        house.HasIndex(h => h.OwnerIdNumber);
        house.HasIndex(h => new { h.TownshipCode, h.VillageCode });
    }
}

internal sealed class WaterProjectConfiguration : IEntityTypeConfiguration<WaterProject>
{
    public void Configure(EntityTypeBuilder<WaterProject> project)
    {
        project.ToTable("water_projects");
        project.Property(p => p.Id).ValueGeneratedNever();
        project.Property(p => p.Code).HasMaxLength(30);
        project.Property(p => p.Name).HasMaxLength(100);
        project.Property(p => p.VillageCode).HasMaxLength(12);
        project.Property(p => p.TownshipCode).HasMaxLength(9);
        project.HasIndex(p => p.Code).IsUnique();
        project.HasIndex(p => p.ServedVillages).HasMethod("gin");
        project.HasIndex(p => new { p.TownshipCode, p.VillageCode });
    }
}

internal sealed class WaterProjectHouseholdConfiguration : IEntityTypeConfiguration<WaterProjectHousehold>
{
    public void Configure(EntityTypeBuilder<WaterProjectHousehold> served)
    {
        served.ToTable("water_project_households");
        served.HasKey(s => new { s.ProjectId, s.HouseholdId });
        served.HasOne<WaterProject>().WithMany().HasForeignKey(s => s.ProjectId);
        served.HasIndex(s => s.HouseholdId);
    }
}

internal sealed class WaterTestConfiguration : IEntityTypeConfiguration<WaterQualityTest>
{
    public void Configure(EntityTypeBuilder<WaterQualityTest> test)
    {
        test.ToTable("water_tests");
        test.Property(t => t.Id).ValueGeneratedNever();
        test.Property(t => t.FailedIndicators).HasMaxLength(200);
        test.Property(t => t.Laboratory).HasMaxLength(100);
        test.Property(t => t.ReportNumber).HasMaxLength(40);
        test.Property(t => t.RecordedBy).HasMaxLength(100);
        test.HasOne<WaterProject>().WithMany().HasForeignKey(t => t.ProjectId);
        test.HasIndex(t => t.ReportNumber).IsUnique();
        test.HasIndex(t => t.ProjectId);
    }
}

internal sealed class GuaranteeStateConfiguration : IEntityTypeConfiguration<GuaranteeState>
{
    public void Configure(EntityTypeBuilder<GuaranteeState> state)
    {
        state.ToTable("guarantees");
        state.HasKey(g => new { g.HouseholdId, g.Guarantee });
        state.Property(g => g.Reason).HasMaxLength(300);
        state.Property(g => g.SourceRecordId).HasMaxLength(80);
        // Changes by the feeds and by the registry's events must not overwrite each other's verdicts.
        state.Property<uint>("Version").IsRowVersion();
        state.HasIndex(g => new { g.Guarantee, g.Met });
    }
}

internal sealed class SubsidyConfiguration : IEntityTypeConfiguration<SubsidyPayment>
{
    public void Configure(EntityTypeBuilder<SubsidyPayment> subsidy)
    {
        subsidy.ToTable("subsidies");
        subsidy.Property(s => s.Id).ValueGeneratedNever();
        subsidy.Property(s => s.SourceRecordId).HasMaxLength(80);
        subsidy.Property(s => s.Amount).HasPrecision(12, 2);
        subsidy.Property(s => s.RecordedBy).HasMaxLength(100);
        subsidy.HasIndex(s => s.SourceRecordId).IsUnique();
        subsidy.HasIndex(s => s.HouseholdId);
    }
}
