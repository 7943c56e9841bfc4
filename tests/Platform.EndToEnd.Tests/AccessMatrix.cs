using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Contracts.Grpc.Education.V1;
using Platform.Contracts.Grpc.Households.V1;

namespace Platform.EndToEnd.Tests;

/// <summary>What a caller may do: one right per kind of call, held by some of the callers.</summary>
public enum Right
{
    RegistryRead,
    RegistryWrite,
    PersonalData,
    RegistryImport,
    EducationRead,
    EducationWrite,
    EducationCountyWrite,
    EducationFeed,
    AuditRead,
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
public sealed record RestRow(
    string Method,
    string Pattern,
    Right Right,
    Place Place,
    HttpStatusCode Success,
    Func<MatrixWorld, string, Target, Task<HttpRequestMessage>> Build,
    Func<string, Target, HttpStatusCode?>? Unless = null)
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
public static class AccessMatrix
{
    private static readonly string[] CountyStaff = ["admin", "officer", "client:county-office"];
    private static readonly string[] PlaceStaff = ["township", "village"];

    public static readonly IReadOnlyDictionary<Right, IReadOnlySet<string>> Holders = new Dictionary<Right, IReadOnlySet<string>>
    {
        [Right.RegistryRead] = Callers.All.ToHashSet(),
        [Right.RegistryWrite] = CountyStaff.Concat(PlaceStaff).ToHashSet(),
        [Right.PersonalData] = CountyStaff.Concat(PlaceStaff).ToHashSet(),
        [Right.RegistryImport] = CountyStaff.ToHashSet(),
        [Right.EducationRead] = Callers.All.Where(c => c != "client:industry-bureau").ToHashSet(),
        [Right.EducationWrite] = CountyStaff.Concat(PlaceStaff).Concat(["education", "client:education-bureau"]).ToHashSet(),
        [Right.EducationCountyWrite] = CountyStaff.ToHashSet(),
        [Right.EducationFeed] = CountyStaff.Concat(["education", "client:education-bureau"]).ToHashSet(),
        [Right.AuditRead] = new HashSet<string> { "admin", "auditor", "client:county-office" },
    };

    /// <summary>Callers bound to a place: for them the other township's objects are outside.</summary>
    public static bool IsPlaceBound(string caller) => PlaceStaff.Contains(caller);

    /// <summary>The exact answer expected, as an HTTP status (gRPC: 200 = OK and done, 403, 404).</summary>
    public static HttpStatusCode Expected(Right right, Place place, HttpStatusCode success, string caller, Target target) =>
        !Holders[right].Contains(caller) ? HttpStatusCode.Forbidden
        : target == Target.Outside && place == Place.Object ? HttpStatusCode.NotFound
        : target == Target.Outside && place == Place.Into ? HttpStatusCode.Forbidden
        : success;

    private static Task<HttpRequestMessage> Get(string path) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative)));

    private static Task<HttpRequestMessage> Post(string path, object body) =>
        Task.FromResult(new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) });

    private static string Today(int days = 0) => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Every REST endpoint of the registry, the education pillar and the gateway's own API.</summary>
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
            await Post($"/api/households/{(await w.FreshAsync(t)).Id}/status", new { status = "monitored", reason = "纳入防返贫监测" })),
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
        new("GET", "/api/households/{id:guid}/income", Right.RegistryRead, Place.Object, HttpStatusCode.OK, (w, c, t) => Get($"/api/households/{w.Shared(t).Id}/income")),

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
        new("GET", "/api/education/figures", Right.EducationRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/education/figures")),

        // The gateway's own API.
        new("GET", "/api/audit", Right.AuditRead, Place.None, HttpStatusCode.OK, (w, c, t) => Get("/api/audit?pageSize=1")),
    ];

    /// <summary>Every gRPC method of the platform's protos.</summary>
    public static readonly IReadOnlyList<GrpcRow> Grpc =
    [
        new("/platform.households.v1.HouseholdRegistry/ImportHouseholds", Right.RegistryImport, Place.None, (w, channel, t) =>
            Task.FromResult<Func<Task<bool>>>(async () =>
            {
                using var call = new HouseholdRegistry.HouseholdRegistryClient(channel).ImportHouseholds();
                await call.RequestStream.WriteAsync(MatrixWorld.HouseholdRecord(MatrixWorld.VillageOf(t)));
                await call.RequestStream.CompleteAsync();
                return (await call).Accepted == 1;
            })),
        new("/platform.households.v1.HouseholdRegistry/ImportVillages", Right.RegistryImport, Place.None, (w, channel, t) =>
            Task.FromResult<Func<Task<bool>>>(async () =>
                (await new HouseholdRegistry.HouseholdRegistryClient(channel).ImportVillagesAsync(TestCounty.Places())).VillagesUpdated == TestCounty.Places().Villages.Count)),
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
    ];

    private static async Task<TSummary> Stream<TRecord, TSummary>(AsyncClientStreamingCall<TRecord, TSummary> call, TRecord record)
    {
        using (call)
        {
            await call.RequestStream.WriteAsync(record);
            await call.RequestStream.CompleteAsync();
            return await call;
        }
    }
}
