using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Households;

namespace Platform.Messaging.Households;

/// <summary>
/// A registered household as a pillar knows it from the registry's events (建档立卡户): its place, its
/// status. The registry owns it; a pillar keeps this copy to place its own records and to scope them.
/// </summary>
public sealed class ReplicaHousehold
{
    public required Guid Id { get; init; }

    public required string HouseholdNumber { get; set; }

    public required string VillageCode { get; set; }

    public required string TownshipCode { get; set; }

    /// <summary>The registry's status (poor, exited, monitored): policies go on after exit (摘帽不摘政策).</summary>
    public HouseholdStatus Status { get; set; }

    public DateTimeOffset? StatusChangedAt { get; set; }

    public DateTimeOffset? MovedAt { get; set; }

    public required DateTimeOffset KnownSince { get; init; }
}

/// <summary>
/// A member of a registered household as the registry announced them. The resident ID number is whole:
/// departmental feeds match their records by it (and the name), inside the caller's scope — never log it.
/// The member carries its household's village and township, so a feed can scope people directly.
/// </summary>
public sealed class ReplicaMember
{
    public required Guid Id { get; init; }

    public required Guid HouseholdId { get; set; }

    public required string IdNumber { get; init; }

    public required string Name { get; set; }

    public required Sex Sex { get; init; }

    public required DateOnly BirthDate { get; init; }

    public required string Relation { get; set; }

    /// <summary>The registry's health code ("healthy", "chronic", "serious", "disabled").</summary>
    public string? Health { get; set; }

    public int? DisabilityGrade { get; set; }

    public string? LabourAbility { get; set; }

    public string? SchoolingStatus { get; set; }

    public required string VillageCode { get; set; }

    public required string TownshipCode { get; set; }

    /// <summary>When the registry removed the member from the household (died, moved out…); null while a member.</summary>
    public DateTimeOffset? LeftAt { get; set; }

    public MemberRemovalReason? LeftReason { get; set; }

    public bool IsCurrent => LeftAt is null;

    /// <summary>Age in whole years on <paramref name="day"/>.</summary>
    public int AgeOn(DateOnly day) => day.Year - BirthDate.Year - (day < BirthDate.AddYears(day.Year - BirthDate.Year) ? 1 : 0);
}

/// <summary>A pillar's DbContext that keeps its copy of the registry's households next to its own tables.</summary>
public interface IHouseholdReplicaDbContext
{
    DbSet<ReplicaHousehold> ReplicaHouseholds { get; }

    DbSet<ReplicaMember> ReplicaMembers { get; }
}

public static class HouseholdReplicaModel
{
    /// <summary>The columns a feed matches people by and scopes them with (see PersonMatching in the service defaults).</summary>
    public static readonly (Expression<Func<ReplicaMember, string>> IdNumber, Expression<Func<ReplicaMember, string>> Name,
        Expression<Func<ReplicaMember, string>> TownshipCode, Expression<Func<ReplicaMember, string>> VillageCode) MemberColumns =
        (m => m.IdNumber, m => m.Name, m => m.TownshipCode, m => m.VillageCode);

    /// <summary>Adds replica_households and replica_members to a pillar's model.</summary>
    public static ModelBuilder AddHouseholdReplica(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<ReplicaHousehold>(household =>
        {
            household.ToTable("replica_households");
            household.HasKey(h => h.Id);
            household.Property(h => h.Id).ValueGeneratedNever();
            household.Property(h => h.HouseholdNumber).HasMaxLength(30);
            household.Property(h => h.VillageCode).HasMaxLength(12);
            household.Property(h => h.TownshipCode).HasMaxLength(9);
            household.HasIndex(h => new { h.TownshipCode, h.VillageCode });
        });
        modelBuilder.Entity<ReplicaMember>(member =>
        {
            member.ToTable("replica_members");
            member.HasKey(m => m.Id);
            member.Property(m => m.Id).ValueGeneratedNever();
            member.Property(m => m.IdNumber).HasMaxLength(18);
            member.Property(m => m.Name).HasMaxLength(50);
            member.Property(m => m.Relation).HasMaxLength(10);
            member.Property(m => m.Health).HasMaxLength(20);
            member.Property(m => m.LabourAbility).HasMaxLength(30);
            member.Property(m => m.SchoolingStatus).HasMaxLength(30);
            member.Property(m => m.VillageCode).HasMaxLength(12);
            member.Property(m => m.TownshipCode).HasMaxLength(9);
            member.Ignore(m => m.IsCurrent);
            member.HasOne<ReplicaHousehold>().WithMany().HasForeignKey(m => m.HouseholdId);
            member.HasIndex(m => m.HouseholdId);
            member.HasIndex(m => m.IdNumber);
            member.HasIndex(m => new { m.TownshipCode, m.VillageCode });
        });
        return modelBuilder;
    }
}
