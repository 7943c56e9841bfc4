using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Text.Json;
using Platform.Gateway.Identity;
using Platform.ServiceDefaults.Audit;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>Portal sign-in: what a wrong guess costs and tells.</summary>
[Collection(PlatformCollection.Name)]
public class SignInScenarios(PlatformFixture platform)
{
    [Fact]
    public async Task An_unknown_user_name_is_refused_like_a_wrong_password_with_a_password_hash_computed_all_the_same()
    {
        var hasher = new CountingPasswordHasher();
        await using var gateway = PlatformFixture.StartGateway(
            platform.Households,
            configureServices: services => services.Replace(ServiceDescriptor.Singleton<IPasswordHasher<PlatformUser>>(hasher)));
        using var portal = gateway.CreateHttpClient(token: null);
        async Task<(int Checks, HttpStatusCode Status, string Body)> SignInAsync(string userName)
        {
            var before = hasher.Verifications;
            using var response = await portal.PostAsJsonAsync(new Uri("/portal/sign-in", UriKind.Relative), new { userName, password = "a-wrong-guess-2026" });
            var body = await response.Content.ReadAsStringAsync();
            return (hasher.Verifications - before, response.StatusCode, body[..body.IndexOf("\"traceId\"", StringComparison.Ordinal)]);
        }

        var wrongPassword = await SignInAsync("officer");
        var unknownUser = await SignInAsync("no-such-officer");

        Assert.Equal((1, HttpStatusCode.Unauthorized), (wrongPassword.Checks, wrongPassword.Status));
        Assert.Equal(wrongPassword, unknownUser);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes_as_configured_by_default()
    {
        // The identities of every test gateway, and nothing else: lock-out as a deployment gets it.
        await using var gateway = PlatformFixture.StartGateway(platform.Households);
        using var portal = gateway.CreateHttpClient(token: null);
        async Task<HttpStatusCode> SignInAsync(string password)
        {
            using var response = await portal.PostAsJsonAsync(new Uri("/portal/sign-in", UriKind.Relative), new { userName = "township", password });
            return response.StatusCode;
        }

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            statuses.Add(await SignInAsync($"wrong-guess-{attempt}"));
        }

        var lockedAt = DateTimeOffset.UtcNow;
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), (HttpStatusCode)423], statuses);
        Assert.Equal((HttpStatusCode)423, await SignInAsync(PlatformFixture.UserPassword));

        await using var scope = gateway.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>();
        var lockedUntil = await users.GetLockoutEndDateAsync((await users.FindByNameAsync("township"))!);
        Assert.NotNull(lockedUntil);
        Assert.InRange(lockedUntil.Value - lockedAt, TimeSpan.FromMinutes(14.5), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task A_refused_sign_in_or_token_request_is_audited_under_the_account_it_tried()
    {
        var audit = await AuditDatabase.SharedAsync();
        using var portal = platform.Gateway.CreateHttpClient(token: null);
        async Task<AuditEntry> SignInAsync(string userName)
        {
            using var response = await portal.PostAsJsonAsync(new Uri("/portal/sign-in", UriKind.Relative), new { userName, password = "a-wrong-guess-2026" });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var traceId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("traceId").GetString()!;
            return await audit.SingleEntryOfTraceAsync(traceId);
        }

        var wrongPassword = await SignInAsync("auditor");
        Assert.Equal(("auditor", AuditOutcomes.Refused, 401), (wrongPassword.Subject, wrongPassword.Outcome, wrongPassword.OutcomeStatus));
        var unknownName = "nobody-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(unknownName, (await SignInAsync(unknownName)).Subject);

        var clientId = "probe-" + Guid.NewGuid().ToString("N")[..8];
        using var token = await portal.PostAsync(new Uri("/connect/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = "a-wrong-guess-2026",
        }));
        Assert.False(token.IsSuccessStatusCode);
        var refusal = await Eventually.ReturnsAsync(
            async () => (await audit.EntriesAsync($"subject = '{clientId}'")).SingleOrDefault(),
            TimeSpan.FromSeconds(10),
            "the refused token request is in the audit log under the client it named");
        Assert.Equal(("POST /connect/token", AuditOutcomes.Refused), (refusal.Action, refusal.Outcome));
    }

    /// <summary>The platform's password hasher, counting the passwords it checks.</summary>
    private sealed class CountingPasswordHasher : IPasswordHasher<PlatformUser>
    {
        private readonly PasswordHasher<PlatformUser> inner = new();
        private int verifications;

        public int Verifications => Volatile.Read(ref verifications);

        public string HashPassword(PlatformUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(PlatformUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
