using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Platform.Gateway.Identity;

/// <summary>
/// Portal sessions held in the identity database (table portal_sessions): the cookie carries only a
/// random key. Signing out deletes the row, so the cookie is worthless afterwards even if copied;
/// every gateway instance sees the same sessions.
/// </summary>
public sealed class PortalSessionStore(IServiceScopeFactory scopes, TimeProvider clock) : ITicketStore
{
    private static readonly TimeSpan FallbackLifetime = TimeSpan.FromHours(8);

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var now = clock.GetUtcNow();
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>();
        // Forget the sessions that ran out on the way.
        await db.PortalSessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync();
        db.PortalSessions.Add(new PortalSessionRecord
        {
            Key = key,
            UserId = ticket.Principal.FindFirstValue(PortalSessionClaims.UserId) ?? string.Empty,
            Ticket = TicketSerializer.Default.Serialize(ticket),
            CreatedAt = now,
            ExpiresAt = ticket.Properties.ExpiresUtc ?? now + FallbackLifetime,
        });
        await db.SaveChangesAsync();
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var bytes = TicketSerializer.Default.Serialize(ticket);
        var expires = ticket.Properties.ExpiresUtc ?? clock.GetUtcNow() + FallbackLifetime;
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>().PortalSessions
            .Where(s => s.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, bytes).SetProperty(x => x.ExpiresAt, expires));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var ticket = await scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>().PortalSessions.AsNoTracking()
            .Where(s => s.Key == key && s.ExpiresAt > now)
            .Select(s => s.Ticket)
            .SingleOrDefaultAsync();
        return ticket is null ? null : TicketSerializer.Default.Deserialize(ticket);
    }

    public async Task RemoveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>().PortalSessions
            .Where(s => s.Key == key)
            .ExecuteDeleteAsync();
    }

    /// <summary>Ends every session of a user at once (removed or changed in configuration).</summary>
    public static Task<int> EndSessionsOfAsync(IdentityStoreDbContext db, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.PortalSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
    }
}

/// <summary>Claims of a portal session that tie it to the user's record as it was at sign-in.</summary>
public static class PortalSessionClaims
{
    public const string UserId = "uid";

    /// <summary>The user's security stamp at sign-in: a change of role or place, or a removal, changes it.</summary>
    public const string SecurityStamp = "stamp";
}

/// <summary>
/// Checks a session against the user's record every "Identity:SessionRevalidationInterval"
/// (default a minute): a user removed from configuration, or whose role or place changed (its
/// security stamp), loses the session at the next check.
/// </summary>
public static partial class PortalSessionValidation
{
    private const string ValidatedAtItem = ".platform.validated";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.HttpContext.RequestServices;
        var interval = services.GetRequiredService<IOptions<PlatformIdentityOptions>>().Value.SessionRevalidationInterval;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var validatedAt = context.Properties.Items.TryGetValue(ValidatedAtItem, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at
            : context.Properties.IssuedUtc ?? DateTimeOffset.MinValue;
        if (now - validatedAt < interval || context.Principal is not { } principal)
        {
            return;
        }

        var users = services.GetRequiredService<UserManager<PlatformUser>>();
        var user = principal.FindFirstValue(PortalSessionClaims.UserId) is { } id ? await users.FindByIdAsync(id) : null;
        if (user is null || user.DisabledAt is not null
            || !string.Equals(user.SecurityStamp, principal.FindFirstValue(PortalSessionClaims.SecurityStamp), StringComparison.Ordinal))
        {
            LogSessionEnded(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PortalSessionValidation)), principal.FindFirstValue("sub") ?? "?");
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(PortalSession.Scheme);
            return;
        }

        context.Properties.Items[ValidatedAtItem] = now.ToString("O", CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Portal session of {UserName} ended: the user was removed or changed in configuration")]
    private static partial void LogSessionEnded(ILogger logger, string userName);
}
