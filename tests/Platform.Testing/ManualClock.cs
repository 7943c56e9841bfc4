namespace Platform.Testing;

/// <summary>
/// A clock the test moves: "now" starts where the test says and goes forward only when the test advances it
/// (months in a line of code). Timers are the system's, so a host's background work keeps running.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref ticks, by.Ticks);
    }
}
