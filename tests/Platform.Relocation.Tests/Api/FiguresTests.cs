using System.Text.Json;
using Platform.Contracts.Grpc.Relocation.V1;
using Platform.Contracts.Households;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.Relocation.Tests.Api;

/// <summary>The figures count what their drill-down lists list, and the made-safe parts add up.</summary>
public sealed class FiguresTests(RelocationFixture fixture) : IClassFixture<RelocationFixture>
{
    [Fact]
    public async Task Every_figure_equals_the_total_of_its_list_and_the_parts_of_made_safe_add_up_within_the_caller_s_scope()
    {
        var heads = Enumerable.Range(0, 6).Select(i => People.Member("户主", "户主" + (char)('甲' + i))).ToList();
        var households = new List<HouseholdRegistered>();
        foreach (var (head, i) in heads.Select((h, i) => (h, i)))
        {
            households.Add(await fixture.RegisterAsync(i < 4 ? People.Village : People.OtherTownshipVillage, head, People.Member("之女", "女儿" + i, 2010)));
        }

        using var channel = fixture.Host.CreateGrpcChannel(TestTokens.CountyOffice());
        var town = People.Code("AZD");
        var central = People.Code("AZD");
        await RelocationFixture.StreamAsync(
            new ResettlementSites.ResettlementSitesClient(channel).ImportSites(),
            Feeds.Site(town, facilities: ["service-centre", "clinic", "school", "culture-square", "workshop", "shop", "sanitation"]),
            Feeds.Site(central, village: People.OtherTownshipVillage, mode: "central-village"));
        var scattered = Feeds.Case(heads[2], string.Empty, mode: "scattered");
        var cases = await RelocationFixture.StreamAsync(
            new RelocationCases.RelocationCasesClient(channel).ImportCases(),
            Feeds.Case(heads[0], town, demolished: "2019-05-01"),
            Feeds.Case(heads[1], town, movedIn: null),
            scattered,
            Feeds.Case(heads[4], central, mode: "central-village"));
        Assert.True(cases.Rejected == 0, string.Join("; ", cases.Rejections));

        var housing = new HousingSafety.HousingSafetyClient(channel);
        await RelocationFixture.StreamAsync(
            housing.ImportAppraisals(),
            Feeds.Appraisal(heads[3].IdNumber, heads[3].Name, "d", "2018-01-01"),
            Feeds.Appraisal(heads[5].IdNumber, heads[5].Name, "a"),
            Feeds.Appraisal(People.NewIdNumber(), "非贫困户", "c", village: People.Village));
        var stranger = People.NewIdNumber();
        await RelocationFixture.StreamAsync(
            housing.ImportRenovations(),
            Renovation(heads[3].IdNumber, heads[3].Name, "dilapidated-house", "2018-09-01", string.Empty),
            Renovation(heads[3].IdNumber, heads[3].Name, "non-differentiated", "2019-09-01", string.Empty),
            Renovation(stranger, "非贫困户乙", "non-differentiated", "2019-10-01", People.Village),
            Renovation(heads[0].IdNumber, heads[0].Name, "non-differentiated", "2019-10-01", string.Empty)); // relocated: not counted again
        await RelocationFixture.StreamAsync(
            housing.ImportToilets(),
            new ToiletRecord { ClientRef = "t", Owner = new PersonRef { IdNumber = heads[5].IdNumber, Name = heads[5].Name }, Type = "three-compartment", CompletedOn = "2020-05-01" });
        Assert.Equal(0, await fixture.DrainAsync());

        using var county = fixture.County();
        var figures = await RelocationFixture.JsonAsync(county, "/api/relocation/figures");
        Assert.Equal(2, figures.GetProperty("sites").GetProperty("total").GetInt64());
        Assert.Equal(1, figures.GetProperty("sites").GetProperty("fullyEquipped").GetInt64());
        var relocated = figures.GetProperty("relocated");
        Assert.Equal((3, 6, 2, 4), (relocated.GetProperty("households").GetInt64(), relocated.GetProperty("people").GetInt64(),
            relocated.GetProperty("intoSitesHouseholds").GetInt64(), relocated.GetProperty("intoSitesPeople").GetInt64()));
        var parts = figures.GetProperty("housing").GetProperty("madeSafe").GetProperty("parts").EnumerateArray().ToDictionary(p => p.GetProperty("by").GetString()!, p => p.GetProperty("households").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["relocation"] = 2, ["scattered-resettlement"] = 1, ["non-differentiated-renovation"] = 2, ["earlier-renovation"] = 0 }, parts);
        Assert.Equal(5, figures.GetProperty("housing").GetProperty("madeSafe").GetProperty("households").GetInt64());

        var mismatches = new List<string>();
        await CheckListsAsync(county, figures, "", mismatches);
        Assert.Empty(mismatches);

        // A village cadre's figures count its village only.
        using var village = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: People.OtherTownshipVillage));
        var own = await RelocationFixture.JsonAsync(village, "/api/relocation/figures");
        Assert.Equal(2, own.GetProperty("households").GetInt64());
        Assert.Equal(1, own.GetProperty("relocated").GetProperty("households").GetInt64());
        await CheckListsAsync(village, own, "", mismatches);
        Assert.Empty(mismatches);
    }

    /// <summary>Every object with a count and a list: the list's total is the count.</summary>
    private static async Task CheckListsAsync(HttpClient client, JsonElement element, string path, List<string> mismatches)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                await CheckListsAsync(client, item, $"{path}[{i++}]", mismatches);
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var counts = element.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number).ToDictionary(p => p.Name, p => p.Value.GetInt64());
        foreach (var list in element.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String && p.Name.EndsWith("List", StringComparison.Ordinal) || p.Name == "list"))
        {
            var counted = list.Name switch
            {
                "list" => counts.GetValueOrDefault("count", counts.GetValueOrDefault("households", counts.GetValueOrDefault("sites", counts.GetValueOrDefault("cases",
                    counts.GetValueOrDefault("houses", counts.GetValueOrDefault("projects", counts.GetValueOrDefault("started", counts.GetValueOrDefault("total", -1)))))))),
                "metList" => counts["met"],
                "notMetList" => counts["notMet"],
                "acceptedList" => counts["accepted"],
                "fullyEquippedList" => counts["fullyEquipped"],
                "intoSitesList" => counts["intoSitesHouseholds"],
                _ => -1,
            };
            var url = list.Value.GetString()!;
            var total = (await RelocationFixture.JsonAsync(client, url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "pageSize=1")).GetProperty("total").GetInt64();
            if (counted != total)
            {
                mismatches.Add($"{path}.{list.Name} ({url}): figure {counted}, list {total}");
            }
        }

        foreach (var property in element.EnumerateObject())
        {
            await CheckListsAsync(client, property.Value, $"{path}.{property.Name}", mismatches);
        }
    }

    private static RenovationRecord Renovation(string idNumber, string name, string programme, string accepted, string village) => new()
    {
        ClientRef = name, Owner = new PersonRef { IdNumber = idNumber, Name = name }, VillageCode = village, ProjectNumber = People.Code("WG"), Programme = programme,
        Method = "rebuild", StartedOn = "2018-03-01", AcceptedOn = accepted, AcceptedBy = "县住建局",
    };
}
