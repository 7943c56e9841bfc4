using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Education;
using Platform.Education.Data;
using Platform.Education.Domain;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;

namespace Platform.Education.Training;

public sealed record CourseRequest(string? Name, string? Trade, string? TownshipCode, DateOnly? StartsOn, DateOnly? EndsOn, string? Organiser);

public sealed record EnrolRequest(Guid? MemberId);

public sealed record CompleteRequest(DateOnly? CompletedOn, string? Certificate);

/// <summary>Enrolments and completions inside the caller's unit of work; a completion adds TrainingCompleted to the outbox.</summary>
public sealed class TrainingLedger(EducationDbContext db, TimeProvider clock)
{
    public TrainingEnrolment Enrol(TrainingCourse course, HouseholdMember member, FollowedHousehold household, string enrolledBy)
    {
        var enrolment = TrainingEnrolment.Enrol(course, member, household, enrolledBy, clock.GetUtcNow());
        db.TrainingEnrolments.Add(enrolment);
        return enrolment;
    }

    /// <summary>Records the completion; the caller has checked <see cref="TrainingRules.CanComplete"/>.</summary>
    public void Complete(TrainingEnrolment enrolment, TrainingCourse course, DateOnly completedOn, string? certificate)
    {
        ArgumentNullException.ThrowIfNull(enrolment);
        ArgumentNullException.ThrowIfNull(course);
        var now = clock.GetUtcNow();
        enrolment.Complete(completedOn, certificate, now);
        db.AddIntegrationEvent(
            new TrainingCompleted
            {
                EventId = Guid.CreateVersion7(now),
                HouseholdId = enrolment.HouseholdId,
                OccurredAt = now,
                MemberId = enrolment.MemberId,
                EnrolmentId = enrolment.Id,
                CourseId = course.Id,
                CourseName = course.Name,
                Trade = course.Trade,
                TownshipCode = course.TownshipCode,
                CompletedOn = completedOn,
                Certificate = certificate,
            },
            clock);
    }
}

/// <summary>技能培训 from the portal: courses, enrolment of working-age members, completion.</summary>
public sealed class TrainingCommands(EducationDbContext db, TrainingLedger ledger, TimeProvider clock)
{
    public async Task<Outcome<TrainingCourse>> CreateCourseAsync(CourseRequest request, DataScope scope, string createdBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(scope);
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim() ?? string.Empty;
        if (name.Length is 0 or > 100)
        {
            FieldErrors.Add(errors, "name", "请填写培训班名称（不超过100字）");
        }

        var trade = request.Trade?.Trim() ?? string.Empty;
        if (trade.Length is 0 or > 50)
        {
            FieldErrors.Add(errors, "trade", "请填写培训工种/专业（不超过50字）");
        }

        var township = request.TownshipCode?.Trim() ?? string.Empty;
        if (township.Length != 9 || !township.All(char.IsAsciiDigit))
        {
            FieldErrors.Add(errors, "townshipCode", "乡镇代码应为9位数字");
        }

        if (request.StartsOn is null)
        {
            FieldErrors.Add(errors, "startsOn", "请填写开班日期");
        }

        if (request.EndsOn is null)
        {
            FieldErrors.Add(errors, "endsOn", "请填写结束日期");
        }

        if (request.StartsOn is { } start && request.EndsOn is { } end && TrainingRules.CourseDates(start, end) is { Succeeded: false } dates)
        {
            FieldErrors.Add(errors, dates.Field!, dates.Error!);
        }

        var organiser = Validation.Text(request.Organiser, 100, "organiser", errors);
        if (errors.Count > 0)
        {
            return Outcome<TrainingCourse>.Refused(Refusal.Invalid, errors);
        }

        if (!scope.CoversTownship(township))
        {
            return Outcome<TrainingCourse>.Refused(Refusal.Forbidden, "townshipCode", "只能为本乡镇（本村所在乡镇）开设培训班");
        }

        var now = clock.GetUtcNow();
        var course = new TrainingCourse
        {
            Id = Guid.CreateVersion7(now),
            Name = name,
            Trade = trade,
            TownshipCode = township,
            StartsOn = request.StartsOn!.Value,
            EndsOn = request.EndsOn!.Value,
            Organiser = organiser,
            CreatedAt = now,
            CreatedBy = createdBy,
        };
        db.TrainingCourses.Add(course);
        return await db.SaveAsOutcomeAsync(course, ("name", "请重试"), _ => ("name", "该乡镇同日开班的同名培训班已存在"), cancellationToken);
    }

    public async Task<Outcome<TrainingEnrolment>> EnrolAsync(Guid courseId, EnrolRequest request, DataScope scope, string enrolledBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(scope);
        if (request.MemberId is null || request.MemberId == Guid.Empty)
        {
            return Outcome<TrainingEnrolment>.Refused(Refusal.Invalid, "memberId", "请指定建档立卡户成员");
        }

        var course = await db.TrainingCourses.Within(scope).SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken);
        if (course is null)
        {
            return Outcome<TrainingEnrolment>.Refused(Refusal.NotFound, "courseId", "培训班不存在");
        }

        var member = await db.Members.SingleOrDefaultAsync(m => m.Id == request.MemberId, cancellationToken);
        var household = member is null ? null : await db.Households.SingleOrDefaultAsync(h => h.Id == member.HouseholdId, cancellationToken);
        if (member is null || household is null || !scope.Covers(household.VillageCode))
        {
            return Outcome<TrainingEnrolment>.Refused(Refusal.NotFound, "memberId", "建档立卡户成员不存在");
        }

        var allowed = TrainingRules.CanEnrol(course, member);
        if (!allowed.Succeeded)
        {
            return Outcome<TrainingEnrolment>.Refused(Refusal.Invalid, allowed.Field!, allowed.Error!);
        }

        if (await db.TrainingEnrolments.AnyAsync(e => e.CourseId == course.Id && e.MemberId == member.Id, cancellationToken))
        {
            return Outcome<TrainingEnrolment>.Refused(Refusal.Conflict, "memberId", "该成员已报名此培训班");
        }

        var enrolment = ledger.Enrol(course, member, household, enrolledBy);
        return await db.SaveAsOutcomeAsync(enrolment, ("memberId", "请重试"), _ => ("memberId", "该成员已报名此培训班"), cancellationToken);
    }

    public async Task<Outcome<TrainingEnrolment>> CompleteAsync(Guid enrolmentId, CompleteRequest request, DataScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        if (request.CompletedOn is null)
        {
            FieldErrors.Add(errors, "completedOn", "请填写结业日期");
        }

        var certificate = Validation.Text(request.Certificate, 50, "certificate", errors);
        if (errors.Count > 0)
        {
            return Outcome<TrainingEnrolment>.Refused(Refusal.Invalid, errors);
        }

        var enrolment = await db.TrainingEnrolments.SingleOrDefaultAsync(e => e.Id == enrolmentId, cancellationToken);
        if (enrolment is null || !scope.Covers(enrolment.VillageCode))
        {
            return Outcome<TrainingEnrolment>.Refused(Refusal.NotFound, "enrolmentId", "培训报名记录不存在");
        }

        var course = await db.TrainingCourses.SingleAsync(c => c.Id == enrolment.CourseId, cancellationToken);
        var allowed = TrainingRules.CanComplete(enrolment, course, request.CompletedOn!.Value, clock.Today());
        if (!allowed.Succeeded)
        {
            return Outcome<TrainingEnrolment>.Refused(enrolment.IsCompleted ? Refusal.Conflict : Refusal.Invalid, allowed.Field!, allowed.Error!);
        }

        ledger.Complete(enrolment, course, request.CompletedOn.Value, certificate);
        return await db.SaveAsOutcomeAsync(enrolment, ("enrolmentId", "该报名记录刚被他人修改，请刷新后重试"), _ => ("enrolmentId", "请重试"), cancellationToken);
    }
}
