using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Gateway.Identity;

namespace Platform.EndToEnd.Tests;

/// <summary>Portal sign-in: what a wrong guess costs and tells.</summary>
public class SignInScenarios(PlatformFixture platform) : IClassFixture<PlatformFixture>
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
