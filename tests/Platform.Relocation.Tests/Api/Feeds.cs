using Platform.Contracts.Grpc.Relocation.V1;
using Platform.Contracts.Households;

namespace Platform.Relocation.Tests.Api;

/// <summary>Records as the bureaus send them.</summary>
internal static class Feeds
{
    public static SiteRecord Site(string code, string village = People.Village, string mode = "town-or-county", int capacity = 50, string completed = "2018-01-15", params string[] facilities) => new()
    {
        ClientRef = code, Code = code, Name = code + "安置小区", Mode = mode, VillageCode = village, CapacityHouseholds = capacity, CompletedOn = completed,
        Facilities = { facilities },
    };

    public static CaseRecord Case(MemberSnapshot member, string siteCode, string mode = "town-or-county", string? allocated = "2018-03-01", string? movedIn = "2018-09-01", string? demolished = null) => new()
    {
        ClientRef = member.Name,
        Member = new PersonRef { IdNumber = member.IdNumber, Name = member.Name },
        Mode = mode,
        SiteCode = siteCode,
        PlannedOn = "2017-05-01",
        AllocatedOn = allocated ?? string.Empty,
        HousingUnit = allocated is null ? string.Empty : "2栋1单元302",
        FloorArea = allocated is null ? 0 : 50,
        MovedInOn = movedIn ?? string.Empty,
        DemolishedOn = demolished ?? string.Empty,
        ReclaimedMu = demolished is null ? string.Empty : "0.30",
    };

    public static AppraisalRecord Appraisal(string idNumber, string name, string grade, string on = "2019-05-01", string village = "") => new()
    {
        ClientRef = name, Owner = new PersonRef { IdNumber = idNumber, Name = name }, VillageCode = village, Grade = grade, AppraisedOn = on,
        Agency = "房县房屋安全鉴定站", ReportNumber = People.Code("JD"),
    };

    public static WaterProjectRecord Centralised(string code, params string[] villages) => new()
    {
        ClientRef = code, Code = code, Name = code + "集中供水工程", Kind = "centralised", VillageCode = villages[0], ServedVillageCodes = { villages },
        LitresPerPersonPerDay = 60, RoundTripMinutes = 0, GuaranteeRatePercent = 95, CompletedOn = "2018-06-30",
    };

    public static WaterTestRecord Test(string project, bool passed, string sampled = "2026-06-01") => new()
    {
        ClientRef = project, ProjectCode = project, SampledOn = sampled, Passed = passed, FailedIndicators = passed ? string.Empty : "菌落总数",
        Laboratory = "房县疾病预防控制中心", ReportNumber = People.Code("SZ"),
    };
}
