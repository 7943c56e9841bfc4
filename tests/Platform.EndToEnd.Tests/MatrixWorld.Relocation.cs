using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Relocation.Data;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The relocation pillar's objects for the matrix, made by the county office: cases at each step (scattered
/// resettlement, a fresh household each), sites, renovation projects and water projects in the target's village.
/// </summary>
public sealed partial class MatrixWorld
{
    private readonly Dictionary<Target, Guid> sharedCases = [];
    private readonly Dictionary<Target, Guid> sharedSites = [];
    private readonly Dictionary<Target, (Guid Id, string Code)> sharedWaterProjects = [];

    /// <summary>How far a case the county office prepares has gone.</summary>
    public enum CaseStage
    {
        Planned,
        Allocated,
        MovedIn,
    }

    /// <summary>A code no other object of this run has (sites, projects, reports).</summary>
    public static string Code(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    public static object SiteBody(string village, bool completed) => new
    {
        code = Code("AZD"), name = "矩阵安置点", mode = "town-or-county", villageCode = village, capacityHouseholds = 10,
        completedOn = completed ? Day(-30) : (DateOnly?)null,
    };

    public static object RenovationBody(Guid householdId) => new
    {
        householdId, projectNumber = Code("WG"), programme = "dilapidated-house", method = "reinforcement", startedOn = Day(-30),
    };

    public static object WaterProjectBody(string village, bool scattered) => new
    {
        code = Code("GS"), name = scattered ? "矩阵分散供水工程" : "矩阵集中供水工程", kind = scattered ? "scattered" : "centralised", villageCode = village,
        servedVillages = scattered ? Array.Empty<string>() : [village], litresPerPersonPerDay = 60, roundTripMinutes = 10, guaranteeRatePercent = 95, completedOn = Day(-100),
    };

    /// <summary>A case of a fresh household of the target's village, scattered resettlement, taken to <paramref name="stage"/>.</summary>
    public async Task<Guid> CaseAsync(Target target, CaseStage stage)
    {
        var id = await CreatedAsync("/api/relocation/cases", new { householdId = (await FreshAsync(target)).Id, mode = "scattered", plannedOn = Day(-60) });
        if (stage >= CaseStage.Allocated)
        {
            await SucceedAsync($"/api/relocation/cases/{id}/steps/allocation", new { on = Day(-40), housingUnit = "1栋101", floorArea = 60 });
        }

        if (stage >= CaseStage.MovedIn)
        {
            await SucceedAsync($"/api/relocation/cases/{id}/steps/move-in", new { on = Day(-20) });
        }

        return id;
    }

    public async Task<Guid> SharedCaseAsync(Target target) =>
        sharedCases.TryGetValue(target, out var id) ? id : sharedCases[target] = await CaseAsync(target, CaseStage.Planned);

    public Task<Guid> SiteAsync(Target target, bool completed) => CreatedAsync("/api/relocation/sites", SiteBody(VillageOf(target), completed));

    public async Task<Guid> SharedSiteAsync(Target target) =>
        sharedSites.TryGetValue(target, out var id) ? id : sharedSites[target] = await SiteAsync(target, completed: true);

    /// <summary>A renovation project under way on the shared household's house.</summary>
    public Task<Guid> RenovationAsync(Target target) => CreatedAsync("/api/relocation/housing/renovations", RenovationBody(Shared(target).Id));

    public async Task<(Guid Id, string Code)> WaterProjectAsync(Target target, bool scattered)
    {
        var body = WaterProjectBody(VillageOf(target), scattered);
        var id = await CreatedAsync("/api/relocation/water/projects", body);
        using var created = await CountyOffice.Rest.GetAsync(new Uri($"/api/relocation/water/projects/{id}", UriKind.Relative));
        created.EnsureSuccessStatusCode();
        return (id, JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString()!);
    }

    public async Task<(Guid Id, string Code)> SharedWaterProjectAsync(Target target) =>
        sharedWaterProjects.TryGetValue(target, out var project) ? project : sharedWaterProjects[target] = await WaterProjectAsync(target, scattered: false);

    /// <summary>The relocation pillar follows the new households (its replica of the registry) before any call is about them.</summary>
    private Task RelocationFollowsAsync(IReadOnlyCollection<Guid> ids) =>
        Eventually.AssertAsync(
            async () => await QueryAsync<RelocationDbContext, int>(Fixture.Relocation.Services, db => db.ReplicaHouseholds.CountAsync(h => ids.Contains(h.Id))) == ids.Count,
            TimeSpan.FromSeconds(60),
            "the relocation pillar follows every new household");

    private async Task<Guid> CreatedAsync(string path, object body)
    {
        using var response = await CountyOffice.Rest.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    private async Task SucceedAsync(string path, object body)
    {
        using var response = await CountyOffice.Rest.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static DateOnly Day(int days) => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(days);
}
