using System.Text.RegularExpressions;
using Platform.Contracts.Households;
using Platform.Contracts.People;
using Platform.Contracts;

namespace Platform.Households.Domain;

/// <summary>A household as a caller submits it (REST or gRPC): text, not yet trusted.</summary>
public sealed record HouseholdSubmission(
    string? HouseholdNumber,
    string? VillageCode,
    string? Status,
    string? MainCause,
    IReadOnlyList<string>? OtherCauses,
    string? Phone,
    int? RegisteredYear,
    int? ExitYear,
    IReadOnlyList<MemberSubmission>? Members);

/// <summary>A member as a caller submits it.</summary>
public sealed record MemberSubmission(
    string? IdNumber,
    string? Name,
    string? Sex,
    string? Relation,
    string? Health,
    int? DisabilityGrade,
    string? LabourAbility,
    string? SchoolingStatus,
    string? Ethnicity);

/// <summary>A household that passed every rule that needs no database.</summary>
public sealed record HouseholdRegistration(
    string HouseholdNumber,
    string VillageCode,
    HouseholdStatus Status,
    PovertyCause MainCause,
    IReadOnlyList<PovertyCause> OtherCauses,
    string? Phone,
    int RegisteredYear,
    int? ExitYear,
    IReadOnlyList<MemberRegistration> Members);

public sealed record MemberRegistration(
    ResidentIdNumber IdNumber,
    string Name,
    Sex Sex,
    string Relation,
    HealthStatus Health,
    int? DisabilityGrade,
    LabourAbility LabourAbility,
    SchoolingStatus SchoolingStatus,
    string? Ethnicity)
{
    public const string HeadRelation = "户主";

    /// <summary>与户主关系 as the national form lists them.</summary>
    public static readonly IReadOnlySet<string> Relations = new HashSet<string>(StringComparer.Ordinal)
    {
        HeadRelation, "配偶", "之子", "之女", "之儿媳", "之女婿", "之孙子", "之孙女", "之外孙子", "之外孙女",
        "之父", "之母", "之岳父", "之岳母", "之公公", "之婆婆", "之祖父", "之祖母", "之兄弟姐妹", "其他",
    };
}

/// <summary>
/// The registry's rules for a submitted household, checked without a database: formats, codes,
/// resident ID numbers, one head, no person twice. Errors are keyed by the field's JSON path
/// (e.g. "members[2].idNumber") and written for county staff.
/// </summary>
public static partial class RegistrationRules
{
    public const int MaxMembers = 20;
    public const int FirstRegistrationYear = 2013;

    public static HouseholdRegistration? Validate(HouseholdSubmission submission, DateOnly today, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(errors);

        var number = submission.HouseholdNumber?.Trim() ?? string.Empty;
        if (!HouseholdNumberPattern().IsMatch(number))
        {
            FieldErrors.Add(errors, "householdNumber", "户编号应为1到30位数字、字母或短横线");
        }

        var villageCode = submission.VillageCode?.Trim() ?? string.Empty;
        if (!VillageCodePattern().IsMatch(villageCode))
        {
            FieldErrors.Add(errors, "villageCode", "行政村代码应为12位数字");
        }

        var householdStatus = ParseRequired<HouseholdStatus>(submission.Status, "status", "户状态", errors);
        var mainCause = ParseRequired<PovertyCause>(submission.MainCause, "mainCause", "主要致贫原因", errors);
        var otherCauses = new List<PovertyCause>();
        var others = submission.OtherCauses ?? [];
        for (var i = 0; i < others.Count; i++)
        {
            if (!Codes.TryParse<PovertyCause>(others[i], out var cause))
            {
                FieldErrors.Add(errors, $"otherCauses[{i}]", $"未知的致贫原因，可选：{Codes.List<PovertyCause>()}");
            }
            else if (cause == mainCause || otherCauses.Contains(cause))
            {
                FieldErrors.Add(errors, $"otherCauses[{i}]", "其他致贫原因与主要原因或其他原因重复");
            }
            else
            {
                otherCauses.Add(cause);
            }
        }

        var phone = string.IsNullOrWhiteSpace(submission.Phone) ? null : submission.Phone.Trim();
        if (phone is not null && !PhonePattern().IsMatch(phone))
        {
            FieldErrors.Add(errors, "phone", "联系电话格式有误");
        }

        var registeredYear = submission.RegisteredYear ?? 0;
        if (registeredYear < FirstRegistrationYear || registeredYear > today.Year)
        {
            FieldErrors.Add(errors, "registeredYear", $"识别年度应在{FirstRegistrationYear}年到{today.Year}年之间");
        }

        // The registry proves every exit: a household enters as poor, and leaves poverty only through the
        // exit procedure (or the campaign history feed, which replays it); monitoring has its own entry.
        if (householdStatus == HouseholdStatus.Exited)
        {
            FieldErrors.Add(errors, "status", "新登记的户只能是贫困户（poor）：脱贫退出须经退出程序");
        }
        else if (householdStatus == HouseholdStatus.Monitored)
        {
            FieldErrors.Add(errors, "status", "未建档立卡的监测对象请通过防返贫监测登记（/api/households/monitoring/households）");
        }

        if (submission.ExitYear is not null)
        {
            FieldErrors.Add(errors, "exitYear", "脱贫年度由退出程序记录，登记时不能填写");
        }

        var members = ValidateMembers(submission.Members, today, errors);
        if (errors.Count > 0)
        {
            return null;
        }

        return new HouseholdRegistration(
            number, villageCode, householdStatus, mainCause, otherCauses, phone, registeredYear, submission.ExitYear, members);
    }

    public static MemberRegistration? ValidateMember(MemberSubmission? submission, string path, DateOnly today, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (submission is null)
        {
            FieldErrors.Add(errors, path, "成员信息不能为空");
            return null;
        }

        var before = errors.Count;
        var prefix = path.Length == 0 ? string.Empty : path + ".";
        if (!ResidentIdNumber.TryParse(submission.IdNumber, today, out var idNumber, out var idError))
        {
            FieldErrors.Add(errors, prefix + "idNumber", idError);
        }

        var name = submission.Name?.Trim() ?? string.Empty;
        if (!NamePattern().IsMatch(name))
        {
            FieldErrors.Add(errors, prefix + "name", "姓名应为1到30个汉字、字母或间隔号");
        }

        Sex sex = default;
        if (string.IsNullOrWhiteSpace(submission.Sex))
        {
            sex = idNumber.Value is null ? default : idNumber.IsMale ? Sex.Male : Sex.Female;
        }
        else if (!Codes.TryParse(submission.Sex, out sex))
        {
            FieldErrors.Add(errors, prefix + "sex", "性别应为 male 或 female");
        }
        else if (idNumber.Value is not null && (sex == Sex.Male) != idNumber.IsMale)
        {
            FieldErrors.Add(errors, prefix + "sex", "性别与身份证号码不符");
        }

        var relation = submission.Relation?.Trim() ?? string.Empty;
        if (!MemberRegistration.Relations.Contains(relation))
        {
            FieldErrors.Add(errors, prefix + "relation", $"与户主关系应为：{string.Join("、", MemberRegistration.Relations)}");
        }

        var health = ParseOrDefault(submission.Health, HealthStatus.Healthy, prefix + "health", "健康状况", errors);
        if (health == HealthStatus.Disabled && submission.DisabilityGrade is not (>= 1 and <= 4))
        {
            FieldErrors.Add(errors, prefix + "disabilityGrade", "残疾成员须填写残疾等级（1到4级）");
        }
        else if (health != HealthStatus.Disabled && submission.DisabilityGrade is not null)
        {
            FieldErrors.Add(errors, prefix + "disabilityGrade", "健康状况不是残疾时不应填写残疾等级");
        }

        var labour = ParseOrDefault(submission.LabourAbility, LabourAbility.Normal, prefix + "labourAbility", "劳动能力", errors);
        var schooling = ParseOrDefault(submission.SchoolingStatus, SchoolingStatus.LeftSchool, prefix + "schoolingStatus", "在校生状况", errors);
        var ethnicity = string.IsNullOrWhiteSpace(submission.Ethnicity) ? null : submission.Ethnicity.Trim();
        if (ethnicity is { Length: > 20 })
        {
            FieldErrors.Add(errors, prefix + "ethnicity", "民族名称过长");
        }

        return errors.Count > before
            ? null
            : new MemberRegistration(idNumber, name, sex, relation, health, submission.DisabilityGrade, labour, schooling, ethnicity);
    }

    private static List<MemberRegistration> ValidateMembers(IReadOnlyList<MemberSubmission>? submissions, DateOnly today, Dictionary<string, string[]> errors)
    {
        var members = new List<MemberRegistration>();
        if (submissions is null || submissions.Count == 0)
        {
            FieldErrors.Add(errors, "members", "至少须有一名家庭成员（户主）");
            return members;
        }

        if (submissions.Count > MaxMembers)
        {
            FieldErrors.Add(errors, "members", $"一户最多{MaxMembers}名成员");
            return members;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < submissions.Count; i++)
        {
            var member = ValidateMember(submissions[i], $"members[{i}]", today, errors);
            if (member is null)
            {
                continue;
            }

            if (!seen.Add(member.IdNumber.Value))
            {
                FieldErrors.Add(errors, $"members[{i}].idNumber", "同一身份证号码在本户中出现了两次");
                continue;
            }

            members.Add(member);
        }

        var heads = submissions.Count(m => m?.Relation?.Trim() == MemberRegistration.HeadRelation);
        if (heads != 1)
        {
            FieldErrors.Add(errors, "members", "一户须有且只有一名户主");
        }

        return members;
    }

    private static TEnum ParseRequired<TEnum>(string? code, string field, string label, Dictionary<string, string[]> errors)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            FieldErrors.Add(errors, field, $"{label}不能为空，可选：{Codes.List<TEnum>()}");
            return default;
        }

        if (!Codes.TryParse<TEnum>(code, out var value))
        {
            FieldErrors.Add(errors, field, $"未知的{label}，可选：{Codes.List<TEnum>()}");
        }

        return value;
    }

    private static TEnum ParseOrDefault<TEnum>(string? code, TEnum fallback, string field, string label, Dictionary<string, string[]> errors)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return fallback;
        }

        if (!Codes.TryParse<TEnum>(code, out var value))
        {
            FieldErrors.Add(errors, field, $"未知的{label}，可选：{Codes.List<TEnum>()}");
        }

        return value;
    }

    /// <summary>A person's name as the form takes it: 1 to 30 Chinese characters, letters or separating dots.</summary>
    public static bool IsPersonName(string name) => NamePattern().IsMatch(name);

    /// <summary>A mobile number or a landline with its area code.</summary>
    public static bool IsPhone(string phone) => PhonePattern().IsMatch(phone);

    [GeneratedRegex(@"^[0-9A-Za-z\-]{1,30}$")]
    private static partial Regex HouseholdNumberPattern();

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex VillageCodePattern();

    [GeneratedRegex(@"^(1\d{10}|0\d{2,3}-?\d{7,8})$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}A-Za-z·•\s]{1,30}$")]
    private static partial Regex NamePattern();
}
