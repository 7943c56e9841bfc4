namespace Platform.Testing;

/// <summary>How the portal's tests and the bench start Debian's Chromium (headless, no GPU, nothing fetched from elsewhere).</summary>
public static class HeadlessChromium
{
    /// <summary>
    /// Debian's chromium-headless-shell (the old headless mode, as Playwright's own headless default): the full browser in
    /// its new headless mode keeps a browser window's machinery per context (its display compositor, WebUI pages). Side by
    /// side on the portal's 38 tests (2026-12-04, 2 cores) the shell took 201 CPU-s, the full browser 246.
    /// <c>PLATFORM_CHROMIUM=/usr/bin/chromium</c> runs the full browser instead (install the chromium package).
    /// </summary>
    public static readonly string ExecutablePath = Environment.GetEnvironmentVariable("PLATFORM_CHROMIUM") is { Length: > 0 } chosen
        ? chosen
        : "/usr/bin/chromium-headless-shell";

    /// <summary>The Debian packages that give <see cref="ExecutablePath"/> and the Chinese font every county PC has (tests/run.sh lists them too).</summary>
    public static readonly IReadOnlyList<string> Packages = ["chromium-headless-shell", "fonts-wqy-microhei"];

    /// <summary>
    /// The full Chromium opens a window per browser context, and each window loads the address bar's suggestion popup
    /// as a page of its own (chrome://omnibox-popup.top-chrome, a WebUI renderer): about a second of CPU beside every
    /// cold load on two cores (seen in a trace, PLATFORM_PORTAL_TRACE=1). Chromium 156 loads a second such popup for its
    /// AI mode (chrome://omnibox-popup.top-chrome/omnibox_popup_aim.html): 9–12 CPU-s of the 128 Chromium spent on 14
    /// portal tests, measured by process type (2026-12-03). Both are off, for a run with the full browser; the headless
    /// shell has no address bar.
    /// </summary>
    public static readonly IReadOnlyList<string> Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup",
    ];
}
