using System.Net;
using Grpc.Net.Client;
using Platform.Contracts.Grpc.Relocation.V1;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The relocation pillar (易地扶贫搬迁, housing and drinking-water safety) in the role × scope matrix: reads for
/// every role with the pillar's read scope, portal writes for county, township and village staff and the
/// pillar's department (the household, case, house or project must lie in the caller's scope: 404 outside),
/// county set-up (sites, water projects) for county staff, and the departmental feeds for county staff and
/// the pillar's department only.
/// </summary>
public static partial class AccessMatrix
{
    private static RestRow[] RelocationRest =>
    [
        // 搬迁档案 (relocation cases).
        new("GET", "/api/relocation/cases/", Right.RelocationRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/relocation/cases/?pageSize=5")),
        Export("/api/relocation/cases/export", Right.RelocationRead, $"?village={PlatformFixture.Village}"),
        new("GET", "/api/relocation/cases/{id:guid}", Right.RelocationRead, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Get($"/api/relocation/cases/{await w.SharedCaseAsync(t)}")),
        new("POST", "/api/relocation/cases/", Right.RelocationWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
            await Post("/api/relocation/cases/", new { householdId = (await w.FreshAsync(t)).Id, mode = "scattered", plannedOn = Today(-30) })),
        new("POST", "/api/relocation/cases/{id:guid}/steps/allocation", Right.RelocationWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Post($"/api/relocation/cases/{await w.CaseAsync(t, MatrixWorld.CaseStage.Planned)}/steps/allocation", new { on = Today(-10), housingUnit = "2栋301", floorArea = 60 })),
        new("POST", "/api/relocation/cases/{id:guid}/steps/move-in", Right.RelocationWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Post($"/api/relocation/cases/{await w.CaseAsync(t, MatrixWorld.CaseStage.Allocated)}/steps/move-in", new { on = Today(-5) })),
        new("POST", "/api/relocation/cases/{id:guid}/steps/demolition", Right.RelocationWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Post($"/api/relocation/cases/{await w.CaseAsync(t, MatrixWorld.CaseStage.MovedIn)}/steps/demolition", new { on = Today(-1), reclaimedMu = 0.3m })),
        new("POST", "/api/relocation/cases/{id:guid}/subsidy", Right.RelocationWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Post($"/api/relocation/cases/{await w.CaseAsync(t, MatrixWorld.CaseStage.MovedIn)}/subsidy", new { amount = 12_000m, paidOn = Today(-1) })),

        // 集中安置点 (resettlement sites): set up by the county.
        new("GET", "/api/relocation/sites/", Right.RelocationRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/relocation/sites/?pageSize=5")),
        Export("/api/relocation/sites/export", Right.RelocationRead, $"?village={PlatformFixture.Village}"),
        new("GET", "/api/relocation/sites/{id:guid}", Right.RelocationRead, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Get($"/api/relocation/sites/{await w.SharedSiteAsync(t)}")),
        new("POST", "/api/relocation/sites/", Right.RelocationCountyWrite, Place.None, HttpStatusCode.Created, (w, c, t) =>
            Post("/api/relocation/sites/", MatrixWorld.SiteBody(MatrixWorld.VillageOf(t), completed: true))),
        new("POST", "/api/relocation/sites/{id:guid}/facilities", Right.RelocationCountyWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Post($"/api/relocation/sites/{await w.SiteAsync(t, completed: true)}/facilities", new { facility = "clinic", inPlaceOn = Today(-1) })),
        new("POST", "/api/relocation/sites/{id:guid}/completion", Right.RelocationCountyWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Post($"/api/relocation/sites/{await w.SiteAsync(t, completed: false)}/completion", new { completedOn = Today(-1) })),

        // 住房安全 (appraisals, renovations, toilets).
        new("GET", "/api/relocation/housing/appraisals", Right.RelocationRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/relocation/housing/appraisals?pageSize=5")),
        Export("/api/relocation/housing/appraisals/export", Right.RelocationRead, $"?village={PlatformFixture.Village}"),
        new("POST", "/api/relocation/housing/appraisals", Right.RelocationWrite, Place.Object, HttpStatusCode.Created, (w, c, t) =>
            Post("/api/relocation/housing/appraisals", new { householdId = w.Shared(t).Id, grade = "b", appraisedOn = Today(-3), agency = "县房屋安全鉴定站", reportNumber = MatrixWorld.Code("JD") })),
        new("GET", "/api/relocation/housing/renovations", Right.RelocationRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/relocation/housing/renovations?pageSize=5")),
        Export("/api/relocation/housing/renovations/export", Right.RelocationRead, $"?village={PlatformFixture.Village}"),
        new("POST", "/api/relocation/housing/renovations", Right.RelocationWrite, Place.Object, HttpStatusCode.Created, (w, c, t) =>
            Post("/api/relocation/housing/renovations", MatrixWorld.RenovationBody(w.Shared(t).Id))),
        new("POST", "/api/relocation/housing/renovations/{id:guid}/acceptance", Right.RelocationWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Post($"/api/relocation/housing/renovations/{await w.RenovationAsync(t)}/acceptance", new { acceptedOn = Today(-1), acceptedBy = "县住建局验收组" })),
        new("GET", "/api/relocation/housing/toilets", Right.RelocationRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/relocation/housing/toilets?pageSize=5")),
        Export("/api/relocation/housing/toilets/export", Right.RelocationRead, $"?village={PlatformFixture.Village}"),
        new("POST", "/api/relocation/housing/toilets", Right.RelocationWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
            await Post("/api/relocation/housing/toilets", new { householdId = (await w.FreshAsync(t)).Id, type = "three-compartment", completedOn = Today(-2) })),
        new("GET", "/api/relocation/housing/made-safe", Right.RelocationRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/relocation/housing/made-safe?by=relocation&pageSize=5")),
        Export("/api/relocation/housing/made-safe/export", Right.RelocationRead, "?by=non-differentiated-renovation"),

        // 饮水安全 (water projects, set up by the county, and their tests).
        new("GET", "/api/relocation/water/projects", Right.RelocationRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/relocation/water/projects?pageSize=5")),
        Export("/api/relocation/water/projects/export", Right.RelocationRead, $"?village={PlatformFixture.Village}"),
        new("GET", "/api/relocation/water/projects/{id:guid}", Right.RelocationRead, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Get($"/api/relocation/water/projects/{(await w.SharedWaterProjectAsync(t)).Id}")),
        new("POST", "/api/relocation/water/projects", Right.RelocationCountyWrite, Place.None, HttpStatusCode.Created, (w, c, t) =>
            Post("/api/relocation/water/projects", MatrixWorld.WaterProjectBody(MatrixWorld.VillageOf(t), scattered: false))),
        new("POST", "/api/relocation/water/projects/{id:guid}/households", Right.RelocationWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Post($"/api/relocation/water/projects/{(await w.WaterProjectAsync(t, scattered: true)).Id}/households", new { householdId = w.Shared(t).Id })),
        new("GET", "/api/relocation/water/projects/{id:guid}/tests", Right.RelocationRead, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Get($"/api/relocation/water/projects/{(await w.SharedWaterProjectAsync(t)).Id}/tests")),
        new("POST", "/api/relocation/water/projects/{id:guid}/tests", Right.RelocationWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
            await Post($"/api/relocation/water/projects/{(await w.SharedWaterProjectAsync(t)).Id}/tests", new { sampledOn = Today(-2), passed = true, laboratory = "县疾控中心", reportNumber = MatrixWorld.Code("SZ") })),

        // 两项保障 (safe housing and safe drinking water) and the figures.
        new("GET", "/api/relocation/guarantees", Right.RelocationRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/relocation/guarantees?pageSize=5")),
        Export("/api/relocation/guarantees/export", Right.RelocationRead, $"?village={PlatformFixture.Village}"),
        new("GET", "/api/relocation/households/{householdId:guid}", Right.RelocationRead, Place.Object, HttpStatusCode.OK, (w, c, t) =>
            Get($"/api/relocation/households/{w.Shared(t).Id}")),
        new("GET", "/api/relocation/figures", Right.RelocationRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/relocation/figures")),
    ];

    private static GrpcRow[] RelocationGrpc =>
    [
        new("/platform.relocation.v1.ResettlementSites/ImportSites", Right.RelocationFeed, Place.None, (w, channel, t) =>
            Task.FromResult<Func<Task<bool>>>(async () => (await Stream(new ResettlementSites.ResettlementSitesClient(channel).ImportSites(), new SiteRecord
            {
                ClientRef = "site", Code = MatrixWorld.Code("AZD"), Name = "矩阵安置点", Mode = "town-or-county", VillageCode = MatrixWorld.VillageOf(t),
                CapacityHouseholds = 10, CompletedOn = Today(-30),
            })).Accepted == 1)),
        new("/platform.relocation.v1.RelocationCases/ImportCases", Right.RelocationFeed, Place.None, async (w, channel, t) =>
        {
            var head = (await w.FreshAsync(t)).Head;
            return async () => (await Stream(new RelocationCases.RelocationCasesClient(channel).ImportCases(), new CaseRecord
            {
                ClientRef = "case", Member = Person(head), Mode = "scattered", PlannedOn = Today(-30),
            })).Accepted == 1;
        }),
        new("/platform.relocation.v1.HousingSafety/ImportAppraisals", Right.RelocationFeed, Place.None, (w, channel, t) =>
            Task.FromResult<Func<Task<bool>>>(async () => (await Stream(new HousingSafety.HousingSafetyClient(channel).ImportAppraisals(), new AppraisalRecord
            {
                ClientRef = "appraisal", Owner = Person(w.Shared(t).Head), Grade = "b", AppraisedOn = Today(-3), Agency = "县房屋安全鉴定站", ReportNumber = MatrixWorld.Code("JD"),
            })).Accepted == 1)),
        new("/platform.relocation.v1.HousingSafety/ImportRenovations", Right.RelocationFeed, Place.None, (w, channel, t) =>
            Task.FromResult<Func<Task<bool>>>(async () => (await Stream(new HousingSafety.HousingSafetyClient(channel).ImportRenovations(), new RenovationRecord
            {
                ClientRef = "renovation", Owner = Person(w.Shared(t).Head), ProjectNumber = MatrixWorld.Code("WG"), Programme = "dilapidated-house", Method = "reinforcement", StartedOn = Today(-3),
            })).Accepted == 1)),
        new("/platform.relocation.v1.HousingSafety/ImportToilets", Right.RelocationFeed, Place.None, async (w, channel, t) =>
        {
            var head = (await w.FreshAsync(t)).Head;
            return async () => (await Stream(new HousingSafety.HousingSafetyClient(channel).ImportToilets(), new ToiletRecord
            {
                ClientRef = "toilet", Owner = Person(head), Type = "three-compartment", CompletedOn = Today(-2),
            })).Accepted == 1;
        }),
        new("/platform.relocation.v1.DrinkingWater/ImportWaterProjects", Right.RelocationFeed, Place.None, (w, channel, t) =>
            Task.FromResult<Func<Task<bool>>>(async () =>
            {
                var record = new WaterProjectRecord
                {
                    ClientRef = "water", Code = MatrixWorld.Code("GS"), Name = "矩阵集中供水工程", Kind = "centralised", VillageCode = MatrixWorld.VillageOf(t),
                    LitresPerPersonPerDay = 60, RoundTripMinutes = 10, GuaranteeRatePercent = 95, CompletedOn = Today(-100),
                };
                record.ServedVillageCodes.Add(MatrixWorld.VillageOf(t));
                return (await Stream(new DrinkingWater.DrinkingWaterClient(channel).ImportWaterProjects(), record)).Accepted == 1;
            })),
        new("/platform.relocation.v1.DrinkingWater/ImportWaterTests", Right.RelocationFeed, Place.None, async (w, channel, t) =>
        {
            var project = await w.SharedWaterProjectAsync(t);
            return async () => (await Stream(new DrinkingWater.DrinkingWaterClient(channel).ImportWaterTests(), new WaterTestRecord
            {
                ClientRef = "test", ProjectCode = project.Code, SampledOn = Today(-2), Passed = true, Laboratory = "县疾控中心", ReportNumber = MatrixWorld.Code("SZ"),
            })).Accepted == 1;
        }),
    ];

    private static PersonRef Person(MatrixWorld.Person person) => new() { IdNumber = person.IdNumber, Name = person.Name };
}
