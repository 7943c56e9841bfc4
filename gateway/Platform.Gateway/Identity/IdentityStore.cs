using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Platform.Gateway.Identity;

/// <summary>A portal user (县乡村干部、部门人员、审计): a role and, where the role needs one, a place or a pillar.</summary>
public sealed class PlatformUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;

    /// <summary>乡镇代码 (9 digits) of a township officer.</summary>
    public string? Township { get; set; }

    /// <summary>村代码 (12 digits) of a village cadre.</summary>
    public string? Village { get; set; }

    /// <summary>The pillar of a department officer (education, welfare…).</summary>
    public string? Pillar { get; set; }

    /// <summary>When the user was taken out of the configuration: it can no longer sign in, and its sessions end.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
}

/// <summary>
/// A signed-in portal session, held on the server: the browser's cookie carries only its key, so
/// signing out (deleting the row) ends it for good, and a copied cookie is worth nothing afterwards.
/// </summary>
public sealed class PortalSessionRecord
{
    public string Key { get; set; } = string.Empty;

    public string UserId { get; set; } = string.Empty;

    /// <summary>The serialized authentication ticket (claims and properties; no secret).</summary>
    public byte[] Ticket { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>
/// The gateway's own database "identity": portal users (ASP.NET Core Identity, for password hashes
/// and lock-out) and the token issuer's clients and tokens (OpenIddict).
/// </summary>
public sealed class IdentityStoreDbContext(DbContextOptions<IdentityStoreDbContext> options)
    : IdentityUserContext<PlatformUser>(options)
{
    public DbSet<PortalSessionRecord> PortalSessions => Set<PortalSessionRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.Entity<PlatformUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(50);
            user.Property(u => u.Role).HasMaxLength(30);
            user.Property(u => u.Township).HasMaxLength(9);
            user.Property(u => u.Village).HasMaxLength(12);
            user.Property(u => u.Pillar).HasMaxLength(20);
        });
        builder.Entity<PortalSessionRecord>(session =>
        {
            session.ToTable("portal_sessions");
            session.HasKey(s => s.Key);
            session.Property(s => s.Key).HasMaxLength(64);
            session.Property(s => s.UserId).HasMaxLength(450);
            session.HasIndex(s => s.UserId);
            session.HasIndex(s => s.ExpiresAt);
        });
    }
}
