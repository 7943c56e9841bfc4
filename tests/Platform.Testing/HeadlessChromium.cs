namespace Platform.Testing;

/// <summary>How the portal's tests and the bench start Debian's Chromium (headless, no GPU, nothing fetched from elsewhere).</summary>
public static class HeadlessChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>
    /// The full Chromium opens a window per browser context, and each window loads the address bar's suggestion popup
    /// as a page of its own (chrome://omnibox-popup.top-chrome, a WebUI renderer): about a second of CPU beside every
    /// cold load on two cores (seen in a trace, PLATFORM_PORTAL_TRACE=1). A headless browser shows no address bar: the
    /// popup is left out, as in Playwright's own headless shell. Chromium 156 loads a second such popup for its AI mode
    /// (chrome://omnibox-popup.top-chrome/omnibox_popup_aim.html): 9–12 CPU-s of the 128 Chromium spent on 14 portal
    /// tests, measured by process type (2026-12-03); its feature is off too.
    /// </summary>
    public static readonly IReadOnlyList<string> Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup",
    ];
}
