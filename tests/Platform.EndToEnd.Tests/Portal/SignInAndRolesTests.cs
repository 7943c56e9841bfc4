using Microsoft.Playwright;
using Platform.Testing;

namespace Platform.EndToEnd.Tests.Portal;

/// <summary>Signing in as each role: the menu holds what the role may use, the page never holds a token.</summary>
[Collection(PortalCollection.Name)]
public sealed class SignInAndRolesTests(PortalFixture portal)
{
    public static TheoryData<string, string, string[], string[]> Roles => new()
    {
        { "admin", "县级管理员", ["建档立卡户", "贫困户退出程序", "防返贫监测", "控辍保学", "审计日志"], [] },
        { "officer", "县扶贫办", ["建档立卡户", "贫困户退出程序", "防返贫监测", "控辍保学", "资助应享未享", "应保尽保", "就业匹配", "产业就业：指标", "易地搬迁：指标", "生态补偿：指标", "社会保障：指标"], ["审计日志"] },
        { "township", "乡镇干部", ["建档立卡户", "贫困户退出程序", "控辍保学"], ["审计日志"] },
        { "village", "村干部", ["建档立卡户", "贫困户退出程序", "防返贫监测"], ["审计日志"] },
        { "education", "行业部门", ["控辍保学", "教育：学生与学籍"], ["审计日志", "产业就业", "易地搬迁", "生态补偿", "社会保障", "应保尽保", "就业匹配"] },
        { "auditor", "审计", ["建档立卡户", "审计日志"], [] },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Each_role_signs_in_to_the_dashboard_and_its_menu_shows_only_what_it_may_open(string user, string roleName, string[] shown, string[] hidden)
    {
        await using var browsing = await Browsing.SignInAsync(portal, user, $"roles-{user}");
        var page = browsing.Page;
        Assert.Equal(roleName, (await page.InnerTextAsync("#user-role")).Trim());
        var menu = await page.Locator("#menu").InnerTextAsync();
        Assert.All(shown, entry => Assert.Contains(entry, menu, StringComparison.Ordinal));
        Assert.All(hidden, entry => Assert.DoesNotContain(entry, menu, StringComparison.Ordinal));
        await browsing.ShotAsync("dashboard");

        // A page the role may not open is refused by the portal, whatever the address says.
        if (hidden.Contains("审计日志"))
        {
            await browsing.GoAsync("/audit");
            await page.GetByText("您的角色不能使用此页面").WaitForAsync();
            await browsing.ShotAsync("audit-refused");
        }
    }

    [Fact]
    public async Task The_session_is_an_HttpOnly_cookie_a_reload_keeps_and_signing_out_ends()
    {
        await using var browsing = await Browsing.SignInAsync(portal, "officer", "session");
        var page = browsing.Page;
        var cookie = Assert.Single(await browsing.Context.CookiesAsync(), c => c.Name == "platform.portal");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal(string.Empty, await page.EvaluateAsync<string>("document.cookie"));

        await page.ReloadAsync();
        await browsing.DashboardReadyAsync();
        await page.ClickAsync("#signout");
        await page.Locator("#user").WaitForAsync();
        await Eventually.AssertAsync(async () => (await browsing.Context.CookiesAsync()).Count == 0, TimeSpan.FromSeconds(15), "signing out deletes the session cookie");

        // Without a session every page of the portal leads to the sign-in page, and back after it.
        await page.GotoAsync("/work/monitoring");
        await page.Locator("#user").WaitForAsync();
        Assert.Contains("redirect=/work/monitoring", Uri.UnescapeDataString(page.Url), StringComparison.Ordinal);
        await browsing.SubmitSignInAsync("officer", PlatformFixture.UserPassword);
        await page.WaitForAddressAsync(PageAddress.EndingIn("/work/monitoring"));
    }

    [Fact]
    public async Task A_wrong_password_shows_why_and_nothing_else()
    {
        await using var browsing = await Browsing.OpenAsync(portal, "wrong-password");
        await browsing.SignInAsync("auditor", "not-the-password");
        var message = browsing.Page.Locator("#message");
        await message.WaitForAsync();
        Assert.StartsWith("用户名或密码错误", (await message.InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.EndsWith("/sign-in", browsing.Page.Url, StringComparison.Ordinal);
        await browsing.ShotAsync("refused");
    }
}
