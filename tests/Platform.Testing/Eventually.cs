using System.Diagnostics;
using Xunit.Sdk;

namespace Platform.Testing;

/// <summary>
/// Bounded waits for something that becomes true asynchronously (a message consumed, a row
/// written): polls about every 50 ms until it holds or the timeout passes. Use this instead of
/// fixed sleeps. An exception thrown by the probe counts as "not yet" and is reported as the
/// inner exception if the wait times out.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly object Found = new();

    /// <summary>Waits until <paramref name="condition"/> returns true.</summary>
    /// <exception cref="XunitException">The condition did not hold within <paramref name="timeout"/>.</exception>
    public static async Task AssertAsync(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        ArgumentNullException.ThrowIfNull(condition);
        await ReturnsAsync<object>(async () => await condition() ? Found : null, timeout, because);
    }

    /// <summary>Waits until <paramref name="probe"/> returns something other than null, and returns it.</summary>
    /// <exception cref="XunitException">The probe returned only null within <paramref name="timeout"/>.</exception>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string because)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        var clock = Stopwatch.StartNew();
        var attempts = 0;
        Exception? lastError = null;
        while (true)
        {
            attempts++;
            try
            {
                var result = await probe();
                if (result is not null)
                {
                    return result;
                }

                lastError = null;
            }
#pragma warning disable CA1031 // A failing probe means "not yet"; the last failure is reported below.
            catch (Exception error)
#pragma warning restore CA1031
            {
                lastError = error;
            }

            if (clock.Elapsed >= timeout)
            {
                var message = $"Timed out after {timeout.TotalSeconds:0.###} s ({attempts} attempts) waiting until {because}";
                throw lastError is null
                    ? new XunitException(message)
                    : new XunitException($"{message}; last attempt threw {lastError.GetType().Name}: {lastError.Message}", lastError);
            }

            var remaining = timeout - clock.Elapsed;
            await Task.Delay(remaining < PollInterval ? remaining : PollInterval);
        }
    }
}
