using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Tokens and sessions through the gateway against the real services: the tokens that must not work,
/// scopes a client may not ask for, lock-out, sign-in rate limits, forged cross-site forms. Who may do
/// what on every endpoint is <see cref="AccessMatrixTests"/>.
/// </summary>
[Collection(PlatformCollection.Name)]
public class AccessScenarios(PlatformFixture platform)
{
    [Fact]
    public async Task Tokens_that_must_not_work_get_401_or_403_with_problem_details_and_change_nothing()
    {
        var before = await HouseholdCountAsync();
        foreach (var (token, status) in new[]
        {
            (TestTokens.Expired(), HttpStatusCode.Unauthorized),
            (TestTokens.WronglySigned(), HttpStatusCode.Unauthorized),
            (TestTokens.WrongAudience(), HttpStatusCode.Unauthorized),
            (TestTokens.WithoutScopes(), HttpStatusCode.Forbidden),
        })
        {
            using var http = platform.Gateway.CreateHttpClient(token);
            using var response = await http.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative), new { });
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal((int)status, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32());
        }

        using var channel = ServiceHost<Gateway.Program>.CreateGrpcChannel(platform.Gateway.GrpcAddress, token: null);
        var registry = new HouseholdRegistry.HouseholdRegistryClient(channel);
        Assert.Equal(StatusCode.Unauthenticated, await StatusOfAsync(() =>
            registry.ImportVillagesAsync(new ImportVillagesRequest(), new Metadata { { "authorization", $"Bearer {TestTokens.Expired()}" } }).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await StatusOfAsync(() =>
            registry.ImportVillagesAsync(new ImportVillagesRequest(), new Metadata { { "authorization", $"Bearer {TestTokens.WithoutScopes()}" } }).ResponseAsync));
        Assert.Equal(before, await HouseholdCountAsync());
    }

    [Fact]
    public async Task A_department_client_cannot_ask_for_another_pillars_scope()
    {
        using var http = platform.Gateway.CreateHttpClient(token: null);
        using var response = await http.PostAsync(
            new Uri("/connect/token", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "education-bureau",
                ["client_secret"] = "education-bureau-e2e-secret",
                ["scope"] = "education.write welfare.write",
            }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // OpenIddict answers a scope the client is not registered for as invalid_request (its error ID2051).
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("invalid_request", error.GetProperty("error").GetString());
        Assert.Contains("scope", error.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_even_for_the_right_password()
    {
        await using var gateway = PlatformFixture.StartGateway(platform.Households, new Dictionary<string, string?>
        {
            ["Identity:MaxFailedSignIns"] = "3",
        });
        using var portal = gateway.CreateHttpClient(token: null);
        async Task<HttpStatusCode> SignInAsync(string password)
        {
            using var response = await portal.PostAsJsonAsync(new Uri("/portal/sign-in", UriKind.Relative), new { userName = "township", password });
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync("guess-1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync("guess-2"));
        Assert.Equal((HttpStatusCode)423, await SignInAsync("guess-3"));
        Assert.Equal((HttpStatusCode)423, await SignInAsync(PlatformFixture.UserPassword));
    }

    [Fact]
    public async Task Sign_in_attempts_from_one_address_are_rate_limited_whatever_the_user_name()
    {
        await using var gateway = PlatformFixture.StartGateway(platform.Households, new Dictionary<string, string?>
        {
            ["Identity:SignInAttemptsPerMinute"] = "3",
        });
        using var portal = gateway.CreateHttpClient(token: null);
        var statuses = new List<HttpStatusCode>();
        foreach (var user in new[] { "admin", "officer", "village", "auditor" })
        {
            using var response = await portal.PostAsJsonAsync(new Uri("/portal/sign-in", UriKind.Relative), new { userName = user, password = "guess" });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task A_portal_session_cannot_be_used_by_a_forged_cross_site_form()
    {
        using var portal = await SignedInAsync("officer", withPortalHeader: false);
        using var forged = await portal.PostAsync(new Uri("/api/households", UriKind.Relative), new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);

        // Reading is harmless and works; signing out ends the session.
        Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync(new Uri("/portal/me", UriKind.Relative))).StatusCode);
        using var signOut = new HttpRequestMessage(HttpMethod.Post, new Uri("/portal/sign-out", UriKind.Relative));
        signOut.Headers.Add("X-Platform-Portal", "1");
        Assert.Equal(HttpStatusCode.NoContent, (await portal.SendAsync(signOut)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await portal.GetAsync(new Uri("/api/households/figures", UriKind.Relative))).StatusCode);
    }

    private Task<HttpClient> SignedInAsync(string userName, bool withPortalHeader = true) =>
        PortalUser.SignInAsync(platform.Gateway, userName, withPortalHeader: withPortalHeader);

    private async Task<long> HouseholdCountAsync()
    {
        using var http = platform.Gateway.CreateHttpClient(TestTokens.CountyOffice());
        var figures = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/households/figures", UriKind.Relative))).RootElement;
        return figures.GetProperty("households").GetInt64();
    }

    private static async Task<StatusCode> StatusOfAsync<T>(Func<Task<T>> call)
    {
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RpcException error)
        {
            return error.StatusCode;
        }
    }
}
