namespace Platform.Households.Registry;

/// <summary>
/// The filters of the household list and of its export (query string: ?number=&amp;name=&amp;township=…); income and
/// incomeYear: households with income of that kind in that year (the detail of the county's income by kind).
/// </summary>
public sealed record HouseholdFilter(
    string? Number, string? Name, string? Township, string? Village, string? Status, string? Cause, string? Type, bool? Paired, string? Monitoring,
    string? Income = null, int? IncomeYear = null);
