using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Platform.Contracts.Grpc.Education.V1;
using Platform.Contracts.Grpc.Households.V1;
using Platform.DemoCounty.Cli;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Who may do what, through the gateway against the real services: every role (signed in to the
/// portal for REST, its bearer token for gRPC) and the departments' clients (client credentials from
/// /connect/token) against every endpoint group; and the tokens that must not work.
/// </summary>
public class AccessScenarios(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private const string Allowed = "allowed";
    private const string Denied = "denied";

    /// <summary>REST endpoint groups: a call that reaches the endpoint (any status but 401/403) or is refused (403).</summary>
    private static readonly (string Group, HttpMethod Method, string Path)[] RestGroups =
    [
        ("registry read", HttpMethod.Get, "/api/households/figures"),
        ("registry write", HttpMethod.Post, "/api/households"),
        ("education read", HttpMethod.Get, "/api/education/students"),
        ("education write", HttpMethod.Post, "/api/education/dropouts"),
        ("industry read", HttpMethod.Get, "/api/industry/links"),
        ("industry write", HttpMethod.Post, "/api/industry/links"),
        ("audit log", HttpMethod.Get, "/api/audit?pageSize=1"),
    ];

    /// <summary>Expected outcome per caller, in the order of <see cref="RestGroups"/>.</summary>
    private static readonly Dictionary<string, string[]> RestMatrix = new()
    {
        ["admin"] = [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed],
        ["officer"] = [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Denied],
        ["township"] = [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Denied],
        ["village"] = [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Denied],
        ["education"] = [Allowed, Denied, Allowed, Allowed, Denied, Denied, Denied],
        ["auditor"] = [Allowed, Denied, Allowed, Denied, Allowed, Denied, Allowed],
        ["client:county-office"] = [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed],
        ["client:education-bureau"] = [Allowed, Denied, Allowed, Allowed, Denied, Denied, Denied],
        ["client:industry-bureau"] = [Allowed, Denied, Denied, Denied, Allowed, Allowed, Denied],
    };

    [Fact]
    public async Task Every_role_and_department_client_gets_exactly_its_rights_on_every_rest_endpoint_group()
    {
        var mismatches = new List<string>();
        foreach (var (caller, expected) in RestMatrix)
        {
            using var http = await ClientForAsync(caller);
            for (var i = 0; i < RestGroups.Length; i++)
            {
                var (group, method, path) = RestGroups[i];
                using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
                if (method == HttpMethod.Post)
                {
                    request.Content = JsonContent.Create(new { });
                }

                using var response = await http.SendAsync(request);
                var actual = response.StatusCode switch
                {
                    HttpStatusCode.Unauthorized => "unauthenticated",
                    HttpStatusCode.Forbidden => Denied,
                    _ => Allowed,
                };
                if (actual != expected[i])
                {
                    mismatches.Add($"{caller} × {group}: expected {expected[i]}, got {(int)response.StatusCode}");
                }

                if (actual == Denied)
                {
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                }
            }
        }

        Assert.Empty(mismatches);
    }

    /// <summary>gRPC groups: county-level import, registry read, the education bureau's school rolls.</summary>
    private static readonly Dictionary<string, (bool Import, bool Read, bool SchoolRolls)> GrpcMatrix = new()
    {
        ["county-admin"] = (true, true, true),
        ["county-officer"] = (true, true, true),
        ["township-officer"] = (false, true, true),
        ["village-cadre"] = (false, true, true),
        ["department-officer"] = (false, true, true),
        ["auditor"] = (false, true, false),
        ["client:county-office"] = (true, true, true),
        ["client:education-bureau"] = (false, true, true),
        ["client:industry-bureau"] = (false, true, false),
    };

    [Fact]
    public async Task Every_role_and_department_client_gets_exactly_its_rights_over_grpc()
    {
        using var channel = ServiceHost<Gateway.Program>.CreateGrpcChannel(platform.Gateway.GrpcAddress, token: null);
        var registry = new HouseholdRegistry.HouseholdRegistryClient(channel);
        var schoolRolls = new SchoolRolls.SchoolRollsClient(channel);
        var mismatches = new List<string>();
        foreach (var (caller, expected) in GrpcMatrix)
        {
            var token = caller.StartsWith("client:", StringComparison.Ordinal)
                ? await ClientTokenAsync(caller["client:".Length..])
                : TestTokens.ForRole(
                    caller,
                    township: caller == "township-officer" ? PlatformFixture.Township : null,
                    village: caller == "village-cadre" ? PlatformFixture.Village : null,
                    pillar: caller == "department-officer" ? "education" : null);
            var headers = new Metadata { { "authorization", $"Bearer {token}" } };

            var import = await StatusOfAsync(() => registry.ImportVillagesAsync(new ImportVillagesRequest(), headers).ResponseAsync);
            var read = await StatusOfAsync(() => registry.GetHouseholdAsync(new GetHouseholdRequest { HouseholdNumber = "420325099999000001" }, headers).ResponseAsync);
            var rolls = await StatusOfAsync(async () =>
            {
                using var call = schoolRolls.ImportSchoolRolls(headers);
                await call.RequestStream.CompleteAsync();
                return await call.ResponseAsync;
            });
            foreach (var (group, allowed, status) in new[] { ("import", expected.Import, import), ("read", expected.Read, read), ("school rolls", expected.SchoolRolls, rolls) })
            {
                var expectedStatus = allowed ? "reached" : nameof(StatusCode.PermissionDenied);
                var actual = status is StatusCode.PermissionDenied or StatusCode.Unauthenticated ? status.ToString() : "reached";
                if (actual != expectedStatus)
                {
                    mismatches.Add($"{caller} × {group}: expected {expectedStatus}, got {status}");
                }
            }
        }

        Assert.Empty(mismatches);
    }

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

    private async Task<HttpClient> ClientForAsync(string caller) => caller.StartsWith("client:", StringComparison.Ordinal)
        ? platform.Gateway.CreateHttpClient(await ClientTokenAsync(caller["client:".Length..]))
        : await SignedInAsync(caller);

    private async Task<string> ClientTokenAsync(string clientId)
    {
        using var http = platform.Gateway.CreateHttpClient(token: null);
        var secret = clientId == "county-office" ? PlatformFixture.DemoClientSecret : clientId + "-e2e-secret";
        return await GatewayClient.GetClientCredentialsTokenAsync(
            http, new Uri(platform.Gateway.HttpAddress, "/connect/token"), clientId, secret, CancellationToken.None);
    }

    private Task<HttpClient> SignedInAsync(string userName, bool withPortalHeader = true) =>
        PortalUser.SignInAsync(platform.Gateway, userName, withPortalHeader);

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
