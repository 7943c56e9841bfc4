using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace Platform.Gateway.Identity;

/// <summary>
/// Registers the configured clients (created or brought up to date, secret included) and creates the
/// configured portal users that do not exist yet, once the identity database is migrated.
/// </summary>
public sealed partial class IdentitySeeder(
    IServiceProvider services, IOptions<PlatformIdentityOptions> options, ILogger<IdentitySeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var (clientId, client) in options.Value.Clients)
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

        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>();
        var created = 0;
        foreach (var (userName, registration) in options.Value.Users)
        {
            if (await users.FindByNameAsync(userName) is not null)
            {
                continue;
            }

            var user = new PlatformUser
            {
                UserName = userName,
                DisplayName = registration.DisplayName,
                Role = registration.Role,
                Township = registration.Township,
                Village = registration.Village,
                Pillar = registration.Pillar,
                LockoutEnabled = true,
            };
            var result = await users.CreateAsync(user, registration.Password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(
                    $"Portal user '{userName}' could not be created: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            }

            created++;
        }

        LogSeeded(options.Value.Clients.Count, created);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Identity: {Clients} clients registered, {Users} portal users created")]
    private partial void LogSeeded(int clients, int users);
}
