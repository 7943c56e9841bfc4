using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf;
using MiniExcelLibs;
using Platform.Contracts.Grpc.Education.V1;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// A masked ID number must not be completable from what else the platform answers. For every role and
/// client, everything it may read about three people (a head of household, a pupil, a child with a
/// dropout case) — the household over REST and gRPC, lists, lookups, students, cases, aid coverage,
/// training, and the Excel exports of the lists — is gathered per person and handed to a rebuild: the birth date must be nowhere, and the
/// whole numbers that still fit (GB 11643: division code, birth date, sequence, check character) must
/// be too many to try (<see cref="IdNumberClues.Enough"/>).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class MaskTests(PlatformFixture platform)
{
    [Fact]
    public async Task No_reader_can_rebuild_a_whole_id_number_from_what_the_platform_answers()
    {
        var callers = new Callers(platform.Gateway);
        using var countyOffice = await callers.OpenAsync(Callers.ClientPrefix + "county-office");
        var (county, countyGrpc) = (countyOffice.Rest, countyOffice.Grpc);
        await TestCounty.ImportPlacesAsync(countyGrpc);
        var head = TestCounty.NewPerson("欧阳建华", "户主", new DateOnly(1976, 7, 19));
        var pupil = TestCounty.NewPerson("欧阳小雨", "之女", TestCounty.BornAtSchoolAge(12), male: false);
        var child = TestCounty.NewPerson("欧阳小林", "之子", TestCounty.BornAtSchoolAge(10));
        var household = await TestCounty.RegisterAsync(county, PlatformFixture.Village, head, pupil, child);
        await TestCounty.KnownToEducationAsync(county, household.Id, students: 2);

        // The welfare pillar
        await Eventually.AssertAsync(
            async () =>
            {
                using var response = await county.GetAsync(new Uri($"/api/welfare/households/{household.Id}", UriKind.Relative));
                return response.IsSuccessStatusCode;
            },
            TimeSpan.FromSeconds(60),
            "the welfare pillar knows the household");

        // The pupil is at school (and so on the aid coverage list), the child out of school (a dropout case), the head on a course.
        var rolls = new SchoolRolls.SchoolRollsClient(countyGrpc);
        using (var call = rolls.ImportSchoolRolls())
        {
            await call.RequestStream.WriteAsync(new SchoolRollRecord { IdNumber = pupil.IdNumber, Name = pupil.Name, SchoolName = "城关镇初级中学", Stage = "junior", Grade = 1, Status = "enrolled" });
            await call.RequestStream.WriteAsync(TestCounty.NotEnrolled(child.IdNumber, child.Name));
            await call.RequestStream.CompleteAsync();
            var summary = await call;
            Assert.Equal((2, 1), (summary.Accepted, summary.CasesOpened));
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        using var course = await county.PostAsJsonAsync("/api/education/training/courses", new
        {
            name = "面具测试培训班", trade = "电工", townshipCode = PlatformFixture.Township, startsOn = today.AddDays(-10), endsOn = today,
        });
        var courseId = JsonDocument.Parse(await course.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        using (var enrolled = await county.PostAsJsonAsync($"/api/education/training/courses/{courseId}/enrolments", new { memberId = head.Id }))
        {
            enrolled.EnsureSuccessStatusCode();
        }

        var caseId = JsonDocument.Parse(await county.GetStringAsync(new Uri($"/api/education/dropouts?village={PlatformFixture.Village}&pageSize=200", UriKind.Relative)))
            .RootElement.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("studentId").GetGuid() == child.Id).GetProperty("id").GetGuid();

        // The industry pillar: the household followed, the head holding a dividend link (the link names the member).
        await Eventually.AssertAsync(
            async () => (await county.GetAsync(new Uri($"/api/industry/households/{household.Id}", UriKind.Relative))).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60),
            "the industry pillar knows the household");
        using (var entity = await county.PostAsJsonAsync("/api/industry/entities", new
        {
            code = "MASK" + Guid.NewGuid().ToString("N")[..12], kind = "cooperative", name = "面具测试合作社", villageCode = PlatformFixture.Village, industry = "edible-fungi",
        }))
        {
            var entityId = JsonDocument.Parse(await entity.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
            using var link = await county.PostAsJsonAsync("/api/industry/links", new { entityId, memberId = head.Id, kind = "dividend", startedOn = today.AddDays(-30) });
            link.EnsureSuccessStatusCode();
        }

        // The ecology pillar: the head is last year's forest ranger, paid (the post, the lists, the household's ecology file).
        var rangerYear = today.Year - 1;
        using (var quota = await county.PutAsJsonAsync($"/api/ecology/rangers/quotas/{rangerYear}/{PlatformFixture.Township}", new { posts = 100_000 }))
        {
            quota.EnsureSuccessStatusCode();
        }

        var postId = Guid.Empty;
        await Eventually.AssertAsync(
            async () =>
            {
                using var selected = await county.PostAsJsonAsync("/api/ecology/rangers/", new { memberId = head.Id, year = rangerYear, startsOn = new DateOnly(rangerYear, 1, 1) });
                if (!selected.IsSuccessStatusCode)
                {
                    return false;
                }

                postId = JsonDocument.Parse(await selected.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
                return true;
            },
            TimeSpan.FromSeconds(60),
            "the ecology pillar selects the head as a ranger once it knows the household");
        using (var paid = await county.PostAsJsonAsync($"/api/ecology/rangers/{postId}/pay", new { paidOn = new DateOnly(rangerYear, 12, 20) }))
        {
            paid.EnsureSuccessStatusCode();
        }

        // The relocation pillar: the head's house appraised, so the owner is in its answers.
        await Eventually.AssertAsync(
            async () => (await county.GetAsync(new Uri($"/api/relocation/households/{household.Id}", UriKind.Relative))).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60),
            "the relocation pillar follows the household");
        using (var appraised = await county.PostAsJsonAsync("/api/relocation/housing/appraisals", new
        {
            householdId = household.Id, grade = "c", appraisedOn = today.AddDays(-3), agency = "县房屋安全鉴定站", reportNumber = MatrixWorld.Code("JD"),
        }))
        {
            appraised.EnsureSuccessStatusCode();
        }

        var failures = new List<string>();
        foreach (var caller in Callers.All)
        {
            var answers = await AnswersAsync(callers, caller, household, head, caseId, (postId, rangerYear));
            Assert.True(answers.Count >= 3, $"{caller} read too little to prove anything ({answers.Count} answers)");
            foreach (var person in household.Members)
            {
                var clues = new IdNumberClues();
                foreach (var (source, json) in answers)
                {
                    var text = json.GetRawText();
                    foreach (var leak in new[] { person.IdNumber, person.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), person.BirthDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture) })
                    {
                        if (text.Contains(leak, StringComparison.Ordinal))
                        {
                            failures.Add($"{caller}: {source} holds {person.Name}'s {(leak == person.IdNumber ? "whole number" : "birth date")}");
                        }
                    }

                    foreach (var about in IdNumberClues.ObjectsAbout(json, o => IsAbout(o, person)))
                    {
                        clues.Read(about, today, source);
                    }
                }

                // Every reader sees each person at least in the household (REST and gRPC); education readers in more places.
                if (clues.Sources.Distinct().Count() < 2)
                {
                    failures.Add($"{caller}: {person.Name} was found in too few answers to prove anything ({string.Join(", ", clues.Sources)})");
                }

                var candidates = clues.Candidates(today);
                if (candidates < IdNumberClues.Enough)
                {
                    failures.Add($"{caller}: {person.Name}'s number is one of {candidates} from {string.Join(", ", clues.Sources.Distinct())}");
                }
            }
        }

        Assert.Empty(failures);
    }

    /// <summary>An object about the person: it carries a (masked) ID number and the person's id or name.</summary>
    private static bool IsAbout(JsonElement o, TestCounty.Person person)
    {
        var carriesNumber = o.TryGetProperty("idNumber", out _) || o.TryGetProperty("headIdNumber", out _);
        var ids = new[] { "id", "memberId", "studentId" }.Select(p => o.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null);
        var names = new[] { "name", "studentName", "headName" }.Select(p => o.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null);
        return carriesNumber && (ids.Contains(person.Id.ToString()) || names.Contains(person.Name));
    }

    /// <summary>Every answer the caller gets (2xx only) about the household and its people, REST and gRPC.</summary>
    private static async Task<List<(string Source, JsonElement Json)>> AnswersAsync(
        Callers callers, string caller, TestCounty.RegisteredHousehold household, TestCounty.Person head, Guid caseId, (Guid Id, int Year) rangerPost)
    {
        var answers = new List<(string, JsonElement)>();
        using var session = await callers.OpenAsync(caller);
        var http = session.Rest;
        var village = household.VillageCode;
        foreach (var path in new[]
        {
            $"/api/households/{household.Id}",
            $"/api/households?village={village}&pageSize=200",
            $"/api/education/households/{household.Id}/students",
            $"/api/education/students?village={village}&pageSize=200",
            $"/api/education/students/out-of-school?village={village}&pageSize=200",
            $"/api/education/dropouts?village={village}&pageSize=200",
            $"/api/education/dropouts/{caseId}",
            $"/api/education/aid/coverage?village={village}&pageSize=200",
            $"/api/education/households/{household.Id}/training",

            // The industry pillar
            $"/api/industry/households/{household.Id}",
            $"/api/industry/links?household={household.Id}",
            // The welfare pillar
            $"/api/welfare/households/{household.Id}",
            $"/api/welfare/insurance/uninsured?village={village}&pageSize=200",
            // The ecology pillar
            $"/api/ecology/rangers/{rangerPost.Id}",
            $"/api/ecology/rangers?year={rangerPost.Year}&village={village}&pageSize=200",
            $"/api/ecology/rangers/pay?year={rangerPost.Year}&village={village}&pageSize=200",
            $"/api/ecology/households/{household.Id}",
            // The relocation pillar
            $"/api/relocation/households/{household.Id}",
            $"/api/relocation/housing/appraisals?householdId={household.Id}&pageSize=200",
            $"/api/relocation/guarantees?village={village}&pageSize=200",
        })
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            if (response.IsSuccessStatusCode)
            {
                answers.Add(("GET " + path, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement));
            }
        }

        // The exports, each workbook read back as the objects of its rows (a column's header as the list's field).
        foreach (var path in new[]
        {
            $"/api/households/export?village={village}",
            $"/api/education/students/export?village={village}",
            $"/api/education/dropouts/export?village={village}",
            // The pillars' exports naming people: jobs, rangers, claims.
            $"/api/industry/employment/export?household={household.Id}",
            $"/api/ecology/rangers/export?year={rangerPost.Year}&village={village}",
            $"/api/welfare/claims/export?village={village}",
        })
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            if (response.IsSuccessStatusCode)
            {
                answers.Add(("GET " + path, await WorkbookAsync(response)));
            }
        }

        using (var lookup = await http.PostAsJsonAsync("/api/households/members/lookup", new { idNumber = head.IdNumber }))
        {
            if (lookup.IsSuccessStatusCode)
            {
                answers.Add(("POST /api/households/members/lookup", JsonDocument.Parse(await lookup.Content.ReadAsStringAsync()).RootElement));
            }
        }

        var registry = new HouseholdRegistry.HouseholdRegistryClient(session.Grpc);
        var formatter = new JsonFormatter(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));
        await TestCounty.StatusOfAsync(async () =>
        {
            var reply = await registry.GetHouseholdAsync(new GetHouseholdRequest { HouseholdNumber = household.Number });
            answers.Add(("gRPC GetHousehold", JsonDocument.Parse(formatter.Format(reply)).RootElement));
        });

        return answers;
    }

    /// <summary>The export's header each field of the lists' answers is under.</summary>
    private static readonly Dictionary<string, string> FieldOfHeader = new(StringComparer.Ordinal)
    {
        ["姓名"] = "name",
        ["学生"] = "name",
        ["患者"] = "name",
        ["户主"] = "headName",
        ["身份证号"] = "idNumber",
        ["户主身份证号"] = "headIdNumber",
        ["性别"] = "sex",
        ["出生日期"] = "birthDate",
        ["出生年份"] = "birthYear",
        ["年龄（9月1日）"] = "schoolAge",
    };

    private static async Task<JsonElement> WorkbookAsync(HttpResponseMessage response)
    {
        await using var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = MiniExcel.Query(workbook, useHeaderRow: true).Cast<IDictionary<string, object?>>()
            .Select(row => row.ToDictionary(cell => FieldOfHeader.GetValueOrDefault(cell.Key, cell.Key), cell => cell.Value))
            .ToList();
        return JsonSerializer.SerializeToElement(rows);
    }
}
