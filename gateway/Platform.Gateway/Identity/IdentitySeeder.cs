using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace Platform.Gateway.Identity;

/// <summary>
/// Brings the identity database in line with configuration once it is migrated: configured clients
/// are created or brought up to date (secret included); clients no longer configured are disabled
/// (no permission left, so /connect/token refuses them). Configured portal users are created when
/// missing (the password is set only then) and otherwise get their configured role, place and name;
/// users no longer configured are disabled. A user disabled or changed loses its sessions at once.
/// </summary>
public sealed partial class IdentitySeeder(
    IServiceProvider services, IOptions<PlatformIdentityOptions> options, TimeProvider clock, ILogger<IdentitySeeder> logger) : IHostedService
{
    private const string DisabledProperty = "disabled";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var (clients, clientsDisabled) = await SeedClientsAsync(scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>(), cancellationToken);
        var (created, changed, usersDisabled) = await SeedUsersAsync(
            scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>(),
            scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>(),
            cancellationToken);
        LogSeeded(clients, clientsDisabled, created, changed, usersDisabled);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<(int Configured, int Disabled)> SeedClientsAsync(IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var configured = options.Value.Clients;
        foreach (var (clientId, client) in configured)
        {
            var descriptor = TokenIssuer.Describe(clientId, client);
            if (await applications.FindByClientIdAsync(clientId, cancellationToken) is { } existing)
            {
                await applications.UpdateAsync(existing, descriptor, cancellationToken);
            }
            else
            {
                await applications.CreateAsync(descriptor, cancellationToken);
            }
        }

        var disabled = 0;
        var stale = new List<object>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
        {
            if (await applications.GetClientIdAsync(application, cancellationToken) is not { } clientId || !configured.ContainsKey(clientId))
            {
                stale.Add(application);
            }
        }

        foreach (var application in stale)
        {
            var descriptor = new OpenIddictApplicationDescriptor();
            await applications.PopulateAsync(descriptor, application, cancellationToken);
            if (descriptor.Permissions.Count == 0)
            {
                continue;
            }

            // Kept (its id stays taken, the audit log still names it) but allowed nothing.
            descriptor.Permissions.Clear();
            descriptor.Properties[DisabledProperty] = JsonSerializer.SerializeToElement(true);
            await applications.UpdateAsync(application, descriptor, cancellationToken);
            LogClientDisabled(descriptor.ClientId ?? "?");
            disabled++;
        }

        return (configured.Count, disabled);
    }

    private async Task<(int Created, int Changed, int Disabled)> SeedUsersAsync(
        UserManager<PlatformUser> users, IdentityStoreDbContext db, CancellationToken cancellationToken)
    {
        var configured = options.Value.Users;
        int created = 0, changed = 0, disabled = 0;
        foreach (var (userName, registration) in configured)
        {
            if (await users.FindByNameAsync(userName) is { } user)
            {
                if (Apply(user, registration))
                {
                    Succeeded(await users.UpdateAsync(user), userName);
                    // The sessions it had were signed in with the old role or place.
                    Succeeded(await users.UpdateSecurityStampAsync(user), userName);
                    await PortalSessionStore.EndSessionsOfAsync(db, user.Id, cancellationToken);
                    LogUserChanged(userName);
                    changed++;
                }

                continue;
            }

            user = new PlatformUser { UserName = userName, LockoutEnabled = true };
            Apply(user, registration);
            Succeeded(await users.CreateAsync(user, registration.Password), userName);
            created++;
        }

        var now = clock.GetUtcNow();
        var stale = await users.Users.Where(u => u.DisabledAt == null).ToListAsync(cancellationToken);
        foreach (var user in stale.Where(u => u.UserName is null || !configured.ContainsKey(u.UserName)))
        {
            user.DisabledAt = now;
            Succeeded(await users.UpdateAsync(user), user.UserName ?? "?");
            Succeeded(await users.UpdateSecurityStampAsync(user), user.UserName ?? "?");
            await PortalSessionStore.EndSessionsOfAsync(db, user.Id, cancellationToken);
            LogUserDisabled(user.UserName ?? "?");
            disabled++;
        }

        return (created, changed, disabled);
    }

    /// <summary>Gives the user its configured name, role and place (and enables it); whether anything changed.</summary>
    private static bool Apply(PlatformUser user, UserRegistration registration)
    {
        var changed = user.DisplayName != registration.DisplayName || user.Role != registration.Role
            || user.Township != Blank(registration.Township) || user.Village != Blank(registration.Village)
            || user.Pillar != Blank(registration.Pillar) || user.DisabledAt is not null;
        user.DisplayName = registration.DisplayName;
        user.Role = registration.Role;
        user.Township = Blank(registration.Township);
        user.Village = Blank(registration.Village);
        user.Pillar = Blank(registration.Pillar);
        user.DisabledAt = null;
        return changed;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static void Succeeded(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Portal user '{userName}' could not be saved: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Identity: {Clients} clients registered, {ClientsDisabled} disabled; portal users {Created} created, {Changed} changed, {UsersDisabled} disabled")]
    private partial void LogSeeded(int clients, int clientsDisabled, int created, int changed, int usersDisabled);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Identity: client {ClientId} is no longer configured and is disabled")]
    private partial void LogClientDisabled(string clientId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Identity: portal user {UserName} is no longer configured and is disabled; its sessions ended")]
    private partial void LogUserDisabled(string userName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Identity: portal user {UserName} has a new role, place or name; its sessions ended")]
    private partial void LogUserChanged(string userName);
}
