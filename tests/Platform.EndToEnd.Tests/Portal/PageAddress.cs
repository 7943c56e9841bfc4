using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Platform.EndToEnd.Tests.Portal;

/// <summary>Where the portal went after a click: the page's address, asked of the page until it matches.</summary>
public static class PageAddress
{
    /// <summary>
    /// Waits until the page's address matches. Not WaitForURLAsync: it checks the address, then subscribes to
    /// navigations, so the router's pushState landing between the two (a lazy page's chunk loaded just then) is never
    /// seen and the wait times out on a page that is already there.
    /// </summary>
    public static Task WaitForAddressAsync(this IPage page, Regex address) =>
        Assertions.Expect(page).ToHaveURLAsync(address, new PageAssertionsToHaveURLOptions { Timeout = 30_000 });

    // The patterns run in the page (JavaScript RegExp): no .NET-only options.

    /// <summary>An address ending in this path (and query), as a pattern.</summary>
    public static Regex EndingIn(string pathAndQuery) => new(Regex.Escape(pathAndQuery) + "$");

    /// <summary>An address holding each of these texts somewhere, as a pattern.</summary>
    public static Regex Holding(params string[] texts) =>
        new(string.Concat(texts.Select(t => "(?=.*" + Regex.Escape(t) + ")")));

    /// <summary>An address of exactly this path, whatever its query, as a pattern.</summary>
    public static Regex AtPath(string path) => new("^[a-z]+://[^/]+" + Regex.Escape(path) + "([?#]|$)");
}
