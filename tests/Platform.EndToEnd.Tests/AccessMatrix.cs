using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Contracts.Grpc.Ecology.V1;
using Platform.Contracts.Grpc.Education.V1;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Contracts.Grpc.Industry.V1;

namespace Platform.EndToEnd.Tests;

/// <summary>What a caller may do: one right per kind of call, held by some of the callers.</summary>
public enum Right
{
    RegistryRead,
    RegistryWrite,
    PersonalData,
    /// <summary>County-level writes (policy county-write): bulk imports, work teams, inspections, county statistics, announcements.</summary>
    CountyWrite,
    EducationRead,
    EducationWrite,
    EducationCountyWrite,
    EducationFeed,
    AuditRead,

    // The industry pillar
    IndustryRead,
    IndustryWrite,
    IndustryFeed,
    // The welfare pillar
    WelfareRead,
    WelfareWrite,
    WelfareCountyWrite,
    WelfareFeed,
    // The ecology pillar
    EcologyRead,
    EcologyWrite,
    EcologyCountyWrite,
    EcologyFeed,
    // The relocation pillar
    RelocationRead,
    RelocationWrite,
    RelocationCountyWrite,
    RelocationFeed,
}

/// <summary>How a call meets the caller's data scope.</summary>
public enum Place
{
    /// <summary>No object, no place: lists and figures (filtered to the scope, tested elsewhere).</summary>
    None,

    /// <summary>About an object: outside the scope it does not exist (404, gRPC NOT_FOUND).</summary>
    Object,

    /// <summary>Writes into a place (a village, a township): outside the scope it is forbidden (403).</summary>
    Into,
}

/// <summary>Where the object of a call lies: in the test users' village (inside every scope) or in another township.</summary>
public enum Target
{
    Inside,
    Outside,
}

/// <summary>A REST call, valid and meant to succeed for a caller with the right inside its scope.</summary>
/// <param name="Unless">An answer the general rule does not give for this call (caller, target), if any.</param>
/// <param name="Workbook">The success is an Excel workbook (导出Excel), not JSON.</param>
public sealed record RestRow(
    string Method,
    string Pattern,
    Right Right,
    Place Place,
    HttpStatusCode Success,
    Func<MatrixWorld, string, Target, Task<HttpRequestMessage>> Build,
    Func<string, Target, HttpStatusCode?>? Unless = null,
    bool Workbook = false)
{
    public override string ToString() => $"{Method} {Pattern}";
}

/// <summary>A gRPC method, called with a valid request; <see cref="Call"/> tells whether it did what it was asked.</summary>
public sealed record GrpcRow(string Method, Right Right, Place Place, Func<MatrixWorld, GrpcChannel, Target, Task<Func<Task<bool>>>> Call)
{
    public override string ToString() => Method;
}

/// <summary>
/// The role × scope matrix of the whole API: who holds which right, and one row per REST endpoint and
/// per gRPC method with a request that succeeds for a caller that may make it. An expectation is exact:
/// the row's success status (gRPC OK and the work done) when the caller holds the right and the object
/// is inside its scope; 403 (PERMISSION_DENIED) without the right; 404 (NOT_FOUND) for an object
/// outside the scope, 403 for a write into a place outside it.
/// </summary>
public static partial class AccessMatrix
{
    private static readonly string[] CountyStaff = ["admin", "officer", "client:county-office"];
    private static readonly string[] PlaceStaff = ["township", "village"];

    public static readonly IReadOnlyDictionary<Right, IReadOnlySet<string>> Holders = new Dictionary<Right, IReadOnlySet<string>>
    {
        [Right.RegistryRead] = Callers.All.ToHashSet(),
        [Right.RegistryWrite] = CountyStaff.Concat(PlaceStaff).ToHashSet(),
        [Right.PersonalData] = CountyStaff.Concat(PlaceStaff).ToHashSet(),
        [Right.CountyWrite] = CountyStaff.ToHashSet(),
        [Right.EducationRead] = Callers.ReadersOf("education").ToHashSet(),
        [Right.EducationWrite] = CountyStaff.Concat(PlaceStaff).Concat(["education", "client:education-bureau"]).ToHashSet(),
        [Right.EducationCountyWrite] = CountyStaff.ToHashSet(),
        [Right.EducationFeed] = CountyStaff.Concat(["education", "client:education-bureau"]).ToHashSet(),
        [Right.AuditRead] = new HashSet<string> { "admin", "auditor", "client:county-office" },

        // The industry pillar: every reader but the education department; county, township and village staff and the
        // industry department write; county staff and the industry department send the feeds.
        [Right.IndustryRead] = Callers.ReadersOf("industry").ToHashSet(),
        [Right.IndustryWrite] = CountyStaff.Concat(PlaceStaff).Concat(Callers.DepartmentOf("industry")).ToHashSet(),
        [Right.IndustryFeed] = CountyStaff.Concat(Callers.DepartmentOf("industry")).ToHashSet(),
        // The welfare pillar
        [Right.WelfareRead] = Callers.ReadersOf("welfare").ToHashSet(),
        [Right.WelfareWrite] = CountyStaff.Concat(PlaceStaff).Concat(Callers.DepartmentOf("welfare")).ToHashSet(),
        [Right.WelfareCountyWrite] = CountyStaff.ToHashSet(),
        [Right.WelfareFeed] = CountyStaff.Concat(Callers.DepartmentOf("welfare")).ToHashSet(),
        // The ecology pillar: no department of another pillar reads or writes it (the forestry bureau's own
        // officer and client are in tests/Platform.Ecology.Tests: FeedTests, FiguresAndScopeTests).
        [Right.EcologyRead] = CountyStaff.Concat(PlaceStaff).Concat(["auditor"]).ToHashSet(),
        [Right.EcologyWrite] = CountyStaff.Concat(PlaceStaff).ToHashSet(),
        [Right.EcologyCountyWrite] = CountyStaff.ToHashSet(),
        [Right.EcologyFeed] = CountyStaff.ToHashSet(),
        // The relocation pillar: its department is the development-and-reform bureau's client.
        [Right.RelocationRead] = Callers.ReadersOf("relocation").ToHashSet(),
        [Right.RelocationWrite] = CountyStaff.Concat(PlaceStaff).Concat(Callers.DepartmentOf("relocation")).ToHashSet(),
        [Right.RelocationCountyWrite] = CountyStaff.ToHashSet(),
        [Right.RelocationFeed] = CountyStaff.Concat(Callers.DepartmentOf("relocation")).ToHashSet(),
    };

    /// <summary>Callers bound to a place: for them the other township's objects are outside.</summary>
    public static bool IsPlaceBound(string caller) => PlaceStaff.Contains(caller);

    /// <summary>The exact answer expected, as an HTTP status (gRPC: 200 = OK and done, 403, 404).</summary>
    public static HttpStatusCode Expected(Right right, Place place, HttpStatusCode success, string caller, Target target) =>
        !Holders[right].Contains(caller) ? HttpStatusCode.Forbidden
        : target == Target.Outside && place == Place.Object ? HttpStatusCode.NotFound
        : target == Target.Outside && place == Place.Into ? HttpStatusCode.Forbidden
        : success;

    internal static Task<HttpRequestMessage> Get(string path) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative)));

    internal static Task<HttpRequestMessage> Post(string path, object body) =>
        Task.FromResult(new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) });

    private static Task<HttpRequestMessage> Put(string path, object body) =>
        Task.FromResult(new HttpRequestMessage(HttpMethod.Put, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) });

    /// <summary>An export of a list (导出Excel): the list's read right, the list's scope (rows outside it are left out), a workbook.</summary>
    private static RestRow Export(string pattern, Right right, string query) =>
        new("GET", pattern, right, Place.None, HttpStatusCode.OK, (w, c, t) => Get(pattern + query), Workbook: true);

    private static string Today(int days = 0) => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Every REST endpoint of the registry, the pillars and the gateway's own API.</summary>
    public static readonly IReadOnlyList<RestRow> Rest =
    [
        // The registry (建档立卡).
        new("GET", "/api/households/", Right.RegistryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/households/?pageSize=5")),
        new("GET", "/api/households/{id:guid}", Right.RegistryRead, Place.Object, HttpStatusCode.OK, (w, c, t) => Get($"/api/households/{w.Shared(t).Id}")),
        new("POST", "/api/households/", Right.RegistryWrite, Place.Into, HttpStatusCode.Created, (w, c, t) =>
            Post("/api/households/", TestCounty.RegistrationBody(TestCounty.NewHouseholdNumber(), MatrixWorld.VillageOf(t), TestCounty.NewPerson("申请人", "户主", new DateOnly(1979, 5, 6))))),
        new("POST", "/api/households/{id:guid}/members", Right.RegistryWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
        {
            var born = TestCounty.NewPerson("新生儿", "之孙子", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-60));
            return await Post($"/api/households/{(await w.FreshAsync(t)).Id}/members", new { reason = "born", member = new { idNumber = born.IdNumber, name = born.Name, relation = born.Relation } });
        }),
        new("POST", "/api/households/{id:guid}/members/{memberId:guid}/removal", Right.RegistryWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
        {
            var household = await w.FreshAsync(t);
            return await Post($"/api/households/{household.Id}/members/{household.Young.Id}/removal", new { reason = "moved-out", note = "随父母外出" });
        }),
        new("POST", "/api/households/{id:guid}/status", Right.RegistryWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            // The one status change by hand: a household under monitoring identified as poor (识别为贫困户); exits and monitoring have procedures of their own.
            await Post($"/api/households/{(await w.MonitoredHouseholdAsync(t)).Household}/status", new { status = "poor", reason = "识别为建档立卡贫困户" })),
        new("POST", "/api/households/{id:guid}/move", Right.RegistryWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Post($"/api/households/{(await w.FreshAsync(t)).Id}/move", new { villageCode = TestCounty.OtherVillageOfTownship, reason = "易地扶贫搬迁" }),
            // A village cadre has no other village: the one it would move the household to is outside its scope.
            (c, t) => c == "village" && t == Target.Inside ? HttpStatusCode.Forbidden : null),
        new("POST", "/api/households/{id:guid}/members/{memberId:guid}/identity", Right.PersonalData, Place.Object, HttpStatusCode.OK, (w, c, t) =>
            Post($"/api/households/{w.Shared(t).Id}/members/{w.Shared(t).Head.Id}/identity", new { reason = "核对医保报销材料" })),
        new("POST", "/api/households/members/lookup", Right.RegistryRead, Place.Object, HttpStatusCode.OK, (w, c, t) =>
            Post("/api/households/members/lookup", new { idNumber = w.Shared(t).Head.IdNumber })),
        new("GET", "/api/households/townships", Right.RegistryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/households/townships")),
        new("GET", "/api/households/villages", Right.RegistryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/households/villages")),
        new("GET", "/api/households/figures", Right.RegistryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/households/figures")),
        new("GET", "/api/households/figures/townships", Right.RegistryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/households/figures/townships")),
        Export("/api/households/export", Right.RegistryRead, $"?village={PlatformFixture.Village}&type=ordinary"),
        Export("/api/households/exits/export", Right.RegistryRead, $"?village={PlatformFixture.Village}"),
        Export("/api/households/monitoring/flags/export", Right.RegistryRead, $"?village={PlatformFixture.Village}&state=all"),
        Export("/api/households/villages/incidence/export", Right.RegistryRead, $"?township={PlatformFixture.Township}"),
        Export("/api/households/exit-batches/export", Right.RegistryRead, $"?village={PlatformFixture.Village}"),
        new("GET", "/api/households/{id:guid}/income", Right.RegistryRead, Place.Object, HttpStatusCode.OK, (w, c, t) => Get($"/api/households/{w.Shared(t).Id}/income")),

        // The registry's exit procedure (贫困户退出程序).
        new("GET", "/api/households/{id:guid}/eligibility", Right.RegistryRead, Place.Object, HttpStatusCode.OK, (w, c, t) => Get($"/api/households/{w.Shared(t).Id}/eligibility")),
        new("POST", "/api/households/{id:guid}/eligibility/what-if", Right.RegistryRead, Place.Object, HttpStatusCode.OK, (w, c, t) =>
            Post($"/api/households/{w.Shared(t).Id}/eligibility/what-if", new { addedIncome = new[] { new { kind = "wage", amount = 9000m, countsTowardExit = true } } })),
        new("GET", "/api/households/{id:guid}/exit-history", Right.RegistryRead, Place.Object, HttpStatusCode.OK, (w, c, t) => Get($"/api/households/{w.Shared(t).Id}/exit-history")),
        new("GET", "/api/households/exit/candidates", Right.RegistryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get($"/api/households/exit/candidates?village={PlatformFixture.Village}&pageSize=5")),
        new("GET", "/api/households/exits", Right.RegistryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/households/exits?pageSize=5")),
        new("GET", "/api/households/exit-batches/", Right.RegistryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/households/exit-batches/?pageSize=5")),
        new("GET", "/api/households/exit-batches/{batchId:guid}", Right.RegistryRead, Place.Object, HttpStatusCode.OK, (w, c, t) => Get($"/api/households/exit-batches/{w.Registry(t).Batch}")),
        new("POST", "/api/households/exit-batches/", Right.RegistryWrite, Place.Into, HttpStatusCode.Created, async (w, c, t) =>
            await Post("/api/households/exit-batches/", MatrixWorld.ExitBatchBody(MatrixWorld.VillageOf(t), (await w.FreshAsync(t)).Id))),
        new("POST", "/api/households/exit-batches/{batchId:guid}/households", Right.RegistryWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Post($"/api/households/exit-batches/{await w.ExitBatchAsync(t)}/households", new { householdIds = new[] { (await w.FreshAsync(t)).Id } })),
        new("POST", "/api/households/exit-batches/{batchId:guid}/steps/{step}", Right.RegistryWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Post($"/api/households/exit-batches/{await w.ExitBatchAsync(t)}/steps/review", new { note = "村民代表大会评议" })),
        new("POST", "/api/households/exit-batches/{batchId:guid}/objections", Right.RegistryWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
        {
            var (batch, household) = await w.PublicisedBatchAsync(t);
            return await Post($"/api/households/exit-batches/{batch}/objections", MatrixWorld.ObjectionBody(household));
        }),
        new("POST", "/api/households/exit-batches/{batchId:guid}/objections/{objectionId:guid}/resolution", Right.RegistryWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
        {
            var (batch, objection) = await w.ObjectionAsync(t);
            return await Post($"/api/households/exit-batches/{batch}/objections/{objection}/resolution", new { upheld = false, resolution = "经核实收入达标，异议不成立", on = "2020-10-22" });
        }),
        new("POST", "/api/households/exit-batches/{batchId:guid}/withdrawal", Right.RegistryWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
        {
            var (batch, household) = await w.ExitBatchWithHouseholdAsync(t);
            return await Post($"/api/households/exit-batches/{batch}/withdrawal", new { householdId = household, reason = "收入未达标" });
        }),

        // Post-exit monitoring (防返贫监测).
        new("GET", "/api/households/monitoring/flags", Right.RegistryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/households/monitoring/flags?pageSize=5")),
        new("GET", "/api/households/monitoring/flags/{flagId:guid}", Right.RegistryRead, Place.Object, HttpStatusCode.OK, (w, c, t) => Get($"/api/households/monitoring/flags/{w.Registry(t).Flag}")),
        new("POST", "/api/households/monitoring/flags", Right.RegistryWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
            await Post("/api/households/monitoring/flags", new { householdId = await w.UnflaggedMonitoredHouseholdAsync(t), category = "sudden-hardship", trigger = "own-application", reason = "农户申报：因灾损失" })),
        new("POST", "/api/households/monitoring/households", Right.RegistryWrite, Place.Into, HttpStatusCode.Created, (w, c, t) =>
            Post("/api/households/monitoring/households", MatrixWorld.MonitoredHouseholdBody(MatrixWorld.VillageOf(t)))),
        new("POST", "/api/households/monitoring/flags/{flagId:guid}/reviews", Right.RegistryWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
            await Post($"/api/households/monitoring/flags/{await w.FlagAsync(t)}/reviews", new { perCapitaIncome = 9000m, causeResolved = false, note = "仍在治疗" })),
        new("POST", "/api/households/monitoring/flags/{flagId:guid}/removal", Right.RegistryWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Post($"/api/households/monitoring/flags/{await w.StableFlagAsync(t)}/removal", new { reason = "务工收入稳定超过监测线" })),
        new("POST", "/api/households/monitoring/income-checks", Right.RegistryWrite, Place.None, HttpStatusCode.OK, (w, c, t) =>
            Post("/api/households/monitoring/income-checks", new { year = MatrixWorld.Today().Year - 1 })),
        new("GET", "/api/households/{id:guid}/measures", Right.RegistryRead, Place.Object, HttpStatusCode.OK, (w, c, t) => Get($"/api/households/{w.Shared(t).Id}/measures")),
        new("POST", "/api/households/{id:guid}/measures", Right.RegistryWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
            await Post($"/api/households/{(await w.FreshAsync(t)).Id}/measures", new { category = "employment", description = "安排公益性岗位" })),

        // Helpers, pairings and work teams (帮扶力量).
        new("GET", "/api/households/helpers", Right.RegistryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/households/helpers?pageSize=5")),
        new("GET", "/api/households/helpers/{cadreId:guid}", Right.RegistryRead, Place.Object, HttpStatusCode.OK, (w, c, t) => Get($"/api/households/helpers/{w.Registry(t).Helper}")),
        new("POST", "/api/households/helpers", Right.RegistryWrite, Place.None, HttpStatusCode.Created, (w, c, t) =>
            Post("/api/households/helpers", new { name = "矩阵新帮扶", workUnit = "县水利局", phone = "13700002222", kind = "cadre" })),
        new("POST", "/api/households/helpers/{cadreId:guid}/contact", Right.PersonalData, Place.Object, HttpStatusCode.OK, (w, c, t) =>
            Post($"/api/households/helpers/{w.Registry(t).Helper}/contact", new { reason = "通知入户走访" })),
        new("GET", "/api/households/{id:guid}/pairings", Right.RegistryRead, Place.Object, HttpStatusCode.OK, (w, c, t) => Get($"/api/households/{w.Shared(t).Id}/pairings")),
        new("GET", "/api/households/{id:guid}/visits", Right.RegistryRead, Place.Object, HttpStatusCode.OK, (w, c, t) => Get($"/api/households/{w.Shared(t).Id}/visits")),
        new("POST", "/api/households/{id:guid}/pairings", Right.RegistryWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
            await Post($"/api/households/{(await w.FreshAsync(t)).Id}/pairings", new { cadreId = await w.HelperAsync() })),
        new("POST", "/api/households/{id:guid}/pairings/{pairingId:guid}/end", Right.RegistryWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
        {
            var (household, pairing) = await w.PairingAsync(t);
            return await Post($"/api/households/{household}/pairings/{pairing}/end", new { reason = "工作调动" });
        }),
        new("GET", "/api/households/work-teams", Right.RegistryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/households/work-teams?pageSize=5")),
        new("GET", "/api/households/work-teams/{teamId:guid}", Right.RegistryRead, Place.Object, HttpStatusCode.OK, (w, c, t) => Get($"/api/households/work-teams/{w.Registry(t).Team}")),
        new("POST", "/api/households/work-teams", Right.CountyWrite, Place.Into, HttpStatusCode.Created, async (w, c, t) =>
            await Post("/api/households/work-teams", new { villageCode = await w.FreshVillageAsync(t, poor: true), sendingUnit = "县交通局", from = "2021-03-01" })),
        new("POST", "/api/households/work-teams/{teamId:guid}/members", Right.CountyWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
            await Post($"/api/households/work-teams/{w.Registry(t).Team}/members", new { cadreId = await w.HelperAsync(), role = "member", from = "2021-03-01" })),
        new("POST", "/api/households/work-teams/{teamId:guid}/members/{memberId:long}/end", Right.CountyWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Post($"/api/households/work-teams/{w.Registry(t).Team}/members/{await w.StationAsync(t)}/end", new { reason = "期满轮换" })),
        new("POST", "/api/households/work-teams/{teamId:guid}/recall", Right.CountyWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Post($"/api/households/work-teams/{await w.TeamAsync(t)}/recall", new { to = MatrixWorld.Today() })),

        // The household form (扶贫手册) and members' health.
        new("GET", "/api/households/{id:guid}/form", Right.RegistryRead, Place.Object, HttpStatusCode.OK, (w, c, t) => Get($"/api/households/{w.Shared(t).Id}/form")),
        new("PUT", "/api/households/{id:guid}/form", Right.RegistryWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Put($"/api/households/{(await w.FreshAsync(t)).Id}/form", new
            {
                type = "ordinary", cultivatedLand = 3.5m, forestLand = 1m, returnedFarmland = 0m, orchard = 0m, distanceToRoadKm = 0.5m, dangerousHouse = false, houseArea = 90m,
                fuel = "firewood", safeDrinkingWater = true, electricity = true, broadcastTv = true, sanitaryToilet = true, cooperativeMember = false, linkedToLeadEnterprise = false,
            })),
        new("PUT", "/api/households/{id:guid}/members/{memberId:guid}/form", Right.RegistryWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
        {
            var household = await w.FreshAsync(t);
            return await Put($"/api/households/{household.Id}/members/{household.Head.Id}/form", new { education = "junior", monthsWorked = 0, residentMedicalInsurance = true, criticalIllnessInsurance = true, pension = false, welfare = "none", publicWelfarePostMonths = 0 });
        }),
        new("POST", "/api/households/{id:guid}/members/{memberId:guid}/health", Right.RegistryWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
        {
            var household = await w.FreshAsync(t);
            return await Post($"/api/households/{household.Id}/members/{household.Head.Id}/health", new { health = "chronic", reason = "县医院诊断" });
        }),

        // Inspections (退出评估检查): of the whole county, read by every role within its scope.
        new("GET", "/api/households/inspections/", Right.RegistryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/households/inspections/?pageSize=5")),
        new("GET", "/api/households/inspections/{inspectionId:guid}", Right.RegistryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get($"/api/households/inspections/{w.Inspection}")),
        new("GET", "/api/households/inspections/{inspectionId:guid}/sample", Right.RegistryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get($"/api/households/inspections/{w.Inspection}/sample")),
        new("GET", "/api/households/inspections/{inspectionId:guid}/missed", Right.RegistryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get($"/api/households/inspections/{w.Inspection}/missed")),
        new("POST", "/api/households/inspections/", Right.CountyWrite, Place.None, HttpStatusCode.Created, (w, c, t) => Post("/api/households/inspections/", MatrixWorld.InspectionBody())),
        new("POST", "/api/households/inspections/{inspectionId:guid}/visits", Right.CountyWrite, Place.None, HttpStatusCode.OK, async (w, c, t) =>
        {
            var (inspection, household) = await w.InspectionWithSampleAsync();
            return await Post($"/api/households/inspections/{inspection}/visits", new { visits = new[] { new { householdId = household, visitedOn = MatrixWorld.Today(), inspector = "第三方评估组", wronglyExited = false, approves = true } } });
        }),
        new("POST", "/api/households/inspections/{inspectionId:guid}/missed", Right.CountyWrite, Place.None, HttpStatusCode.Created, async (w, c, t) =>
            await Post($"/api/households/inspections/{await w.InspectionAsync()}/missed", new { villageCode = PlatformFixture.Village, visitedOn = MatrixWorld.Today(), inspector = "第三方评估组", people = 3, description = "因病致贫未识别" })),

        // Poverty incidence and village exit (贫困村出列).
        new("GET", "/api/households/villages/incidence", Right.RegistryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/households/villages/incidence?pageSize=5")),
        new("GET", "/api/households/townships/incidence", Right.RegistryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/households/townships/incidence")),
        new("GET", "/api/households/village-exits", Right.RegistryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/households/village-exits?pageSize=5")),
        new("GET", "/api/households/village-exits/{exitId:guid}", Right.RegistryRead, Place.Object, HttpStatusCode.OK, (w, c, t) => Get($"/api/households/village-exits/{w.Registry(t).VillageExit}")),
        new("POST", "/api/households/village-exits", Right.RegistryWrite, Place.Into, HttpStatusCode.Created, async (w, c, t) =>
            await Post("/api/households/village-exits", new { villageCode = c == "village" && t == Target.Inside ? PlatformFixture.Village : await w.FreshVillageAsync(t, poor: true) }),
            // A village cadre has one village, a poor one whose exit is under way already (the matrix's shared one): one procedure at a time.
            (c, t) => c == "village" && t == Target.Inside ? HttpStatusCode.Conflict : null),
        new("POST", "/api/households/village-exits/{exitId:guid}/steps/{step}", Right.RegistryWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Post($"/api/households/village-exits/{(c == "village" && t == Target.Inside ? w.Registry(t).VillageExit : await w.VillageExitAsync(t))}/steps/check", new
            {
                conditions = new { pavedRoadWithBus = true, safeDrinkingWater = true, electricity = true, broadband = true, clinic = true, serviceCentre = true, leadingIndustry = true, collectiveIncome = true },
            }),
            // A village cadre's one village is the test village (900 people, the matrix's poor households in it): its
            // incidence is above 2%, so the check is refused on its merits (400), past the access checks.
            (c, t) => c == "village" && t == Target.Inside ? HttpStatusCode.BadRequest : null),

        // Figures and county statistics.
        new("GET", "/api/households/figures/exit", Right.RegistryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/households/figures/exit")),
        new("GET", "/api/households/statistics/rural-income", Right.RegistryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/households/statistics/rural-income")),
        new("PUT", "/api/households/statistics/rural-income/{year:int}", Right.CountyWrite, Place.None, HttpStatusCode.OK, (w, c, t) =>
            Put("/api/households/statistics/rural-income/2019", new { perCapitaDisposableIncome = 10_100m, source = "县统计局" })),
        new("GET", "/api/households/statistics/households", Right.RegistryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/households/statistics/households")),
        new("GET", "/api/households/statistics/income", Right.RegistryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/households/statistics/income")),
        new("POST", "/api/households/announcements", Right.CountyWrite, Place.None, HttpStatusCode.OK, (w, c, t) =>
            Post("/api/households/announcements", new { audience = "welfare", townshipCode = TestCounty.OtherTownship })),

        // The education pillar (发展教育脱贫一批).
        new("GET", "/api/education/households/{householdId:guid}/students", Right.EducationRead, Place.Object, HttpStatusCode.OK, (w, c, t) =>
            Get($"/api/education/households/{w.Shared(t).Id}/students")),
        new("GET", "/api/education/students", Right.EducationRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/education/students?pageSize=5")),
        new("GET", "/api/education/students/out-of-school", Right.EducationRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/education/students/out-of-school")),
        new("GET", "/api/education/dropouts/", Right.EducationRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/education/dropouts/")),
        new("GET", "/api/education/dropouts/{id:guid}", Right.EducationRead, Place.Object, HttpStatusCode.OK, (w, c, t) => Get($"/api/education/dropouts/{w.Shared(t).CaseId}")),
        new("POST", "/api/education/dropouts/", Right.EducationWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
            await Post("/api/education/dropouts/", new
            {
                studentId = (await w.FreshAsync(t)).Young.Id, trigger = "dropped-out", reason = "外出打工，连续两周未到校",
                administrativeOfficer = new { name = "张村长", position = "村主任" }, educationOfficer = new { name = "李老师", position = "班主任" },
            })),
        new("POST", "/api/education/dropouts/{id:guid}/visits", Right.EducationWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
            await Post($"/api/education/dropouts/{(await w.FreshAsync(t)).CaseId}/visits", new { visitedOn = Today(), line = "administrative", visitors = "张村长", note = "入户劝返" })),
        new("POST", "/api/education/dropouts/{id:guid}/closure", Right.EducationWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Post($"/api/education/dropouts/{(await w.FreshAsync(t)).CaseId}/closure", new { outcome = "home-teaching", homeTeacher = "王老师", note = "因残送教上门" })),
        new("GET", "/api/education/aid/policies", Right.EducationRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/education/aid/policies")),
        new("POST", "/api/education/aid/grants", Right.EducationWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
            await Post("/api/education/aid/grants", new { policy = "nutrition-meals", studentId = (await w.FreshAsync(t)).Pupil.Id })),
        new("GET", "/api/education/students/{studentId:guid}/aid", Right.EducationRead, Place.Object, HttpStatusCode.OK, (w, c, t) =>
            Get($"/api/education/students/{w.Shared(t).Pupil.Id}/aid")),
        new("GET", "/api/education/aid/coverage", Right.EducationRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/education/aid/coverage")),
        new("GET", "/api/education/training/courses", Right.EducationRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/education/training/courses")),
        new("POST", "/api/education/training/courses", Right.EducationWrite, Place.Into, HttpStatusCode.Created, (w, c, t) =>
            Post("/api/education/training/courses", MatrixWorld.CourseBody(MatrixWorld.VillageOf(t)[..9]))),
        new("POST", "/api/education/training/courses/{courseId:guid}/enrolments", Right.EducationWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
        {
            var household = await w.FreshAsync(t);
            return await Post($"/api/education/training/courses/{await w.CourseAsync(t)}/enrolments", new { memberId = household.Head.Id });
        }),
        new("POST", "/api/education/training/enrolments/{enrolmentId:guid}/completion", Right.EducationWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Post($"/api/education/training/enrolments/{await w.EnrolmentAsync(t)}/completion", new { completedOn = Today(-1), certificate = "JY-" + Guid.NewGuid().ToString("N")[..8] })),
        new("GET", "/api/education/households/{householdId:guid}/training", Right.EducationRead, Place.Object, HttpStatusCode.OK, (w, c, t) =>
            Get($"/api/education/households/{w.Shared(t).Id}/training")),
        new("GET", "/api/education/facilities/", Right.EducationRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/education/facilities/")),
        new("POST", "/api/education/facilities/", Right.EducationCountyWrite, Place.None, HttpStatusCode.Created, (w, c, t) =>
            Post("/api/education/facilities/", new { kind = "kindergarten", name = "幼儿园" + Guid.NewGuid().ToString("N")[..6], villageCode = MatrixWorld.VillageOf(t), capacity = 60 })),
        Export("/api/education/students/export", Right.EducationRead, $"?village={PlatformFixture.Village}"),
        Export("/api/education/dropouts/export", Right.EducationRead, $"?village={PlatformFixture.Village}"),
        Export("/api/education/aid/coverage/export", Right.EducationRead, $"?village={PlatformFixture.Village}"),
        new("GET", "/api/education/figures", Right.EducationRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/education/figures")),

        // The industry pillar (发展生产脱贫一批): lists narrowed to a household are about it (404 outside the scope).
        new("GET", "/api/industry/figures", Right.IndustryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/industry/figures")),
        new("GET", "/api/industry/catalogue", Right.IndustryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/industry/catalogue")),
        new("GET", "/api/industry/households/{id:guid}", Right.IndustryRead, Place.Object, HttpStatusCode.OK, (w, c, t) => Get($"/api/industry/households/{w.Shared(t).Id}")),
        new("GET", "/api/industry/households", Right.IndustryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/industry/households?pageSize=5")),
        Export("/api/industry/households/export", Right.IndustryRead, $"?village={PlatformFixture.Village}"),
        new("GET", "/api/industry/work-list", Right.IndustryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/industry/work-list")),
        Export("/api/industry/work-list/export", Right.IndustryRead, "?open=true"),
        new("GET", "/api/industry/income", Right.IndustryRead, Place.Object, HttpStatusCode.OK, (w, c, t) => Get($"/api/industry/income?household={w.Shared(t).Id}")),
        new("GET", "/api/industry/income/export", Right.IndustryRead, Place.Object, HttpStatusCode.OK, (w, c, t) => Get($"/api/industry/income/export?household={w.Shared(t).Id}"), Workbook: true),
        new("GET", "/api/industry/entities", Right.IndustryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/industry/entities?pageSize=5")),
        Export("/api/industry/entities/export", Right.IndustryRead, $"?village={PlatformFixture.Village}"),
        new("GET", "/api/industry/entities/{id:guid}", Right.IndustryRead, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Get($"/api/industry/entities/{(await w.IndustryEntityAsync(t)).Id}")),
        new("POST", "/api/industry/entities", Right.IndustryWrite, Place.Into, HttpStatusCode.Created, (w, c, t) => Post("/api/industry/entities", MatrixWorld.IndustryEntityBody(t))),
        new("GET", "/api/industry/bases", Right.IndustryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/industry/bases?pageSize=5")),
        Export("/api/industry/bases/export", Right.IndustryRead, $"?village={PlatformFixture.Village}"),
        new("GET", "/api/industry/bases/{id:guid}/households", Right.IndustryRead, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Get($"/api/industry/bases/{await w.IndustryBaseAsync(t)}/households")),
        new("POST", "/api/industry/bases", Right.IndustryWrite, Place.Into, HttpStatusCode.Created, (w, c, t) => Post("/api/industry/bases", MatrixWorld.IndustryBaseBody(t))),
        new("GET", "/api/industry/links/", Right.IndustryRead, Place.Object, HttpStatusCode.OK, (w, c, t) => Get($"/api/industry/links/?household={w.Shared(t).Id}")),
        new("POST", "/api/industry/links/", Right.IndustryWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
            await Post("/api/industry/links/", new { entityId = (await w.NewIndustryEntityAsync(t)).Id, memberId = w.Shared(t).Head.Id, kind = "dividend", startedOn = Today(-30) })),
        new("POST", "/api/industry/links/{id:guid}/end", Right.IndustryWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Post($"/api/industry/links/{(await w.NewIndustryLinkAsync(t)).Id}/end", new { reason = "合作社调整经营" })),
        new("GET", "/api/industry/links/{id:guid}/payments", Right.IndustryRead, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Get($"/api/industry/links/{(await w.IndustryLinkAsync(t)).Id}/payments")),
        new("POST", "/api/industry/links/{id:guid}/payments", Right.IndustryWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
            await Post($"/api/industry/links/{(await w.IndustryLinkAsync(t)).Id}/payments", new { paidOn = Today(-1), amount = 120m })),
        new("PUT", "/api/industry/links/{id:guid}/payments/{paymentId:guid}", Right.IndustryWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
        {
            var (link, payment) = await w.NewIndustryPaymentAsync(t);
            return await Put($"/api/industry/links/{link}/payments/{payment}", new { paidOn = Today(-1), amount = 150m });
        }),
        new("GET", "/api/industry/projects/", Right.IndustryRead, Place.Object, HttpStatusCode.OK, (w, c, t) => Get($"/api/industry/projects/?household={w.Shared(t).Id}")),
        new("GET", "/api/industry/projects/export", Right.IndustryRead, Place.Object, HttpStatusCode.OK, (w, c, t) => Get($"/api/industry/projects/export?household={w.Shared(t).Id}"), Workbook: true),
        new("POST", "/api/industry/projects/", Right.IndustryWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
            await Post("/api/industry/projects/", new { memberId = (await w.FreshAsync(t)).Head.Id, industry = "tea", description = "种植茶叶", scale = 2m, year = 2020, policy = "planting" })),
        new("GET", "/api/industry/employment/", Right.IndustryRead, Place.Object, HttpStatusCode.OK, (w, c, t) => Get($"/api/industry/employment/?household={w.Shared(t).Id}")),
        new("GET", "/api/industry/employment/export", Right.IndustryRead, Place.Object, HttpStatusCode.OK, (w, c, t) => Get($"/api/industry/employment/export?household={w.Shared(t).Id}"), Workbook: true),
        new("POST", "/api/industry/employment/", Right.IndustryWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
            await Post("/api/industry/employment/", new
            {
                memberId = (await w.FreshAsync(t)).Head.Id, kind = "public-welfare-post", employer = "护林员", startedOn = Today(-30), months = 1, monthlyWage = 500m,
            })),
        new("GET", "/api/industry/job-matching/tasks", Right.IndustryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/industry/job-matching/tasks")),
        Export("/api/industry/job-matching/tasks/export", Right.IndustryRead, "?open=true"),
        new("GET", "/api/industry/job-matching/tasks/{id:guid}", Right.IndustryRead, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Get($"/api/industry/job-matching/tasks/{await w.NewMatchingTaskAsync(t)}")),
        new("POST", "/api/industry/job-matching/tasks/{id:guid}/closure", Right.IndustryWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Post($"/api/industry/job-matching/tasks/{await w.NewMatchingTaskAsync(t)}/closure", new { outcome = "no-job-wanted", note = "本人无外出务工意愿" })),
        new("GET", "/api/industry/job-matching/candidates", Right.IndustryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/industry/job-matching/candidates")),
        Export("/api/industry/job-matching/candidates/export", Right.IndustryRead, $"?village={PlatformFixture.Village}"),
        new("GET", "/api/industry/sales/", Right.IndustryRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/industry/sales/")),
        Export("/api/industry/sales/export", Right.IndustryRead, "?year=2020"),
        new("POST", "/api/industry/sales/", Right.IndustryWrite, Place.Object, HttpStatusCode.Created, (w, c, t) =>
            Post("/api/industry/sales/", new
            {
                product = "香菇", channel = "fair", buyer = "县总工会", soldOn = Today(-1), amount = 100m, shares = new[] { new { householdId = w.Shared(t).Id, amount = 50m } },
            })),
        // The ecology pillar (生态补偿脱贫一批).
        new("GET", "/api/ecology/rangers/quotas", Right.EcologyRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/ecology/rangers/quotas")),
        new("PUT", "/api/ecology/rangers/quotas/{year:int}/{townshipCode}", Right.EcologyCountyWrite, Place.Into, HttpStatusCode.OK, (w, c, t) =>
            Task.FromResult(new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/ecology/rangers/quotas/{MatrixWorld.RangerYear}/{MatrixWorld.VillageOf(t)[..9]}", UriKind.Relative))
            {
                Content = JsonContent.Create(new { posts = 100_000 }),
            })),
        new("GET", "/api/ecology/rangers/", Right.EcologyRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get($"/api/ecology/rangers/?year={MatrixWorld.RangerYear}&pageSize=5")),
        Export("/api/ecology/rangers/export", Right.EcologyRead, $"?year={MatrixWorld.RangerYear}&village={PlatformFixture.Village}"),
        new("POST", "/api/ecology/rangers/", Right.EcologyWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
            await Post("/api/ecology/rangers/", new { memberId = (await w.FreshAsync(t)).Head.Id, year = MatrixWorld.RangerYear, startsOn = MatrixWorld.InRangerYear(1, 1) })),
        new("GET", "/api/ecology/rangers/{id:guid}", Right.EcologyRead, Place.Object, HttpStatusCode.OK, async (w, c, t) => await Get($"/api/ecology/rangers/{await w.SharedPostAsync(t)}")),
        new("GET", "/api/ecology/rangers/{id:guid}/patrols", Right.EcologyRead, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Get($"/api/ecology/rangers/{await w.SharedPostAsync(t)}/patrols")),
        new("POST", "/api/ecology/rangers/{id:guid}/patrols", Right.EcologyWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
            await Post($"/api/ecology/rangers/{(await w.FreshPostAsync(t)).PostId}/patrols", new { patrolledOn = MatrixWorld.InRangerYear(5, 4), hours = 4.5, distanceKm = 12 })),
        new("POST", "/api/ecology/rangers/{id:guid}/assessment", Right.EcologyWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Post($"/api/ecology/rangers/{(await w.FreshPostAsync(t)).PostId}/assessment", new { grade = "qualified", assessedOn = MatrixWorld.InRangerYear(12, 15) })),
        new("POST", "/api/ecology/rangers/{id:guid}/dismissal", Right.EcologyWrite, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Post($"/api/ecology/rangers/{(await w.FreshPostAsync(t)).PostId}/dismissal", new { reason = "resigned", on = MatrixWorld.InRangerYear(7, 2) })),
        new("POST", "/api/ecology/rangers/{id:guid}/pay", Right.EcologyWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
            await Post($"/api/ecology/rangers/{(await w.FreshPostAsync(t)).PostId}/pay", new { paidOn = MatrixWorld.InRangerYear(12, 20) })),
        new("GET", "/api/ecology/rangers/pay", Right.EcologyRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get($"/api/ecology/rangers/pay?year={MatrixWorld.RangerYear}&pageSize=5")),
        Export("/api/ecology/rangers/pay/export", Right.EcologyRead, $"?year={MatrixWorld.RangerYear}&village={PlatformFixture.Village}"),
        new("GET", "/api/ecology/compensation/rates", Right.EcologyRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/ecology/compensation/rates")),
        new("GET", "/api/ecology/compensation/", Right.EcologyRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get($"/api/ecology/compensation/?year={MatrixWorld.RangerYear}&pageSize=5")),
        Export("/api/ecology/compensation/export", Right.EcologyRead, $"?year={MatrixWorld.RangerYear}&village={PlatformFixture.Village}"),
        new("POST", "/api/ecology/compensation/", Right.EcologyWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
            await Post("/api/ecology/compensation/", new { householdId = (await w.FreshAsync(t)).Id, kind = "public-welfare-forest", year = MatrixWorld.RangerYear, areaMu = 36.4 })),
        new("GET", "/api/ecology/projects/", Right.EcologyRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/ecology/projects/?pageSize=5")),
        Export("/api/ecology/projects/export", Right.EcologyRead, $"?village={PlatformFixture.Village}"),
        new("POST", "/api/ecology/projects/", Right.EcologyWrite, Place.Into, HttpStatusCode.Created, (w, c, t) => Post("/api/ecology/projects/", MatrixWorld.ProjectBody(MatrixWorld.VillageOf(t)))),
        new("GET", "/api/ecology/projects/{id:guid}", Right.EcologyRead, Place.Object, HttpStatusCode.OK, async (w, c, t) => await Get($"/api/ecology/projects/{await w.ProjectAsync(t)}")),
        new("GET", "/api/ecology/projects/{id:guid}/households", Right.EcologyRead, Place.Object, HttpStatusCode.OK, async (w, c, t) =>
            await Get($"/api/ecology/projects/{await w.ProjectAsync(t)}/households")),
        new("POST", "/api/ecology/projects/{id:guid}/incomes", Right.EcologyWrite, Place.Object, HttpStatusCode.Created, async (w, c, t) =>
            await Post($"/api/ecology/projects/{await w.ProjectAsync(t)}/incomes", new { householdId = (await w.FreshAsync(t)).Id, kind = "wage", year = MatrixWorld.RangerYear, amount = 1200 })),
        new("GET", "/api/ecology/households/", Right.EcologyRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get($"/api/ecology/households/?year={MatrixWorld.RangerYear}&pageSize=5")),
        Export("/api/ecology/households/export", Right.EcologyRead, $"?year={MatrixWorld.RangerYear}&village={PlatformFixture.Village}"),
        new("GET", "/api/ecology/households/{householdId:guid}", Right.EcologyRead, Place.Object, HttpStatusCode.OK, (w, c, t) => Get($"/api/ecology/households/{w.Shared(t).Id}")),
        new("GET", "/api/ecology/figures", Right.EcologyRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/ecology/figures")),
        // The relocation pillar (易地扶贫搬迁一批).
        .. RelocationRest,

        // The gateway's own API.
        new("GET", "/api/audit", Right.AuditRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/audit?pageSize=1")),
        Export("/api/audit/export", Right.AuditRead, "?action=EXPORT&from=2026-01-01"),

        // The welfare pillar
        .. WelfareMatrix.Rest,
    ];

    /// <summary>Every gRPC method of the platform's protos.</summary>
    public static readonly IReadOnlyList<GrpcRow> Grpc =
    [
        new("/platform.households.v1.HouseholdRegistry/ImportHouseholds", Right.CountyWrite, Place.None, (w, channel, t) =>
            Task.FromResult<Func<Task<bool>>>(async () =>
            {
                using var call = new HouseholdRegistry.HouseholdRegistryClient(channel).ImportHouseholds();
                await call.RequestStream.WriteAsync(MatrixWorld.HouseholdRecord(MatrixWorld.VillageOf(t)));
                await call.RequestStream.CompleteAsync();
                return (await call).Accepted == 1;
            })),
        new("/platform.households.v1.HouseholdRegistry/ImportVillages", Right.CountyWrite, Place.None, (w, channel, t) =>
            Task.FromResult<Func<Task<bool>>>(async () =>
                (await new HouseholdRegistry.HouseholdRegistryClient(channel).ImportVillagesAsync(TestCounty.Places())).VillagesUpdated == TestCounty.Places().Villages.Count)),
        new("/platform.households.v1.HouseholdRegistry/ImportCampaignHistory", Right.CountyWrite, Place.None, async (w, channel, t) =>
        {
            var village = await w.FreshVillageAsync(Target.Inside, poor: false);
            return async () =>
            {
                using var call = new HouseholdRegistry.HouseholdRegistryClient(channel).ImportCampaignHistory();
                await call.RequestStream.WriteAsync(new VillageHistory { ClientRef = "matrix", VillageCode = village });
                await call.RequestStream.CompleteAsync();
                return (await call).Accepted == 1;
            };
        }),
        new("/platform.households.v1.HouseholdRegistry/GetHousehold", Right.RegistryRead, Place.Object, (w, channel, t) =>
            Task.FromResult<Func<Task<bool>>>(async () =>
                (await new HouseholdRegistry.HouseholdRegistryClient(channel).GetHouseholdAsync(new GetHouseholdRequest { HouseholdNumber = w.Shared(t).Number })).Members.Count > 0)),
        new("/platform.households.v1.HouseholdRegistry/FindMember", Right.RegistryRead, Place.Object, (w, channel, t) =>
            Task.FromResult<Func<Task<bool>>>(async () =>
            {
                // "Not found" is an answer here, not an error: found = false, as for a number nobody has.
                var found = await new HouseholdRegistry.HouseholdRegistryClient(channel).FindMemberAsync(new FindMemberRequest { IdNumber = w.Shared(t).Head.IdNumber });
                return found.Found ? true : throw new RpcException(new Status(StatusCode.NotFound, "found = false"));
            })),
        new("/platform.education.v1.SchoolRolls/ImportSchoolRolls", Right.EducationFeed, Place.None, async (w, channel, t) =>
        {
            var pupil = (await w.FreshAsync(t)).Pupil;
            return async () => (await Stream(new SchoolRolls.SchoolRollsClient(channel).ImportSchoolRolls(), new SchoolRollRecord
            {
                IdNumber = pupil.IdNumber, Name = pupil.Name, SchoolName = "城关镇初级中学", Stage = "junior", Grade = 1, Status = "enrolled", Boarding = true,
            })).Accepted == 1;
        }),
        new("/platform.education.v1.SchoolRolls/DropoutReports", Right.EducationFeed, Place.None, async (w, channel, t) =>
        {
            var young = (await w.FreshAsync(t)).Young;
            return async () => (await Stream(new SchoolRolls.SchoolRollsClient(channel).DropoutReports(), new SchoolRollRecord
            {
                IdNumber = young.IdNumber, Name = young.Name, Note = "连续两周未到校",
                AdministrativeOfficer = new ResponsiblePerson { Name = "张村长", Position = "村主任" },
                EducationOfficer = new ResponsiblePerson { Name = "李老师", Position = "班主任" },
            })).CasesOpened == 1;
        }),
        new("/platform.education.v1.StudentAid/ImportAidGrants", Right.EducationFeed, Place.None, async (w, channel, t) =>
        {
            var pupil = (await w.FreshAsync(t)).Pupil;
            return async () => (await Stream(new StudentAid.StudentAidClient(channel).ImportAidGrants(), new AidGrantRecord
            {
                IdNumber = pupil.IdNumber, Name = pupil.Name, Policy = "nutrition-meals",
            })).Accepted == 1;
        }),
        new("/platform.education.v1.SkillsTraining/ImportTrainingResults", Right.EducationFeed, Place.None, async (w, channel, t) =>
        {
            var head = (await w.FreshAsync(t)).Head;
            var course = await w.CourseAsync(t);
            return async () => (await Stream(new SkillsTraining.SkillsTrainingClient(channel).ImportTrainingResults(), new TrainingResultRecord
            {
                IdNumber = head.IdNumber, Name = head.Name, CourseId = course.ToString(), CompletedOn = Today(-1),
            })).Completed == 1;
        }),

        // The industry pillar's departmental feeds.
        new("/platform.industry.v1.AgricultureFeeds/ImportEntities", Right.IndustryFeed, Place.None, (w, channel, t) =>
            Task.FromResult<Func<Task<bool>>>(async () => (await Stream(new AgricultureFeeds.AgricultureFeedsClient(channel).ImportEntities(), new EntityRecord
            {
                ClientRef = "e", Code = MatrixWorld.IndustryCode("MXE"), Kind = "cooperative", Name = "矩阵香菇专业合作社", VillageCode = MatrixWorld.VillageOf(t), Industry = "edible-fungi",
            })).Created == 1)),
        new("/platform.industry.v1.AgricultureFeeds/ImportBases", Right.IndustryFeed, Place.None, (w, channel, t) =>
            Task.FromResult<Func<Task<bool>>>(async () => (await Stream(new AgricultureFeeds.AgricultureFeedsClient(channel).ImportBases(), new BaseRecord
            {
                ClientRef = "b", Code = MatrixWorld.IndustryCode("MXB"), Name = "矩阵茶园基地", Industry = "tea", VillageCode = MatrixWorld.VillageOf(t), AreaMu = "12.5",
            })).Created == 1)),
        new("/platform.industry.v1.AgricultureFeeds/ImportLinks", Right.IndustryFeed, Place.None, async (w, channel, t) =>
        {
            var (entity, head) = (await w.NewIndustryEntityAsync(t), w.Shared(t).Head);
            return async () => (await Stream(new AgricultureFeeds.AgricultureFeedsClient(channel).ImportLinks(), new LinkRecord
            {
                ClientRef = "l", EntityCode = entity.Code, Kind = "dividend", IdNumber = head.IdNumber, Name = head.Name, StartedOn = Today(-30),
            })).Created == 1;
        }),
        new("/platform.industry.v1.AgricultureFeeds/ImportPayments", Right.IndustryFeed, Place.None, async (w, channel, t) =>
        {
            var (link, head) = (await w.NewIndustryLinkAsync(t), w.Shared(t).Head);
            return async () => (await Stream(new AgricultureFeeds.AgricultureFeedsClient(channel).ImportPayments(), new PaymentRecord
            {
                ClientRef = "p", EntityCode = link.EntityCode, LinkKind = "dividend", IdNumber = head.IdNumber, Name = head.Name, Reference = MatrixWorld.IndustryCode("FH"),
                PaidOn = Today(-1), AmountFen = 12_000,
            })).Created == 1;
        }),
        new("/platform.industry.v1.AgricultureFeeds/ImportProjects", Right.IndustryFeed, Place.None, async (w, channel, t) =>
        {
            var head = (await w.FreshAsync(t)).Head;
            return async () => (await Stream(new AgricultureFeeds.AgricultureFeedsClient(channel).ImportProjects(), new ProjectRecord
            {
                ClientRef = "j", IdNumber = head.IdNumber, Name = head.Name, Industry = "tea", Description = "种植茶叶", Scale = "2", Year = 2020, Policy = "planting",
            })).Created == 1;
        }),
        new("/platform.industry.v1.EmploymentFeeds/ImportEmployment", Right.IndustryFeed, Place.None, async (w, channel, t) =>
        {
            var head = (await w.FreshAsync(t)).Head;
            return async () => (await Stream(new EmploymentFeeds.EmploymentFeedsClient(channel).ImportEmployment(), new EmploymentRecord
            {
                ClientRef = "w", IdNumber = head.IdNumber, Name = head.Name, Kind = "public-welfare-post", Employer = "护林员", StartedOn = Today(-30), Months = 1, MonthlyWageFen = 50_000,
            })).Created == 1;
        }),
        // The welfare pillar
        .. WelfareMatrix.Grpc,
        // The ecology pillar (生态补偿脱贫一批): the forestry bureau's feeds.
        new("/platform.ecology.v1.ForestRangers/SelectRangers", Right.EcologyFeed, Place.None, async (w, channel, t) =>
        {
            var head = (await w.FreshAsync(t)).Head;
            return async () => (await Stream(new ForestRangers.ForestRangersClient(channel).SelectRangers(), new RangerSelectionRecord
            {
                ClientRef = "m", IdNumber = head.IdNumber, Name = head.Name, Year = MatrixWorld.RangerYear, StartsOn = MatrixWorld.InRangerYear(1, 1),
            })).Accepted == 1;
        }),
        new("/platform.ecology.v1.ForestRangers/RecordPatrols", Right.EcologyFeed, Place.None, async (w, channel, t) =>
        {
            var head = (await w.FreshPostAsync(t)).Household.Head;
            return async () => (await Stream(new ForestRangers.ForestRangersClient(channel).RecordPatrols(), new PatrolRecord
            {
                ClientRef = "m", IdNumber = head.IdNumber, Name = head.Name, PatrolledOn = MatrixWorld.InRangerYear(5, 4), Hours = "4.5",
            })).Accepted == 1;
        }),
        new("/platform.ecology.v1.ForestRangers/PayRangers", Right.EcologyFeed, Place.None, async (w, channel, t) =>
        {
            var head = (await w.FreshPostAsync(t)).Household.Head;
            return async () => (await Stream(new ForestRangers.ForestRangersClient(channel).PayRangers(), new RangerPayRecord
            {
                ClientRef = "m", IdNumber = head.IdNumber, Name = head.Name, Year = MatrixWorld.RangerYear, PaidOn = MatrixWorld.InRangerYear(12, 20),
            })).Accepted == 1;
        }),
        new("/platform.ecology.v1.EcologicalCompensation/PayCompensation", Right.EcologyFeed, Place.None, async (w, channel, t) =>
        {
            var head = (await w.FreshAsync(t)).Head;
            return async () => (await Stream(new EcologicalCompensation.EcologicalCompensationClient(channel).PayCompensation(), new CompensationRecord
            {
                ClientRef = "m", IdNumber = head.IdNumber, Name = head.Name, Kind = "returned-farmland", Year = MatrixWorld.RangerYear, AreaMu = "2.5",
            })).Accepted == 1;
        }),
        new("/platform.ecology.v1.EcologyProjects/RecordProjectIncomes", Right.EcologyFeed, Place.None, async (w, channel, t) =>
        {
            var head = (await w.FreshAsync(t)).Head;
            var project = await w.ProjectAsync(t);
            return async () => (await Stream(new EcologyProjects.EcologyProjectsClient(channel).RecordProjectIncomes(), new ProjectIncomeRecord
            {
                ClientRef = "m", ProjectId = project.ToString(), IdNumber = head.IdNumber, Name = head.Name, Kind = "dividend", Year = MatrixWorld.RangerYear, Amount = "300",
            })).Accepted == 1;
        }),
        // The relocation pillar
        .. RelocationGrpc,
    ];

    internal static async Task<TSummary> Stream<TRecord, TSummary>(AsyncClientStreamingCall<TRecord, TSummary> call, TRecord record)
    {
        using (call)
        {
            try
            {
                await call.RequestStream.WriteAsync(record);
                await call.RequestStream.CompleteAsync();
            }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException or RpcException { StatusCode: StatusCode.Cancelled })
            {
                // A refusal can close the call before the record is written (CI, 2026-12-01: HTTP/2 STREAM_CLOSED on a
                // write): the call's own status is its answer, and awaiting it throws that status (PermissionDenied, say).
                // A write the refusal cut off in flight is reported by the client as Cancelled (clean-clone run of
                // 2026-12-03: township × ImportDisabilityAssessments, 1 of 3,400 calls): the write's, not the call's, status.
            }

            return await call;
        }
    }
}
