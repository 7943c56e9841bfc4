namespace Platform.Contracts.People;

/// <summary>
/// Phone numbers are personal data: responses show them masked (138****5678) unless the caller's
/// role needs them whole, the same as resident ID numbers.
/// </summary>
public static class PhoneNumber
{
    /// <summary>Keeps the first three and last four digits of a mobile number, masks the rest; short numbers keep only the last two.</summary>
    public static string? Mask(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return phone;
        }

        return phone.Length >= 11
            ? string.Concat(phone.AsSpan(0, 3), new string('*', phone.Length - 7), phone.AsSpan(phone.Length - 4))
            : phone.Length > 2
                ? string.Concat(new string('*', phone.Length - 2), phone.AsSpan(phone.Length - 2))
                : new string('*', phone.Length);
    }
}
