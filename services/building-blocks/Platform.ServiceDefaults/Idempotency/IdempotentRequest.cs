using Microsoft.EntityFrameworkCore;

namespace Platform.ServiceDefaults.Idempotency;

/// <summary>
/// A POST that creates, remembered by the caller's Idempotency-Key: a retry of the same request gets
/// the first answer again instead of creating a second record.
/// </summary>
[Audit.AuditBookkeeping]
public sealed class IdempotentRequest
{
    public required string ClientId { get; init; }

    public required string Key { get; init; }

    /// <summary>Method, path and a SHA-256 of the body: the same key with another request is refused.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>The first answer's status; committed with the work, so never seen as 0 (except in a claim kept from before).</summary>
    public int StatusCode { get; set; }

    public string? Location { get; set; }

    public string? ResponseBody { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A service's DbContext that remembers idempotent requests.</summary>
public interface IIdempotencyDbContext
{
    DbSet<IdempotentRequest> IdempotentRequests { get; }
}

public static class IdempotencyModel
{
    public static ModelBuilder AddIdempotentRequests(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<IdempotentRequest>(request =>
        {
            request.ToTable("idempotent_requests");
            request.HasKey(r => new { r.ClientId, r.Key });
            request.Property(r => r.ClientId).HasColumnName("client_id").HasMaxLength(200);
            request.Property(r => r.Key).HasColumnName("key").HasMaxLength(IdempotencyEndpoints.MaxKeyLength);
            request.Property(r => r.Fingerprint).HasColumnName("fingerprint").HasMaxLength(600);
            request.Property(r => r.StatusCode).HasColumnName("status_code");
            request.Property(r => r.Location).HasColumnName("location").HasMaxLength(500);
            request.Property(r => r.ResponseBody).HasColumnName("response_body");
            request.Property(r => r.CreatedAt).HasColumnName("created_at");
        });
        return modelBuilder;
    }
}
