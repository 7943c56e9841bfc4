using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Platform.Contracts.Grpc.Education.V1;
using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.Testing;

namespace Platform.Education.Tests.Api;

/// <summary>School rolls over gRPC, dropout cases over REST, and the guarantee assessments the registry receives.</summary>
public class DropoutTests(EducationFixture fixture) : IClassFixture<EducationFixture>
{
    private readonly HttpClient client = fixture.Host.CreateHttpClient(TestTokens.CountyOffice());

    private static readonly object Township = new { name = "张镇长", position = "乡镇长", phone = "13900000001" };

    private static readonly object HeadTeacher = new { name = "李老师", position = "班主任" };

    /// <summary>Registers a household with the given members and waits until the pillar knows all its students.</summary>
    private Task<HouseholdRegistered> RegisterAsync(int students, params MemberSnapshot[] members) =>
        RegisterInAsync(Registry.VillageCode, students, members);

    private async Task<HouseholdRegistered> RegisterInAsync(string village, int students, params MemberSnapshot[] members)
    {
        var registered = Registry.Registered([Registry.Member("户主", Registry.BornAged(41), "陈建国"), .. members]) with { VillageCode = village };
        await fixture.PublishAsync(registered);
        await Eventually.AssertAsync(
            async () =>
            {
                using var response = await client.GetAsync(new Uri($"/api/education/households/{registered.HouseholdId}/students", UriKind.Relative));
                return response.IsSuccessStatusCode
                    && JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetArrayLength() == students;
            },
            TimeSpan.FromSeconds(30),
            "the pillar knows the household's students");
        return registered;
    }

    private async Task<SchoolRollSummary> ImportAsync(params SchoolRollRecord[] records)
    {
        using var channel = fixture.Host.CreateGrpcChannel(TestTokens.CountyOffice());
        using var call = new SchoolRolls.SchoolRollsClient(channel).ImportSchoolRolls();
        foreach (var record in records)
        {
            await call.RequestStream.WriteAsync(record);
        }

        await call.RequestStream.CompleteAsync();
        return await call;
    }

    private static SchoolRollRecord Enrolled(MemberSnapshot member, string stage, int grade, string reference = "r") => new()
    {
        ClientRef = reference, IdNumber = member.IdNumber, Name = member.Name, SchoolCode = "2142032501", SchoolName = "城关镇中心学校",
        Stage = stage, Grade = grade, Status = "enrolled",
    };

    private static SchoolRollRecord DroppedOut(MemberSnapshot member, string reference = "d") => new()
    {
        ClientRef = reference, IdNumber = member.IdNumber, Name = member.Name, SchoolName = "城关镇中心学校", Stage = "junior", Grade = 1,
        Status = "dropped-out", Note = "外出打工，学校报送辍学",
        AdministrativeOfficer = new ResponsiblePerson { Name = "张镇长", Position = "乡镇长" },
        EducationOfficer = new ResponsiblePerson { Name = "李老师", Position = "班主任", Phone = "13900000002" },
    };

    private static SchoolRollRecord Tweak(SchoolRollRecord record, Action<SchoolRollRecord> change)
    {
        var copy = record.Clone();
        change(copy);
        return copy;
    }

    private async Task<JsonElement> StudentAsync(Guid household, Guid memberId)
    {
        var students = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/education/households/{household}/students", UriKind.Relative))).RootElement;
        return students.EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == memberId);
    }

    private async Task<JsonElement> OpenCasesAsync(string query = "") =>
        JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/education/dropouts?pageSize=200{query}", UriKind.Relative))).RootElement;

    [Fact]
    public async Task School_rolls_are_matched_by_ID_number_and_bad_records_are_rejected_with_the_reason()
    {
        var pupil = Registry.Member("之子", Registry.BornAged(9), "陈小军");
        var sister = Registry.Member("之女", Registry.BornAged(13), "陈小芳");
        const string village = "420325001002";
        var registered = await RegisterInAsync(village, 2, pupil, sister);
        var stranger = Registry.Member("之子", Registry.BornAged(10), "路人甲"); // never registered

        var summary = await ImportAsync(
            Enrolled(pupil, "primary", 4, "ok"),
            Enrolled(stranger, "primary", 5, "unknown"),
            new SchoolRollRecord { ClientRef = "bad-id", IdNumber = "420325201001011234", Status = "enrolled" },
            Enrolled(sister, "primary", 1, "grade"),
            Tweak(Enrolled(sister, "junior", 2, "name"), r => r.Name = "陈小花"),
            Tweak(Enrolled(sister, "junior", 2, "missing"), r => r.SchoolName = ""));

        Assert.Equal(6, summary.Received);
        Assert.Equal(1, summary.Accepted);
        Assert.Equal(5, summary.Rejected);
        var rejections = summary.Rejections.ToDictionary(r => r.ClientRef);
        Assert.Equal("id_number", rejections["unknown"].Field);
        Assert.Equal(Platform.ServiceDefaults.People.PersonMatching.NotFoundReason, rejections["unknown"].Reason);
        Assert.Equal("id_number", rejections["bad-id"].Field);
        Assert.Equal("grade", rejections["grade"].Field);
        Assert.Contains("年级与年龄不符", rejections["grade"].Reason, StringComparison.Ordinal);
        // A wrong name is "not found", exactly as an unknown number: the reply never tells that the number is registered.
        Assert.Equal((rejections["unknown"].Field, rejections["unknown"].Reason), (rejections["name"].Field, rejections["name"].Reason));
        Assert.Equal("school_name", rejections["missing"].Field);
        Assert.Equal([1, 2, 3, 4, 5], summary.Rejections.Select(r => r.Index));

        var inVillage = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/education/students?village={village}&stage=primary&enrolment=enrolled&pageSize=200", UriKind.Relative))).RootElement;
        Assert.Contains(inVillage.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetGuid() == pupil.MemberId);
        Assert.DoesNotContain(inVillage.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetGuid() == sister.MemberId);
        var outOfSchool = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/education/students/out-of-school?village={village}&pageSize=200", UriKind.Relative))).RootElement;
        Assert.Contains(outOfSchool.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetGuid() == sister.MemberId);
        Assert.DoesNotContain(outOfSchool.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetGuid() == pupil.MemberId);

        var accepted = await StudentAsync(registered.HouseholdId, pupil.MemberId);
        Assert.Equal("enrolled", accepted.GetProperty("enrolment").GetString());
        Assert.Equal("primary", accepted.GetProperty("stage").GetString());
        Assert.Equal(4, accepted.GetProperty("grade").GetInt32());
        // Nothing of the rejected records was written.
        var untouched = await StudentAsync(registered.HouseholdId, sister.MemberId);
        Assert.Equal("unknown", untouched.GetProperty("enrolment").GetString());
        Assert.Equal(JsonValueKind.Null, untouched.GetProperty("grade").ValueKind);
    }

    [Fact]
    public async Task A_reported_dropout_opens_a_case_the_registry_hears_of_and_a_return_to_school_closes_it()
    {
        var child = Registry.Member("之子", Registry.BornAged(12), "陈小兵");
        var registered = await RegisterAsync(1, child);

        // A dropout without the two lines of responsibility is refused whole.
        var refused = await ImportAsync(Tweak(DroppedOut(child), r => r.AdministrativeOfficer = null));
        Assert.Equal(1, refused.Rejected);
        Assert.Equal("administrative_officer.name", refused.Rejections[0].Field);
        Assert.Equal("unknown", (await StudentAsync(registered.HouseholdId, child.MemberId)).GetProperty("enrolment").GetString());

        var opened = await ImportAsync(DroppedOut(child));
        Assert.Equal(1, opened.Accepted);
        Assert.Equal(1, opened.CasesOpened);
        var notMet = await fixture.AssessmentAsync(registered.HouseholdId, met: false);
        Assert.Equal(Guarantee.CompulsoryEducation, notMet.Guarantee);
        Assert.Equal(Pillar.Education, notMet.Source);
        Assert.Contains("陈小兵", notMet.Reason, StringComparison.Ordinal);
        Assert.StartsWith("dropout-case:", notMet.SourceRecordId, StringComparison.Ordinal);

        var student = await StudentAsync(registered.HouseholdId, child.MemberId);
        var caseId = student.GetProperty("openCaseId").GetGuid();
        var dropout = (await OpenCasesAsync()).GetProperty("items").EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == caseId);
        Assert.Equal("dropped-out", dropout.GetProperty("trigger").GetString());
        Assert.Equal("张镇长", dropout.GetProperty("administrativeOfficer").GetProperty("name").GetString());
        Assert.Equal("139****0002", dropout.GetProperty("educationOfficer").GetProperty("phone").GetString()); // phones are personal data too
        Assert.Equal("李老师", dropout.GetProperty("educationOfficer").GetProperty("name").GetString());

        using (var visit = await client.PostAsJsonAsync(
            $"/api/education/dropouts/{caseId}/visits",
            new { visitedOn = Registry.Today, line = "joint", visitors = "张镇长、李老师", note = "家长同意孩子返校" }))
        {
            Assert.Equal(HttpStatusCode.Created, visit.StatusCode);
        }

        // Back at school, as the next roll shows: the case closes and the guarantee is met again.
        var returned = await ImportAsync(Enrolled(child, "junior", 1));
        Assert.Equal(1, returned.CasesClosed);
        var met = await fixture.AssessmentAsync(registered.HouseholdId, met: true);
        Assert.Equal("dropout-case:" + caseId, met.SourceRecordId);
        Assert.True(met.AssessedAt >= notMet.AssessedAt);

        var closed = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/education/dropouts/{caseId}", UriKind.Relative))).RootElement;
        Assert.Equal("returned-to-school", closed.GetProperty("outcome").GetString());
        Assert.Equal(1, closed.GetProperty("visits").GetArrayLength());
        Assert.DoesNotContain((await OpenCasesAsync()).GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == caseId);
    }

    [Fact]
    public async Task A_case_opened_on_the_portal_names_both_lines_and_closes_only_by_the_rules()
    {
        var child = Registry.Member("之子", Registry.BornAged(10), "陈小雨", health: "disabled", disability: 1);
        var brother = Registry.Member("之子", Registry.BornAged(8), "陈小雷");
        var registered = await RegisterAsync(2, child, brother);

        // Bad input: every wrong field named, nothing written.
        using (var bad = await client.PostAsJsonAsync("/api/education/dropouts", new
        {
            studentId = child.MemberId, trigger = "truant", reason = "", administrativeOfficer = new { name = "张镇长" },
        }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var errors = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty("trigger", out _));
            Assert.True(errors.TryGetProperty("reason", out _));
            Assert.True(errors.TryGetProperty("administrativeOfficer.position", out _));
            Assert.True(errors.TryGetProperty("educationOfficer.name", out _));
        }

        Assert.Equal(JsonValueKind.Null, (await StudentAsync(registered.HouseholdId, child.MemberId)).GetProperty("openCaseId").ValueKind);

        var request = new
        {
            studentId = child.MemberId, trigger = "not-enrolled", reason = "适龄未入学，重度残疾", administrativeOfficer = Township, educationOfficer = HeadTeacher,
        };
        using var opened = await client.PostAsJsonAsync("/api/education/dropouts", request);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var caseId = JsonDocument.Parse(await opened.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        await fixture.AssessmentAsync(registered.HouseholdId, met: false);

        using (var again = await client.PostAsJsonAsync("/api/education/dropouts", request))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        // The brother's case keeps the guarantee unmet after the first closes.
        using (var second = await client.PostAsJsonAsync("/api/education/dropouts", request with { studentId = brother.MemberId, trigger = "dropped-out", reason = "辍学在家" }))
        {
            Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        }

        using (var tooYoung = await client.PostAsJsonAsync($"/api/education/dropouts/{caseId}/closure", new { outcome = "over-age" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooYoung.StatusCode);
            Assert.True(JsonDocument.Parse(await tooYoung.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("outcome", out _));
        }

        using (var noTeacher = await client.PostAsJsonAsync($"/api/education/dropouts/{caseId}/closure", new { outcome = "home-teaching" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noTeacher.StatusCode);
        }

        using (var notBack = await client.PostAsJsonAsync($"/api/education/dropouts/{caseId}/closure", new { outcome = "returned-to-school" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, notBack.StatusCode);
        }

        using (var homeTeaching = await client.PostAsJsonAsync($"/api/education/dropouts/{caseId}/closure", new { outcome = "home-teaching", homeTeacher = "赵老师", note = "每周送教两次" }))
        {
            Assert.Equal(HttpStatusCode.OK, homeTeaching.StatusCode);
            var closed = JsonDocument.Parse(await homeTeaching.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("home-teaching", closed.GetProperty("outcome").GetString());
            Assert.Equal("赵老师", closed.GetProperty("homeTeacher").GetString());
        }

        using (var twice = await client.PostAsJsonAsync($"/api/education/dropouts/{caseId}/closure", new { outcome = "home-teaching", homeTeacher = "赵老师" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        }

        using (var lateVisit = await client.PostAsJsonAsync($"/api/education/dropouts/{caseId}/visits", new { visitedOn = Registry.Today, line = "education", visitors = "李老师", note = "回访" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, lateVisit.StatusCode);
        }

        // Still one open case in the household: the guarantee was not reported met.
        var open = (await OpenCasesAsync()).GetProperty("items").EnumerateArray()
            .Where(c => c.GetProperty("householdId").GetGuid() == registered.HouseholdId).ToList();
        Assert.Single(open);
        await fixture.DrainAsync(); // nothing more on its way: a late "met" would be in the tap by now
        Assert.DoesNotContain(fixture.Assessments, a => a.HouseholdId == registered.HouseholdId && a.Met && a.SourceRecordId.StartsWith("dropout-case:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lists_page_and_refuse_bad_paging()
    {
        using var response = await client.GetAsync(new Uri("/api/education/dropouts?pageSize=0&status=maybe", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("pageSize", out _));
        Assert.True(errors.TryGetProperty("status", out _));

        var page = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/education/students/out-of-school?pageSize=5", UriKind.Relative))).RootElement;
        Assert.Equal(5, page.GetProperty("pageSize").GetInt32());

        using var badFilter = await client.GetAsync(new Uri("/api/education/students?stage=kindergarten&enrolment=maybe", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        var filterErrors = JsonDocument.Parse(await badFilter.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(filterErrors.TryGetProperty("stage", out _));
        Assert.True(filterErrors.TryGetProperty("enrolment", out _));
    }

    [Fact]
    public async Task An_unknown_student_or_case_is_404()
    {
        using var student = await client.PostAsJsonAsync("/api/education/dropouts", new
        {
            studentId = Guid.NewGuid(), trigger = "dropped-out", reason = "辍学", administrativeOfficer = Township, educationOfficer = HeadTeacher,
        });
        Assert.Equal(HttpStatusCode.NotFound, student.StatusCode);
        using var dropout = await client.PostAsJsonAsync($"/api/education/dropouts/{Guid.NewGuid()}/closure", new { outcome = "over-age" });
        Assert.Equal(HttpStatusCode.NotFound, dropout.StatusCode);
    }

    [Fact]
    public async Task Opening_a_case_again_with_the_same_Idempotency_Key_replays_the_first_answer()
    {
        var child = Registry.Member("之女", Registry.BornAged(11), "陈小燕");
        var registered = await RegisterAsync(1, child);
        var body = new { studentId = child.MemberId, trigger = "dropped-out", reason = "辍学在家", administrativeOfficer = Township, educationOfficer = HeadTeacher };
        var key = Guid.NewGuid().ToString();

        async Task<(HttpStatusCode Status, Guid Id)> OpenAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/education/dropouts") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await client.SendAsync(request);
            return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid());
        }

        var first = await OpenAsync();
        var retry = await OpenAsync();
        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, retry.Status);
        Assert.Equal(first.Id, retry.Id);
        Assert.Single((await OpenCasesAsync()).GetProperty("items").EnumerateArray(), c => c.GetProperty("householdId").GetGuid() == registered.HouseholdId);
    }

    [Fact]
    public async Task A_child_who_leaves_the_household_closes_the_case_and_the_guarantee_is_met_again()
    {
        var child = Registry.Member("之子", Registry.BornAged(14), "陈小龙");
        var registered = await RegisterAsync(1, child);
        Assert.Equal(1, (await ImportAsync(DroppedOut(child))).CasesOpened);
        await fixture.AssessmentAsync(registered.HouseholdId, met: false);

        await fixture.PublishAsync(new HouseholdMemberRemoved
        {
            EventId = Guid.NewGuid(), HouseholdId = registered.HouseholdId, OccurredAt = DateTimeOffset.UtcNow, MemberId = child.MemberId, Reason = MemberRemovalReason.MovedOut,
        });

        var met = await fixture.AssessmentAsync(registered.HouseholdId, met: true);
        Assert.Contains("不在本户", met.Reason, StringComparison.Ordinal);
        // No longer the household's child: a later roll for the number is for an unknown person.
        var late = await ImportAsync(Enrolled(child, "junior", 3));
        Assert.Equal("id_number", Assert.Single(late.Rejections).Field);
    }

    [Fact]
    public async Task A_large_import_is_applied_in_batches_and_reports_every_rejection_by_position()
    {
        var households = Enumerable.Range(0, 55)
            .Select(h => Registry.Registered(Enumerable.Range(0, 10).Select(i => Registry.Member("之子", Registry.BornAged(6 + (i % 6)), $"批量{h}_{i}")).ToArray()))
            .ToList();
        foreach (var household in households)
        {
            await fixture.PublishAsync(household);
        }

        foreach (var household in households)
        {
            await Eventually.AssertAsync(
                async () =>
                {
                    using var response = await client.GetAsync(new Uri($"/api/education/households/{household.HouseholdId}/students", UriKind.Relative));
                    return response.IsSuccessStatusCode && JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetArrayLength() == 10;
                },
                TimeSpan.FromSeconds(60),
                "every household of the batch is known");
        }

        var records = households.SelectMany(h => h.Members)
            .Select((m, i) => Enrolled(m, "primary", SchoolAgeGrade(m), "rec-" + i))
            .ToList();
        records[3] = Tweak(records[3], r => r.Grade = 6 + 3);      // no such grade: first batch
        records[540] = Tweak(records[540], r => r.Status = "away"); // second batch
        var summary = await ImportAsync([.. records]);

        Assert.Equal(550, summary.Received);
        Assert.Equal(548, summary.Accepted);
        Assert.Equal([3, 540], summary.Rejections.Select(r => r.Index));
        Assert.Equal(["grade", "status"], summary.Rejections.Select(r => r.Field));
    }

    /// <summary>The usual primary grade of a member born for <see cref="Registry.BornAged"/>: age 6 → grade 1.</summary>
    private static int SchoolAgeGrade(MemberSnapshot member) =>
        Platform.Education.Domain.SchoolAge.SchoolAgeOf(member.BirthDate, Registry.Today) - 5;
}
