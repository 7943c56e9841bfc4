using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Platform.Contracts.Grpc.Education.V1;

namespace Platform.Faults.Load;

/// <summary>
/// One client of the platform writing through the gateway, one request after another, over households of
/// its own: registrations, members added and removed, moves, status changes, school rolls that open and
/// close dropout cases, home-teaching closures, aid grants and training completions. A write whose outcome
/// is unknown is tried again (the same Idempotency-Key where the API honours one) until the platform says
/// what became of it, or for <see cref="FaultHarnessOptions.MaybeResolution"/>; then it stays "maybe" and
/// its household is left alone.
/// </summary>
internal sealed class LoadWorker(int number, GatewayClient gateway, Ledger ledger, FaultHarnessOptions options, string runTag)
{
    private const string NutritionMeals = "nutrition-meals";
    private readonly Random random = new(HashCode.Combine(options.Seed, number));
    private readonly List<HouseholdModel> households = [];
    private readonly People people = new(number, new Random(HashCode.Combine(options.Seed, number, 7)));
    private readonly SchoolRolls.SchoolRollsClient schoolRolls = new(gateway.Grpc);
    private Guid course;
    private int writes;
    private int registrations;
    private int accepted;

    /// <summary>Writes accepted so far (the harness waits for some between faults).</summary>
    public int Accepted => Volatile.Read(ref accepted);

    public async Task RunAsync(CancellationToken stop)
    {
        await OpenCourseAsync();
        while (!stop.IsCancellationRequested)
        {
            var live = households.Where(h => !h.Uncertain && h.Id != Guid.Empty).ToList();
            if (live.Count < 4 || random.NextDouble() < 0.12)
            {
                await RegisterAsync();
            }
            else
            {
                await ActOnAsync(live);
            }

            // A steady load, not a flood: the machine runs the whole platform too.
            await Task.Delay(random.Next(10, 60), CancellationToken.None);
        }
    }

    private async Task ActOnAsync(List<HouseholdModel> live)
    {
        var household = live[random.Next(live.Count)];
        var roll = random.Next(100);
        if (roll >= 35)
        {
            // The pillar learns a household from the registry's events: write to the students of households it
            // knows, and now and then ask whether it knows the oldest of the others yet.
            var known = live.Where(h => h.KnownToPillar).ToList();
            if ((known.Count == 0 || random.NextDouble() < 0.2)
                && live.Where(h => !h.KnownToPillar).MaxBy(h => h.Age) is { } oldest
                && await PillarStudentsAsync(oldest) is not null)
            {
                known.Add(oldest);
            }

            household = known.Count > 0 ? known[random.Next(known.Count)] : household;
        }

        var done = roll switch
        {
            < 9 => await AddMemberAsync(household),
            < 15 => await RemoveMemberAsync(household),
            < 25 => await ChangeStatusAsync(household),
            < 35 => await MoveAsync(household),
            < 62 => await ReportRollAsync(household),
            < 76 => await GrantAsync(household),
            < 82 => await TeachAtHomeAsync(household),
            _ => await TrainAsync(household),
        };
        if (!done)
        {
            await ReportRollAsync(household);
        }
    }

    private async Task RegisterAsync()
    {
        var householdNumber = string.Create(CultureInfo.InvariantCulture, $"FH{number}-{++registrations:00000}");
        // Some are registered as exited, so that they can fall back into poverty (返贫): the one status change
        // the registry takes by hand (exit and monitoring have procedures of their own).
        var status = random.NextDouble() < 0.4 ? "exited" : "poor";
        var household = new HouseholdModel { Number = householdNumber, Village = HarnessCounty.Villages[random.Next(HarnessCounty.Villages.Count)], Status = status };
        households.Add(household);
        household.Members.Add(people.Adult("户主"));
        household.Members.Add(people.Adult("配偶"));
        var children = random.Next(1, 4);
        for (var i = 0; i < children; i++)
        {
            household.Members.Add(people.Child(disabled: random.NextDouble() < 0.25));
        }

        foreach (var person in household.Members)
        {
            person.Name = people.Name(household.Members);
        }

        var body = new
        {
            householdNumber,
            villageCode = household.Village,
            status,
            mainCause = "illness",
            registeredYear = 2020,
            exitYear = status == "exited" ? 2021 : (int?)null,
            members = household.Members.Select(Submission).ToList(),
        };
        var key = Guid.NewGuid().ToString();
        var (fate, reply) = await ResolveAsync("register", ct => gateway.SendAsync(HttpMethod.Post, "api/households", body, GatewayClient.CountyOffice, key, ct), "户编号已存在");
        ledger.Record(Effects.Household, householdNumber, fate);
        foreach (var person in household.Members)
        {
            ledger.Record(Effects.Member, person.IdNumber, fate);
        }

        if (fate == Fate.Refused)
        {
            households.Remove(household);
            return;
        }

        ledger.RecordValue(Effects.Status, householdNumber, status, fate);
        ledger.RecordValue(Effects.Village, householdNumber, household.Village, fate);
        if (fate == Fate.Ok && reply.Answer == Answer.Accepted)
        {
            household.Id = reply.Body.GetProperty("id").GetGuid();
            foreach (var member in reply.Body.GetProperty("members").EnumerateArray())
            {
                var person = household.Members.Single(p => p.Name == member.GetProperty("name").GetString());
                person.Id = member.GetProperty("id").GetGuid();
            }
        }
        else
        {
            household.Uncertain = true; // a "maybe", or accepted by an attempt whose answer was lost: its ids are unknown
        }
    }

    private async Task<bool> AddMemberAsync(HouseholdModel household)
    {
        var person = people.Child(disabled: random.NextDouble() < 0.2);
        person.Name = people.Name(household.Members);
        var key = Guid.NewGuid().ToString();
        var body = new { member = Submission(person), reason = "moved-in" };
        var (fate, reply) = await ResolveAsync("add-member", ct => gateway.SendAsync(HttpMethod.Post, $"api/households/{household.Id}/members", body, GatewayClient.CountyOffice, key, ct), "此人已登记在建档立卡户中");
        ledger.Record(Effects.Member, person.IdNumber, fate);
        if (fate != Fate.Refused)
        {
            household.Members.Add(person);
            if (reply.Answer == Answer.Accepted)
            {
                person.Id = reply.Body.GetProperty("id").GetGuid();
            }
            else
            {
                household.Uncertain = true;
            }
        }

        return true;
    }

    private async Task<bool> RemoveMemberAsync(HouseholdModel household)
    {
        var candidates = household.Current.Where(p => p.Relation != "户主").ToList();
        if (candidates.Count == 0)
        {
            return false;
        }

        var person = candidates[random.Next(candidates.Count)];
        var note = Tag();
        var body = new { reason = "moved-out", note };
        var (fate, _) = await ResolveAsync("remove-member", ct => gateway.SendAsync(HttpMethod.Post, $"api/households/{household.Id}/members/{person.Id}/removal", body, GatewayClient.CountyOffice, null, ct), "该成员不在本户或已减员");
        ledger.Record(Effects.Removal, note, fate);
        Settle(household, fate, () => person.Current = false);
        return true;
    }

    /// <summary>返贫: an exited household is poor again.</summary>
    private async Task<bool> ChangeStatusAsync(HouseholdModel household)
    {
        if (household.Status != "exited")
        {
            return false;
        }

        const string status = "poor";
        var reason = Tag();
        var body = new { status, reason };
        var (fate, _) = await ResolveAsync("change-status", ct => gateway.SendAsync(HttpMethod.Post, $"api/households/{household.Id}/status", body, GatewayClient.CountyOffice, null, ct), "户状态未变化");
        ledger.Record(Effects.StatusChange, reason, fate);
        if (fate != Fate.Refused)
        {
            ledger.RecordValue(Effects.Status, household.Number, status, fate);
        }

        Settle(household, fate, () => household.Status = status);
        return true;
    }

    private async Task<bool> MoveAsync(HouseholdModel household)
    {
        var choices = HarnessCounty.Villages.Where(v => v != household.Village).ToArray();
        var village = choices[random.Next(choices.Length)];
        var body = new { villageCode = village, reason = Tag() };
        var (fate, _) = await ResolveAsync("move", ct => gateway.SendAsync(HttpMethod.Post, $"api/households/{household.Id}/move", body, GatewayClient.CountyOffice, null, ct), "该户已在此行政村");
        if (fate != Fate.Refused)
        {
            ledger.RecordValue(Effects.Village, household.Number, village, fate);
        }

        Settle(household, fate, () => household.Village = village);
        return true;
    }

    /// <summary>
    /// A school roll of one child: back at school when a case is open (closing it as returned), sometimes
    /// dropped out (opening a case), else enrolled. Refused while the pillar does not know the child yet.
    /// </summary>
    private async Task<bool> ReportRollAsync(HouseholdModel household)
    {
        var candidates = household.Current.Where(p => p.IsChild).ToList();
        if (candidates.Count == 0 || await PillarStudentsAsync(household) is not { } students)
        {
            return false;
        }

        var children = candidates.Where(c => students.ContainsKey(c.Id)).ToList();
        if (children.Count == 0)
        {
            return false;
        }

        var child = children[random.Next(children.Count)];
        var dropsOut = !child.CaseOpen && random.NextDouble() < 0.3;
        var record = new SchoolRollRecord { ClientRef = Tag(), IdNumber = child.IdNumber, Name = child.Name };
        if (dropsOut)
        {
            record.Status = "dropped-out";
            record.Note = "家长外出务工，学生随迁后未入学";
            record.AdministrativeOfficer = new ResponsiblePerson { Name = "王建国", Position = "乡长", Phone = "13800000001" };
            record.EducationOfficer = new ResponsiblePerson { Name = "李春梅", Position = "校长", Phone = "13800000002" };
        }
        else
        {
            var (stage, grade) = child.SchoolAge!.Value <= 11 ? ("primary", child.SchoolAge.Value - 5) : ("junior", child.SchoolAge.Value - 11);
            record.Status = "enrolled";
            record.SchoolCode = "1142032501";
            record.SchoolName = stage == "primary" ? "演练乡中心小学" : "演练乡初级中学";
            record.Stage = stage;
            record.Grade = grade;
        }

        var closes = child.CaseOpen;
        var (fate, _) = await ResolveAsync(dropsOut ? "roll-dropped-out" : "roll-enrolled", ct => ImportRollAsync(record, ct), proofOfApplied: null);
        if (dropsOut)
        {
            ledger.Record(Effects.DropoutCase, child.Id.ToString(), fate);
        }
        else if (closes)
        {
            ledger.Record(Effects.ReturnToSchool, child.Id.ToString(), fate);
        }

        Settle(household, fate, () =>
        {
            child.CaseOpen = dropsOut;
            child.Enrolled = !dropsOut;
        });
        return true;
    }

    /// <summary>
    /// One record through SchoolRolls.ImportSchoolRolls. Sent again after an unknown outcome, the same record
    /// is accepted again and changes nothing more: a case opened (or closed) by the lost attempt stays the one.
    /// </summary>
    private async Task<Reply> ImportRollAsync(SchoolRollRecord record, CancellationToken cancellationToken)
    {
        var (reply, summary) = await gateway.CallAsync(GatewayClient.EducationBureau, async (headers, ct) =>
        {
            using var call = schoolRolls.ImportSchoolRolls(headers, DateTime.UtcNow.AddSeconds(30), ct);
            await call.RequestStream.WriteAsync(record, ct);
            await call.RequestStream.CompleteAsync();
            return await call.ResponseAsync;
        }, cancellationToken);
        if (summary is null)
        {
            return reply;
        }

        return summary.Accepted == 1
            ? reply
            : new Reply(Answer.Refused, (int)StatusCode.OK, default, string.Join("; ", summary.Rejections.Select(r => $"{r.Field}: {r.Reason}")));
    }

    private async Task<bool> GrantAsync(HouseholdModel household)
    {
        var students = household.Current.Where(p => p.IsChild && p.Enrolled && !p.Granted).ToList();
        if (students.Count == 0)
        {
            return false;
        }

        var student = students[random.Next(students.Count)];
        var key = Guid.NewGuid().ToString();
        var body = new { policy = NutritionMeals, studentId = student.Id };
        var (fate, _) = await ResolveAsync("grant", ct => gateway.SendAsync(HttpMethod.Post, "api/education/aid/grants", body, GatewayClient.EducationBureau, key, ct), "同一学期不能重复发放");
        ledger.Record(Effects.Grant, student.Id.ToString(), fate);
        Settle(household, fate, () => student.Granted = true);
        return true;
    }

    /// <summary>送教上门: a disabled child's open case closed from the portal (the case found through the open-case list).</summary>
    private async Task<bool> TeachAtHomeAsync(HouseholdModel household)
    {
        var child = household.Current.FirstOrDefault(p => p.IsChild && p.Disabled && p.CaseOpen);
        if (child is null || await PillarStudentsAsync(household) is not { } students || students.GetValueOrDefault(child.Id) is not { } caseId)
        {
            return false;
        }

        var body = new { outcome = "home-teaching", homeTeacher = "赵老师", note = Tag() };
        var (fate, _) = await ResolveAsync("close-home-teaching", ct => gateway.SendAsync(HttpMethod.Post, $"api/education/dropouts/{caseId}/closure", body, GatewayClient.EducationBureau, null, ct), "案件已结案");
        ledger.Record(Effects.HomeTeaching, caseId.ToString(), fate);
        Settle(household, fate, () => child.CaseOpen = false);
        return true;
    }

    /// <summary>
    /// The pillar's view of a household: null while it has not learned the household from the registry's
    /// events; else its students, each with its open dropout case if any. Writes about a child or a member
    /// the pillar does not know yet would only be refused.
    /// </summary>
    private async Task<Dictionary<Guid, Guid?>?> PillarStudentsAsync(HouseholdModel household)
    {
        var reply = await gateway.SendAsync(HttpMethod.Get, $"api/education/households/{household.Id}/students", null, GatewayClient.EducationBureau, null, CancellationToken.None);
        if (reply.Answer != Answer.Accepted)
        {
            return null;
        }

        household.KnownToPillar = true;

        return reply.Body.EnumerateArray().ToDictionary(
            student => student.GetProperty("id").GetGuid(),
            student => student.GetProperty("openCaseId").ValueKind == System.Text.Json.JsonValueKind.Null ? (Guid?)null : student.GetProperty("openCaseId").GetGuid());
    }

    /// <summary>技能培训: an adult enrolled on the worker's course, later completing it (one person-time, announced once).</summary>
    private async Task<bool> TrainAsync(HouseholdModel household)
    {
        if (course == Guid.Empty)
        {
            return false;
        }

        var adults = household.Current.Where(p => !p.IsChild && !p.Completed).ToList();
        if (adults.Count == 0)
        {
            return false;
        }

        var adult = adults[random.Next(adults.Count)];
        if (adult.EnrolmentId == Guid.Empty)
        {
            if (await PillarStudentsAsync(household) is null)
            {
                return false; // the pillar has not learned the household (and its adults) yet
            }

            var key = Guid.NewGuid().ToString();
            var body = new { memberId = adult.Id };
            var (enrolled, reply) = await ResolveAsync("enrol", ct => gateway.SendAsync(HttpMethod.Post, $"api/education/training/courses/{course}/enrolments", body, GatewayClient.EducationBureau, key, ct), "该成员已报名此培训班");
            if (enrolled == Fate.Ok && reply.Answer == Answer.Accepted)
            {
                adult.EnrolmentId = reply.Body.GetProperty("id").GetGuid();
            }
            else if (enrolled != Fate.Refused)
            {
                household.Uncertain = true;
            }

            return true;
        }

        var completion = new { completedOn = HarnessCounty.Today().AddDays(-1), certificate = (string?)null };
        var (fate, _) = await ResolveAsync("complete-training", ct => gateway.SendAsync(HttpMethod.Post, $"api/education/training/enrolments/{adult.EnrolmentId}/completion", completion, GatewayClient.EducationBureau, null, ct), "该学员已结业");
        ledger.Record(Effects.Completion, adult.EnrolmentId.ToString(), fate);
        Settle(household, fate, () => adult.Completed = true);
        return true;
    }

    private async Task OpenCourseAsync()
    {
        var today = HarnessCounty.Today();
        var body = new
        {
            name = $"故障演练电工培训班{number}",
            trade = "电工",
            townshipCode = HarnessCounty.Township,
            startsOn = today.AddDays(-30),
            endsOn = today.AddDays(30),
            organiser = "县人社局",
        };
        var key = Guid.NewGuid().ToString();
        var (fate, reply) = await ResolveAsync("open-course", ct => gateway.SendAsync(HttpMethod.Post, "api/education/training/courses", body, GatewayClient.EducationBureau, key, ct), proofOfApplied: null);
        if (fate == Fate.Ok && reply.Answer == Answer.Accepted)
        {
            course = reply.Body.GetProperty("id").GetGuid();
        }
    }

    /// <summary>
    /// Sends a write until the platform says what became of it: accepted; refused (on the first try: nothing
    /// changed); refused after an unknown try with the message that proves the lost try was applied
    /// (<paramref name="proofOfApplied"/>, e.g. "the status did not change"); else, after the patience,
    /// "maybe".
    /// </summary>
    private async Task<(Fate Fate, Reply Reply)> ResolveAsync(string operation, Func<CancellationToken, Task<Reply>> attempt, string? proofOfApplied)
    {
        var clock = Stopwatch.StartNew();
        var wait = TimeSpan.FromMilliseconds(250);
        var unknownBefore = false;
        string? firstUnknown = null;
        while (true)
        {
            var reply = await attempt(CancellationToken.None);
            Fate? fate = reply.Answer switch
            {
                Answer.Accepted => Fate.Ok,
                Answer.Refused when !unknownBefore => Fate.Refused,
                Answer.Refused when proofOfApplied is not null && reply.Says(proofOfApplied) => Fate.Ok,
                Answer.Refused => Fate.Maybe, // refused for another reason after a lost try: cannot tell
                _ when clock.Elapsed > options.MaybeResolution => Fate.Maybe,
                _ => null,
            };
            if (fate is { } settled)
            {
                ledger.Count(operation, settled);
                if (settled == Fate.Ok)
                {
                    Interlocked.Increment(ref accepted);
                }

                if (settled != Fate.Ok)
                {
                    ledger.CountReason(operation, (settled == Fate.Maybe ? "maybe: " : string.Empty) + reply.Reason());
                }

                if (settled == Fate.Maybe)
                {
                    options.Log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"   worker {number}: {operation} stays maybe after {clock.Elapsed.TotalSeconds:0} s: first {Shorten(firstUnknown ?? "?")}, last {Shorten(reply.Text)}"));
                }

                return (settled, reply);
            }

            unknownBefore = true;
            firstUnknown ??= reply.Text;
            await Task.Delay(wait);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
        }
    }

    /// <summary>Applies what an accepted write did to the worker's model; a "maybe" leaves the household alone from now on.</summary>
    private static void Settle(HouseholdModel household, Fate fate, Action applied)
    {
        if (fate == Fate.Ok)
        {
            applied();
        }
        else if (fate == Fate.Maybe)
        {
            household.Uncertain = true;
        }
    }

    private static object Submission(PersonModel person) => new
    {
        idNumber = person.IdNumber,
        name = person.Name,
        relation = person.Relation,
        health = person.Disabled ? "disabled" : "healthy",
        disabilityGrade = person.Disabled ? 2 : (int?)null,
    };

    /// <summary>A text unique to this write, kept by the platform with its effect (a reason, a note), so the checker can find it.</summary>
    private string Tag() => string.Create(CultureInfo.InvariantCulture, $"故障演练 {runTag} w{number} #{++writes}");

    private static string Shorten(string text) => text.Length > 160 ? text[..160] + "…" : text;
}
