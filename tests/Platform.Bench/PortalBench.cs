using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Platform.Testing;

namespace Platform.Bench;

/// <summary>
/// The county portal's dashboard as a user feels it, against a running platform (bash deploy/start.sh, the full
/// demo county): headless Chromium signs in once, then opens the dashboard in a fresh context each time (nothing
/// cached, the session cookie only) and reads the first contentful paint and the moment every figure and chart is
/// on screen (the page's performance mark "portal:figures-ready").
///   dotnet run -c Release --project tests/Platform.Bench -- --portal [--url http://localhost:8080] [--user officer] [--password …] [--runs 10]
/// </summary>
public static class PortalBench
{
    public static async Task<int> RunAsync(string url, string user, string password, int runs)
    {
        var c = CultureInfo.InvariantCulture;
        await Scripts.RunAsync("ensure-packages.sh", TimeSpan.FromMinutes(15), [.. HeadlessChromium.Packages]);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = HeadlessChromium.ExecutablePath,
            Headless = true,
            Args = HeadlessChromium.Arguments,
        });
        var options = new BrowserNewContextOptions { BaseURL = url, ViewportSize = new ViewportSize { Width = 1440, Height = 900 }, Locale = "zh-CN" };

        await using var signIn = await browser.NewContextAsync(options);
        var page = await signIn.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.FillAsync("#user", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.Locator(".dashboard[data-figures-ready=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        var cookies = (await signIn.CookiesAsync())
            .Select(k => new Cookie { Name = k.Name, Value = k.Value, Domain = k.Domain, Path = k.Path, HttpOnly = k.HttpOnly, SameSite = k.SameSite, Secure = k.Secure })
            .ToList();
        var households = await page.InnerTextAsync("[data-figure='households']");
        Console.WriteLine(string.Create(c, $"Portal bench: {url} as {user}, {households} households in scope, {runs} cold loads; {Environment.ProcessorCount} cores"));

        var paints = new List<double>();
        var figures = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            await using var context = await browser.NewContextAsync(options);
            await context.AddCookiesAsync(cookies);
            var cold = await context.NewPageAsync();
            await cold.GotoAsync("/dashboard");
            await cold.Locator(".dashboard[data-figures-ready=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
            var timing = await cold.EvaluateAsync<JsonElement>(
                "() => ({ paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1, figures: performance.getEntriesByName('portal:figures-ready')[0]?.startTime ?? -1 })");
            paints.Add(timing.GetProperty("paint").GetDouble());
            figures.Add(timing.GetProperty("figures").GetDouble());
            Console.WriteLine(string.Create(c, $"  load {i + 1}: first contentful paint {paints[^1]:F0} ms, every figure {figures[^1]:F0} ms"));
        }

        Console.WriteLine(string.Create(c, $"first contentful paint  p50 {Percentiles.Of(paints).P50:F0} ms  p95 {Percentiles.Of(paints).P95:F0} ms  max {paints.Max():F0} ms"));
        Console.WriteLine(string.Create(c, $"every figure on screen  p50 {Percentiles.Of(figures).P50:F0} ms  p95 {Percentiles.Of(figures).P95:F0} ms  max {figures.Max():F0} ms"));
        return Percentiles.Of(figures).P50 < 2000 ? 0 : 1;
    }
}
