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
}

/// <summary>
/// The gateway's own database "identity": portal users (ASP.NET Core Identity, for password hashes
/// and lock-out) and the token issuer's clients and tokens (OpenIddict).
/// </summary>
public sealed class IdentityStoreDbContext(DbContextOptions<IdentityStoreDbContext> options)
    : IdentityUserContext<PlatformUser>(options)
{
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
    }
}
