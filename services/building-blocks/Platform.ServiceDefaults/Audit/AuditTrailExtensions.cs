using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults.Audit;

public static class AuditTrailExtensions
{
    /// <summary>
    /// Records an unmasked read of personal data (a whole ID number, a phone number) BEFORE the data
    /// is revealed: who, role, client, source address and trace id from <paramref name="context"/>;
    /// action "REVEAL GET /api/…" (the endpoint's method and route pattern). Throws when the entry
    /// cannot be written, so the caller never reveals what was not recorded.
    /// </summary>
    /// <param name="resource">What is revealed ("member").</param>
    /// <param name="resourceId">Which one: a GUID or a code, never the ID number itself.</param>
    /// <param name="detail">What was shown ("id-number"), for people; no personal data.</param>
    public static Task RecordRevealAsync(
        this IAuditTrail trail,
        HttpContext context,
        string resource,
        string? resourceId,
        string? detail = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trail);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(resource);
        var (subject, role, clientId) = AuditContext.Caller(context);
        var clock = context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        return trail.RecordAsync(
            new AuditRecord
            {
                At = clock.GetUtcNow(),
                Subject = subject,
                Role = role,
                ClientId = clientId,
                Action = RevealPrefix + AuditContext.Action(context, context.GetEndpoint()),
                Resource = resource,
                ResourceId = resourceId,
                OutcomeStatus = StatusCodes.Status200OK,
                Outcome = AuditOutcomes.Succeeded,
                SourceAddress = AuditContext.SourceAddress(context),
                TraceId = AuditContext.TraceId(context),
                Detail = detail,
            },
            cancellationToken);
    }

    /// <summary>
    /// Names the account a call tries to act as before it has proven it (the user name of a sign-in,
    /// the client id of a token request): if the call is refused, the audit log names that account
    /// instead of "anonymous". Cut to 64 characters.
    /// </summary>
    public static void NameAccountTried(this HttpContext context, string account)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!string.IsNullOrWhiteSpace(account))
        {
            var name = account.Trim();
            context.Features.Set(new AuditContext.AccountTried(AuditText.Scrub(name.Length <= 64 ? name : name[..64])));
        }
    }

    /// <summary>The action of an unmasked read starts with it: search with action=REVEAL.</summary>
    public const string RevealPrefix = "REVEAL ";
}
