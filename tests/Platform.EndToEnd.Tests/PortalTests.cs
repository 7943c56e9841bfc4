using Microsoft.Playwright;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>The portal page the gateway serves, in a real headless Chromium (Debian's /usr/bin/chromium).</summary>
public class PortalTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return (playwright, browser);
    }

    [Fact]
    public async Task County_staff_sign_in_and_see_the_county_figures_without_the_page_ever_holding_a_token()
    {
        var (playwright, browser) = await LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();

        await page.GotoAsync(platform.Gateway.HttpAddress.ToString());
        Assert.Equal("精准扶贫管理平台", await page.TitleAsync());
        await page.FillAsync("#user", "officer");
        await page.FillAsync("#password", PlatformFixture.UserPassword);
        await page.ClickAsync("button[type=submit]");

        var exited = page.Locator("#figures tr", new PageLocatorOptions { HasText = "已脱贫户" });
        await exited.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        Assert.Matches(@"^\d[\d,]*$", (await exited.Locator("td").InnerTextAsync()).Trim());
        var training = page.Locator("#education tr", new PageLocatorOptions { HasText = "技能培训（人次）" });
        await training.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        Assert.Matches(@"^\d[\d,]*$", (await training.Locator("td").InnerTextAsync()).Trim());

        // The session is an HttpOnly cookie: nothing the page's script can read or send elsewhere.
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "platform.portal");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal(string.Empty, await page.EvaluateAsync<string>("document.cookie"));

        // A reload keeps the session; signing out ends it.
        await page.ReloadAsync();
        await exited.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        await page.ClickAsync("#signout");
        await page.Locator("#signin").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 15_000 });
        // The form shows at once; the answer that deletes the cookie may land a moment later.
        await Eventually.AssertAsync(async () => (await page.Context.CookiesAsync()).Count == 0, TimeSpan.FromSeconds(15), "signing out deletes the session cookie");
    }

    [Fact]
    public async Task A_wrong_password_shows_why_and_no_figures()
    {
        var (playwright, browser) = await LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();

        await page.GotoAsync(platform.Gateway.HttpAddress.ToString());
        await page.FillAsync("#user", "auditor");
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("button[type=submit]");

        var message = page.Locator("#message.error");
        await message.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        Assert.StartsWith("用户名或密码错误", await message.InnerTextAsync());
        Assert.True(await page.Locator("#figures").IsHiddenAsync());
    }
}
