using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Households.Common;
using Platform.Households.Data;
using Platform.Households.Domain;
using Platform.ServiceDefaults;

namespace Platform.Households.Exit;

/// <summary>Makes exit verdicts from what the registry holds now: members, the year's income records, the guarantees' states.</summary>
public sealed class ExitAssessor(HouseholdsDbContext db, IOptions<RegistryOptions> options, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public IncomeLines Lines { get; } = options.Value.Lines();

    /// <summary>The verdict of each household for <paramref name="year"/> (households that do not exist are left out).</summary>
    public async Task<Dictionary<Guid, ExitVerdict>> AssessAsync(IReadOnlyCollection<Guid> householdIds, int year, CancellationToken cancellationToken)
    {
        var ids = householdIds.Distinct().ToArray();
        var households = await db.Households.AsNoTracking().Include(h => h.Members)
            .Where(h => ids.Contains(h.Id)).ToListAsync(cancellationToken);
        var income = (await db.IncomeRecords.AsNoTracking()
                .Where(r => ids.Contains(r.HouseholdId) && r.Year == year).ToListAsync(cancellationToken))
            .ToLookup(r => r.HouseholdId);
        var states = (await db.GuaranteeStates.AsNoTracking()
                .Where(s => ids.Contains(s.HouseholdId)).ToListAsync(cancellationToken))
            .ToLookup(s => s.HouseholdId);
        var today = clock.Today();
        return households.ToDictionary(
            h => h.Id,
            h => ExitEligibility.Assess(year, h.SizeIn(year, today), income[h.Id], states[h.Id], Lines.PovertyLine(year)));
    }

    public async Task<Dictionary<Guid, StoredVerdict>> AssessForStepAsync(IReadOnlyCollection<Guid> householdIds, int year, CancellationToken cancellationToken) =>
        (await AssessAsync(householdIds, year, cancellationToken)).ToDictionary(p => p.Key, p => new StoredVerdict(p.Value, ToJson(p.Value)));

    public static string ToJson(ExitVerdict verdict) => JsonSerializer.Serialize(verdict, Json);

    public static ExitVerdict? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<ExitVerdict>(json, Json);
}
