namespace Platform.Welfare.Domain;

/// <summary>A record of one household (and so of its place): the caller's data scope applies through the household.</summary>
public interface IHouseholdRecord
{
    Guid HouseholdId { get; }
}
