using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Platform.Gateway.Identity;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Identities follow configuration: demo values never start outside Development; clients and users
/// removed from configuration are disabled and changed users get their new role and place; a session
/// ends on the server when the user signs out, is removed or changes.
/// </summary>
[Collection(PlatformCollection.Name)]
public class IdentityLifecycleScenarios(PlatformFixture platform)
{
    [Fact]
    public async Task A_start_outside_development_refuses_demo_secrets_keys_and_users_and_names_the_settings_not_the_values()
    {
        var demo = new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            ["Identity:Clients:county-office:Secret"] = "county-office-secret",
            ["Identity:Users:admin:Password"] = "Demo-admin-2026",
            ["Identity:Users:admin:DisplayName"] = "县级管理员（演示）",
            ["Identity:SigningKeys:0:KeyId"] = "demo-local-signing-key-1",
        };

        var error = Assert.ThrowsAny<Exception>(() => PlatformFixture.StartGateway(platform.Households, demo));

        var message = string.Join(" / ", Messages(error));
        foreach (var setting in demo.Keys.Where(k => k != "environment"))
        {
            Assert.Contains(setting, message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Demo-admin-2026", message, StringComparison.Ordinal);
        Assert.DoesNotContain("county-office-secret", message, StringComparison.Ordinal);

        // A service too (here: the audit log's demo password in its connection string).
        var infrastructure = await TestInfrastructure.GetAsync();
        var serviceError = Assert.ThrowsAny<Exception>(() => ServiceHost<Households.Program>.Start(new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            ["ConnectionStrings:households"] = infrastructure.PostgresAdminConnectionString,
            ["ConnectionStrings:rabbitmq"] = platform.VirtualHost.ToString(),
            ["ConnectionStrings:audit"] = "Host=127.0.0.1;Database=audit;Username=audit_writer;Password=audit-writer-local-demo-only",
        }));
        Assert.Contains("ConnectionStrings:audit", string.Join(" / ", Messages(serviceError)), StringComparison.Ordinal);

        // The same start with real values goes ahead (a database may well be called "demo…": only passwords count).
        await using var real = PlatformFixture.StartGateway(platform.Households, new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            ["ConnectionStrings:identity"] = await infrastructure.CreateDatabaseAsync("demo_county_identity"),
        });
        Assert.Equal(HttpStatusCode.OK, (await real.CreateHttpClient(token: null).GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Clients_and_users_removed_from_configuration_are_disabled_and_a_changed_user_gets_its_new_place()
    {
        var identity = await (await TestInfrastructure.GetAsync()).CreateDatabaseAsync("e2e_identity_lifecycle");
        var before = new Dictionary<string, string?>
        {
            ["ConnectionStrings:identity"] = identity,
            ["Identity:Clients:temporary-bureau:Secret"] = "temporary-bureau-e2e-secret",
            ["Identity:Clients:temporary-bureau:Role"] = "auditor",
            ["Identity:Clients:temporary-bureau:Scopes:0"] = "registry.read",
            ["Identity:Users:leaver:Role"] = "county-officer",
            ["Identity:Users:leaver:Password"] = PlatformFixture.UserPassword,
            ["Identity:Users:mover:Role"] = "township-officer",
            ["Identity:Users:mover:Township"] = "420325001",
            ["Identity:Users:mover:Password"] = PlatformFixture.UserPassword,
        };
        await using (var first = PlatformFixture.StartGateway(platform.Households, before))
        {
            Assert.NotEmpty(await PlatformFixture.TokenAsync(first, "temporary-bureau"));
            using var leaver = await PortalUser.SignInAsync(first, "leaver");
        }

        var after = new Dictionary<string, string?>(before)
        {
            ["Identity:Clients:temporary-bureau:Secret"] = null,
            ["Identity:Clients:temporary-bureau:Role"] = null,
            ["Identity:Clients:temporary-bureau:Scopes:0"] = null,
            ["Identity:Users:leaver:Role"] = null,
            ["Identity:Users:leaver:Password"] = null,
            ["Identity:Users:mover:Role"] = "village-cadre",
            ["Identity:Users:mover:Township"] = null,
            ["Identity:Users:mover:Village"] = "420325001002",
        };
        await using var second = PlatformFixture.StartGateway(platform.Households, after);

        using var http = second.CreateHttpClient(token: null);
        using var token = await http.PostAsync(new Uri("/connect/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "temporary-bureau", ["client_secret"] = "temporary-bureau-e2e-secret",
        }));
        Assert.False(token.IsSuccessStatusCode, $"a removed client got a token: {(int)token.StatusCode}");
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatusAsync(second, "leaver"));

        using var mover = await PortalUser.SignInAsync(second, "mover");
        var me = JsonDocument.Parse(await mover.GetStringAsync(new Uri("/portal/me", UriKind.Relative))).RootElement;
        Assert.Equal(("village-cadre", "420325001002"), (me.GetProperty("role").GetString(), me.GetProperty("village").GetString()));
        Assert.Equal(JsonValueKind.Null, me.GetProperty("township").ValueKind);
    }

    [Fact]
    public async Task A_session_ends_on_the_server_at_sign_out_so_the_cookie_replayed_afterwards_is_refused()
    {
        var jar = new CookieContainer();
        using var officer = await PortalUser.SignInAsync(platform.Gateway, "officer", cookies: jar);
        var cookie = SessionCookie(jar, platform.Gateway);
        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(platform.Gateway, cookie));

        using var signOut = new HttpRequestMessage(HttpMethod.Post, new Uri("/portal/sign-out", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, (await officer.SendAsync(signOut)).StatusCode);

        // Someone who copied the cookie before the user signed out.
        Assert.Equal(HttpStatusCode.Unauthorized, await WithCookieAsync(platform.Gateway, cookie));
    }

    [Fact]
    public async Task A_user_changed_elsewhere_loses_the_session_at_the_next_revalidation()
    {
        await using var gateway = PlatformFixture.StartGateway(platform.Households, new Dictionary<string, string?>
        {
            ["Identity:SessionRevalidationInterval"] = "00:00:01",
        });
        var jar = new CookieContainer();
        using var township = await PortalUser.SignInAsync(gateway, "township", cookies: jar);
        var cookie = SessionCookie(jar, gateway);
        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(gateway, cookie));

        // Another gateway instance (or an administrator) changes the user's record in the shared store.
        await using (var scope = gateway.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>();
            var user = await users.FindByNameAsync("township");
            user!.Township = "420325002";
            await users.UpdateAsync(user);
            await users.UpdateSecurityStampAsync(user);
        }

        await Eventually.AssertAsync(
            async () => await WithCookieAsync(gateway, cookie) == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(15),
            "the session of the changed user ends");
    }

    private static async Task<HttpStatusCode> SignInStatusAsync(ServiceHost<Gateway.Program> gateway, string userName)
    {
        using var http = gateway.CreateHttpClient(token: null);
        using var response = await http.PostAsJsonAsync(new Uri("/portal/sign-in", UriKind.Relative), new { userName, password = PlatformFixture.UserPassword });
        return response.StatusCode;
    }

    /// <summary>The session cookie's value, as someone who copied it would have it.</summary>
    private static string SessionCookie(CookieContainer jar, ServiceHost<Gateway.Program> gateway) =>
        jar.GetCookies(gateway.HttpAddress)[PortalSession.CookieName]?.Value ?? throw new InvalidOperationException("No session cookie.");

    /// <summary>GET /portal/me with the cookie only (another client: no cookie jar of its own).</summary>
    private static async Task<HttpStatusCode> WithCookieAsync(ServiceHost<Gateway.Program> gateway, string cookie)
    {
        using var http = gateway.CreateHttpClient(token: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/portal/me", UriKind.Relative));
        request.Headers.Add("Cookie", $"{PortalSession.CookieName}={cookie}");
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static IEnumerable<string> Messages(Exception error)
    {
        for (Exception? current = error; current is not null; current = current.InnerException)
        {
            yield return current.Message;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Messages))
                {
                    yield return inner;
                }
            }
        }
    }
}
