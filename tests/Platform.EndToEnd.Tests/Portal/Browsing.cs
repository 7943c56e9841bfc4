using Microsoft.Playwright;

namespace Platform.EndToEnd.Tests.Portal;

/// <summary>
/// One user in a fresh browser context (no cache, no cookies): signs in through the portal's own page,
/// keeps a screenshot of each step under TestResults/portal/{test}/, and watches every response and
/// page for whole ID numbers (checked when the test ends).
/// </summary>
public sealed class Browsing : IAsyncDisposable
{
    private readonly string folder;
    private readonly System.Collections.Concurrent.ConcurrentBag<string> elsewhere = [];
    private int shots;

    private Browsing(PortalFixture portal, IBrowserContext context, IPage page, string test)
    {
        Portal = portal;
        Context = context;
        Page = page;
        folder = Path.Combine(PortalFixture.Artefacts, test);
        Directory.CreateDirectory(folder);
    }

    public PortalFixture Portal { get; }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public IdNumberWatch Watch { get; } = new();

    /// <param name="watchIdNumbers">
    /// Whether every response's body is read and scanned for resident ID numbers (<see cref="Watch"/>). Off only where
    /// time is measured: reading the bodies through the browser's debugging protocol (the chart library alone is
    /// 0.6 MB) took CPU from the page it timed; the same pages are watched in the other tests.
    /// </param>
    public static async Task<Browsing> OpenAsync(PortalFixture portal, string test, bool watchIdNumbers = true)
    {
        var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.BaseAddress,
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var browsing = new Browsing(portal, context, page, test);
        if (watchIdNumbers)
        {
            browsing.Watch.Attach(context);
        }

        // Everything the portal loads comes from the gateway: no font, icon or script from elsewhere.
        context.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(portal.BaseAddress + "/", StringComparison.Ordinal)
                && !request.Url.StartsWith("data:", StringComparison.Ordinal) && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
            {
                browsing.elsewhere.Add(request.Url);
            }
        };
        return browsing;
    }

    /// <summary>Signs in on the sign-in page and waits for the dashboard's figures.</summary>
    public static async Task<Browsing> SignInAsync(PortalFixture portal, string user, string test)
    {
        var browsing = await OpenAsync(portal, test);
        await browsing.SignInAsync(user);
        return browsing;
    }

    /// <summary>
    /// A fresh context with the user's own new session, on no page yet: the portal's sign-in call (what its sign-in page
    /// sends) made with the context's cookie jar. For tests of a page other than the sign-in page and the dashboard, which
    /// open their page directly instead of loading the sign-in page and drawing the dashboard first (the portal's
    /// collection alone: 447 -> 412 CPU-s); signing in on screen and the dashboard are tested by
    /// <see cref="SignInAndRolesTests"/> and <see cref="DashboardTests"/>.
    /// </summary>
    public static async Task<Browsing> SignedInAsync(PortalFixture portal, string user, string test)
    {
        var browsing = await OpenAsync(portal, test);
        var response = await browsing.Context.APIRequest.PostAsync(PortalUser.SignInPath, new APIRequestContextOptions
        {
            DataObject = new { userName = user, password = PlatformFixture.UserPassword },
            Headers = new Dictionary<string, string> { [PortalUser.Header] = "1" },
        });
        Assert.True(response.Ok, $"{user} could not sign in: {response.Status} {await response.TextAsync()}");
        return browsing;
    }

    public async Task SignInAsync(string user, string? password = null)
    {
        await Page.GotoAsync("/sign-in");
        await SubmitSignInAsync(user, password);
    }

    /// <summary>Fills in the sign-in page on screen (it may carry where to go back to).</summary>
    public async Task SubmitSignInAsync(string user, string? password = null)
    {
        await Page.FillAsync("#user", user);
        await Page.FillAsync("#password", password ?? PlatformFixture.UserPassword);
        await Page.ClickAsync("button[type=submit]");
        if (password is null)
        {
            await DashboardReadyAsync();
        }
    }

    public Task DashboardReadyAsync() =>
        Page.Locator(".dashboard[data-figures-ready=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });

    /// <summary>Goes to a page of the portal and waits until the network is quiet.</summary>
    public async Task GoAsync(string path)
    {
        await Page.GotoAsync(path);
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>
    /// Opens a household's 360 view and waits until every section has answered (the page is aria-busy until then):
    /// network idle alone can come between a section's lazy chunk and its request.
    /// </summary>
    public async Task OpenHouseholdAsync(string household)
    {
        await GoAsync($"/households/{household}");
        await Page.Locator($".household[data-household='{household}'][aria-busy='false']").WaitForAsync();
    }

    /// <inheritdoc cref="OpenHouseholdAsync(string)"/>
    public Task OpenHouseholdAsync(Guid household) => OpenHouseholdAsync(household.ToString());

    /// <summary>A screenshot of the whole page (kept as a test artefact) and a look at its HTML for ID numbers.</summary>
    public async Task ShotAsync(string step)
    {
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        shots++;
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{shots:00}-{step}.png"), FullPage = true });
        await Watch.CheckPageAsync(Page);
    }

    /// <summary>Picks an option of an Element Plus select (its list opens in the page's body).</summary>
    public async Task SelectAsync(ILocator select, string optionText)
    {
        // The select's input may sit under its wrapper: the click opens the list either way.
        await select.ClickAsync(new LocatorClickOptions { Force = true });
        var option = Page.Locator(".el-select-dropdown__item:visible", new PageLocatorOptions { HasText = optionText }).First;
        await option.ClickAsync();
        // Taking the option closes the list. A loaded CI machine once lost the click while the list opened, and the
        // list, left open, covered the next button for 30 s: then the option is taken again.
        var openList = Page.Locator(".el-select-dropdown:visible");
        try
        {
            await openList.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden, Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
            await option.ClickAsync();
            await openList.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden });
        }
    }

    /// <summary>Clicks the list's 导出Excel, keeps the workbook under TestResults/portal/export/ and reads its rows back (header row as keys).</summary>
    public async Task<(string FileName, List<IDictionary<string, object?>> Rows)> ExportAsync()
    {
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.ClickAsync(".export-button"));
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        Directory.CreateDirectory(Path.Combine(PortalFixture.Artefacts, "export"));
        var file = Path.Combine(PortalFixture.Artefacts, "export", download.SuggestedFilename);
        await download.SaveAsAsync(file);
        return (download.SuggestedFilename, MiniExcelLibs.MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList());
    }

    /// <summary>Types a date into an Element Plus date picker.</summary>
    public async Task DateAsync(string selector, string date)
    {
        var input = Page.Locator(selector);
        await input.ClickAsync();
        await input.FillAsync(date);
        await input.PressAsync("Enter");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // The page as the test left it (the last step, or where a failing test stopped).
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "zz-last.png"), FullPage = true });
            var unread = await Watch.AssertNoneAsync(TimeSpan.FromSeconds(15));
            if (unread.Count > 0)
            {
                await File.WriteAllLinesAsync(Path.Combine(folder, "unread-responses.txt"), unread);
            }

            Assert.True(elsewhere.IsEmpty, "the portal asked for something outside the gateway:\n" + string.Join("\n", elsewhere.Distinct()));
        }
        finally
        {
            // Bounded: a wedged browser fails this test instead of hanging the run.
            await Context.CloseAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
    }
}
