using System.Text;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Households.Domain;

namespace Platform.Households.Grpc;

/// <summary>Between the gRPC messages and the registry's submissions.</summary>
internal static class RecordMapping
{
    public static HouseholdSubmission ToSubmission(this HouseholdRecord record) => new(
        record.HouseholdNumber,
        record.VillageCode,
        record.Status,
        record.MainCause,
        record.OtherCauses,
        Blank(record.Phone),
        record.RegisteredYear == 0 ? null : record.RegisteredYear,
        record.ExitYear,
        record.Members.Select(m => new MemberSubmission(
            m.IdNumber,
            m.Name,
            Blank(m.Sex),
            m.Relation,
            Blank(m.Health),
            m.DisabilityGrade,
            Blank(m.LabourAbility),
            Blank(m.SchoolingStatus),
            Blank(m.Ethnicity))).ToList());

    /// <summary>"members[2].idNumber" → "members[2].id_number": gRPC callers know the proto's field names.</summary>
    public static string ToProtoFieldPath(string jsonPath)
    {
        var builder = new StringBuilder(jsonPath.Length + 4);
        foreach (var c in jsonPath)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                builder.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
