namespace Platform.DemoCounty.Tests;

/// <summary>The loader's progress arithmetic; the loader itself runs against the real gateway in the end-to-end tests.</summary>
public sealed class LoaderTests
{
    [Fact]
    public void Progress_computes_rate_and_eta()
    {
        var progress = new LoadProgress(1_000, 4_000, TimeSpan.FromSeconds(2), false);
        Assert.Equal(0.25, progress.Fraction);
        Assert.Equal(500, progress.RatePerSecond);
        Assert.Equal(TimeSpan.FromSeconds(6), progress.EstimatedRemaining);
        Assert.Null(new LoadProgress(0, 10, TimeSpan.Zero, false).EstimatedRemaining);
        Assert.Contains("25.0%", Cli.ConsoleLoadProgress.Format(progress), StringComparison.Ordinal);
    }
}
