using System.Net;
using System.Net.Http.Json;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>A browser-like client signed in to the portal: the session cookie, and the portal's header on every call.</summary>
public static class PortalUser
{
    /// <summary>Where the portal's sign-in page sends the user's name and password.</summary>
    public const string SignInPath = "/portal/sign-in";

    /// <summary>The header the portal sends on every call of its session (the gateway refuses a session's call without it).</summary>
    public const string Header = "X-Platform-Portal";

    /// <param name="cookies">The browser's cookie jar, when the test looks into it.</param>
    public static async Task<HttpClient> SignInAsync(
        ServiceHost<Gateway.Program> gateway, string userName, bool withPortalHeader = true, CookieContainer? cookies = null)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer() }) { BaseAddress = gateway.HttpAddress };
        if (withPortalHeader)
        {
            http.DefaultRequestHeaders.Add(Header, "1");
        }

        using var response = await http.PostAsJsonAsync(
            new Uri(SignInPath, UriKind.Relative), new { userName, password = PlatformFixture.UserPassword });
        Assert.True(response.IsSuccessStatusCode, $"{userName} could not sign in: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return http;
    }
}
