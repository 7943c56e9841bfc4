using Microsoft.Playwright;

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
    public async Task County_staff_sign_in_with_the_demo_client_and_see_the_county_figures()
    {
        var (playwright, browser) = await LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();

        await page.GotoAsync(platform.Gateway.HttpAddress.ToString());
        Assert.Equal("精准扶贫管理平台", await page.TitleAsync());
        await page.FillAsync("#secret", PlatformFixture.DemoClientSecret);
        await page.ClickAsync("button[type=submit]");

        var exited = page.Locator("#figures tr", new PageLocatorOptions { HasText = "已脱贫户" });
        await exited.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        Assert.Matches(@"^\d[\d,]*$", (await exited.Locator("td").InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task A_wrong_secret_shows_why_and_no_figures()
    {
        var (playwright, browser) = await LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();

        await page.GotoAsync(platform.Gateway.HttpAddress.ToString());
        await page.FillAsync("#secret", "wrong");
        await page.ClickAsync("button[type=submit]");

        var message = page.Locator("#message.error");
        await message.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        Assert.Equal("客户端标识或密钥错误", await message.InnerTextAsync());
        Assert.True(await page.Locator("#figures").IsHiddenAsync());
    }
}
