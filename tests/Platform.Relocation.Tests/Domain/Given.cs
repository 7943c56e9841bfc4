using Platform.Contracts.Relocation;
using Platform.Relocation.Domain;

namespace Platform.Relocation.Tests.Domain;

/// <summary>Sites, cases and records for the rules' tests, on a fixed day (30 November 2026).</summary>
internal static class Given
{
    public static readonly DateOnly Today = new(2026, 11, 30);

    public static readonly DateTimeOffset Now = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

    public static ResettlementSite Site(ResettlementMode mode = ResettlementMode.TownOrCounty, int capacity = 100, DateOnly? completed = null)
    {
        var site = new ResettlementSite
        {
            Id = Guid.NewGuid(), Code = "AZD-001", Name = "城关镇幸福社区", Mode = mode, VillageCode = "420325001001", TownshipCode = "420325001",
            CreatedAt = Now, CreatedBy = "tests",
        };
        Assert.True(site.SetCapacity(capacity).Succeeded);
        if (completed is { } on)
        {
            Assert.True(site.Complete(on, Today).Succeeded);
        }

        return site;
    }

    public static RelocationCase Case(ResettlementSite? site, ResettlementMode? mode = null, DateOnly? planned = null) => new()
    {
        Id = Guid.NewGuid(),
        HouseholdId = Guid.NewGuid(),
        HouseholdNumber = "4203250020030001",
        Mode = mode ?? site?.Mode ?? ResettlementMode.Scattered,
        SiteId = site?.Id,
        OriginVillageCode = "420325002003",
        DestinationVillageCode = site?.VillageCode ?? "420325002003",
        VillageCode = "420325002003",
        TownshipCode = "420325002",
        PlannedOn = planned ?? new DateOnly(2017, 3, 1),
        PlannedBy = "王主任",
        CreatedAt = Now,
    };

    public static HousingAppraisal Appraisal(HouseGrade grade, DateOnly on) => new()
    {
        Id = Guid.NewGuid(), OwnerIdNumber = "420325198005050417", OwnerName = "刘大海", VillageCode = "420325002003", TownshipCode = "420325002",
        Grade = grade, AppraisedOn = on, Agency = "房县房屋安全鉴定站", ReportNumber = "JD-" + Guid.NewGuid().ToString("N")[..8], RecordedAt = Now, RecordedBy = "tests",
    };

    public static RenovationProject Renovation(DateOnly started, DateOnly? accepted, RenovationProgramme programme = RenovationProgramme.NonDifferentiated)
    {
        var project = new RenovationProject
        {
            Id = Guid.NewGuid(), OwnerIdNumber = "420325198005050417", OwnerName = "刘大海", VillageCode = "420325002003", TownshipCode = "420325002",
            ProjectNumber = "WG-" + Guid.NewGuid().ToString("N")[..8], Programme = programme, Method = RenovationMethod.Reinforcement, StartedOn = started,
            RecordedAt = Now, RecordedBy = "tests",
        };
        if (accepted is { } on)
        {
            Assert.True(project.Accept(on, "县住建局验收组", Today).Succeeded);
        }

        return project;
    }

    public static WaterSupply Supply(int litres = 60, int minutes = 0, int rate = 95, bool? passed = true, bool completed = true, WaterProjectKind kind = WaterProjectKind.Centralised) =>
        new(Guid.NewGuid(), "城关水厂", kind, completed, litres, minutes, rate, passed, passed is null ? null : new DateOnly(2026, 6, 1));
}
