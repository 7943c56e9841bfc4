using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Education.Data;
using Platform.Education.Domain;
using Platform.Education.Students;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;

namespace Platform.Education.Aid;

/// <summary>资助发放: one grant to one student for one term; the term defaults to the current one, the amount to the standard.</summary>
public sealed record GrantRequest(string? Policy, Guid? StudentId, string? Term, decimal? Amount, string? Note);

/// <summary>The portal's grants: validate, check, write the grant and its income record in one transaction.</summary>
public sealed class AidCommands(EducationDbContext db, AidLedger ledger, TimeProvider clock)
{
    public async Task<Outcome<AidGrant>> GrantAsync(GrantRequest request, DataScope scope, string grantedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Policy) || !Codes.TryParse<AidPolicy>(request.Policy, out var policy))
        {
            FieldErrors.Add(errors, "policy", $"资助项目应为：{Codes.List<AidPolicy>()}");
            policy = default;
        }

        if (request.StudentId is null || request.StudentId == Guid.Empty)
        {
            FieldErrors.Add(errors, "studentId", "请指定学生");
        }

        var term = Term.Of(clock.Today());
        if (!string.IsNullOrWhiteSpace(request.Term) && !Term.TryParse(request.Term, out term))
        {
            FieldErrors.Add(errors, "term", "学期格式应为“2026-autumn”或“2027-spring”");
        }

        if (request.Amount is <= 0)
        {
            FieldErrors.Add(errors, "amount", "资助金额必须大于0");
        }

        var note = Validation.Text(request.Note, 200, "note", errors);
        if (errors.Count > 0)
        {
            return Outcome<AidGrant>.Refused(Refusal.Invalid, errors);
        }

        var student = await db.Students.Within(scope).SingleOrDefaultAsync(s => s.Id == request.StudentId, cancellationToken);
        if (student is null)
        {
            return Outcome<AidGrant>.Refused(Refusal.NotFound, "studentId", "学生不存在");
        }

        var termCode = term.ToString();
        if (await db.AidGrants.AnyAsync(g => g.Policy == policy && g.StudentId == student.Id && g.Term == termCode, cancellationToken))
        {
            return Outcome<AidGrant>.Refused(Refusal.Conflict, "studentId", ledger.AlreadyGranted(policy, term));
        }

        var result = ledger.TryGrant(policy, student, term, request.Amount, note, grantedBy, out var grant);
        if (!result.Succeeded)
        {
            return Outcome<AidGrant>.Refused(Refusal.Invalid, result.Field!, result.Error!);
        }

        return await db.SaveAsOutcomeAsync(
            grant!,
            ("studentId", "该生的资助记录刚被他人修改，请刷新后重试"),
            _ => ("studentId", ledger.AlreadyGranted(policy, term)),
            cancellationToken);
    }
}
