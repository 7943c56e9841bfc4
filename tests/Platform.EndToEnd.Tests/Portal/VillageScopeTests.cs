using System.Globalization;
using Microsoft.Playwright;

namespace Platform.EndToEnd.Tests.Portal;

/// <summary>A village cadre works in its own village only: it sees nothing of another, and no address takes it there.</summary>
[Collection(PortalCollection.Name)]
public sealed class VillageScopeTests(PortalFixture portal)
{
    private readonly PortalApi api = new(portal);

    [Fact]
    public async Task A_village_cadre_cannot_see_or_reach_another_village()
    {
        var other = (await api.GetAsync("officer", $"/api/households?village={portal.OtherVillage}&pageSize=1")).GetProperty("items")[0];
        var otherHousehold = other.GetProperty("id").GetString();
        var own = await api.GetAsync("officer", $"/api/households?village={portal.Village}&pageSize=1");

        await using var browsing = await Browsing.SignInAsync(portal, "village", "village-scope");
        var page = browsing.Page;
        Assert.Contains(own.GetProperty("items")[0].GetProperty("villageName").GetString()!, await page.InnerTextAsync("#user-place"), StringComparison.Ordinal);
        Assert.Equal(own.GetProperty("total").GetInt64().ToString("N0", CultureInfo.InvariantCulture), (await page.InnerTextAsync("[data-figure='households']")).Trim());

        // The list holds its village's households only, and its village select only its village.
        await browsing.GoAsync("/households");
        await page.Locator("#households-table .household-number").First.WaitForAsync();
        Assert.Equal(own.GetProperty("total").GetInt64().ToString(CultureInfo.InvariantCulture), (await page.InnerTextAsync("#list-total")).Trim());
        Assert.All(await page.Locator("#households-table .household-number").AllInnerTextsAsync(), n => Assert.StartsWith(portal.Village, n.Trim(), StringComparison.Ordinal));
        await page.Locator(".place-village").ClickAsync();
        await page.Locator(".el-select-dropdown__item:visible").First.WaitForAsync();
        Assert.Equal(1, await page.Locator(".el-select-dropdown__item:visible").CountAsync());
        await page.Keyboard.PressAsync("Escape");
        await browsing.ShotAsync("own-village");

        // Another village's list by its address: refused by the portal (and empty at the API).
        await browsing.GoAsync($"/households?village={portal.OtherVillage}");
        await page.GetByText("该地区不在您的数据范围内").WaitForAsync();
        Assert.Contains("/forbidden", page.Url, StringComparison.Ordinal);
        await browsing.ShotAsync("other-village-refused");
        var listed = await api.GetAsync("village", $"/api/households?village={portal.OtherVillage}");
        Assert.Equal(0, listed.GetProperty("total").GetInt64());

        // Another village's household by its address: it does not exist for the cadre.
        await browsing.GoAsync($"/households/{otherHousehold}");
        await page.Locator("#household-missing").WaitForAsync();
        Assert.DoesNotContain(other.GetProperty("householdNumber").GetString()!, await page.ContentAsync(), StringComparison.Ordinal);
        await browsing.ShotAsync("other-household-missing");

        // Another village's exit batches, flags and dropout cases: none in its lists.
        await browsing.GoAsync($"/work/monitoring");
        Assert.All(await page.Locator("#flags-table tbody tr").AllInnerTextsAsync(), row => Assert.DoesNotContain(portal.OtherVillage, row, StringComparison.Ordinal));
        await browsing.GoAsync($"/work/exit?village={portal.OtherVillage}");
        await page.GetByText("该地区不在您的数据范围内").WaitForAsync();
    }

    [Fact]
    public async Task A_township_officer_sees_the_villages_of_its_township_and_nothing_beyond()
    {
        await using var browsing = await Browsing.SignedInAsync(portal, "township", "township-scope");
        var page = browsing.Page;
        await browsing.GoAsync("/villages");
        await page.Locator("#villages-table tbody tr").First.WaitForAsync();
        var villages = await api.GetAsync("township", "/api/households/villages?pageSize=200");
        Assert.Equal(villages.GetProperty("total").GetInt32(), await page.Locator("#villages-table tbody tr").CountAsync());
        Assert.All(villages.GetProperty("items").EnumerateArray(), v => Assert.Equal(portal.Township, v.GetProperty("townshipCode").GetString()));
        await browsing.ShotAsync("villages");
        await browsing.GoAsync($"/households?township={portal.OtherVillage[..9]}");
        await page.GetByText("该地区不在您的数据范围内").WaitForAsync();
    }
}
