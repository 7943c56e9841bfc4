using Platform.DemoCounty.Cli;

namespace Platform.DemoCounty.Tests;

public sealed class CliArgumentsTests
{
    [Fact]
    public void Load_takes_its_options_in_both_forms()
    {
        var args = CliArguments.Parse(
        [
            "load", "--grpc", "http://registry:8081", "--token-url=http://gateway:8080/connect/token",
            "--client-id", "x", "--client-secret", "y", "--scale", "0.25", "--seed=7", "--wait",
        ]);

        Assert.Equal("load", args.Command);
        Assert.Equal(new Uri("http://registry:8081"), args.Grpc);
        Assert.Equal(new Uri("http://gateway:8080/connect/token"), args.TokenUrl);
        Assert.Equal("x", args.ClientId);
        Assert.Equal("y", args.ClientSecret);
        Assert.Equal(0.25, args.Scale);
        Assert.Equal(7, args.Seed);
        Assert.True(args.Wait);
    }

    [Fact]
    public void Defaults_are_the_local_setup()
    {
        var args = CliArguments.Parse(["stats"]);
        Assert.Equal(1.0, args.Scale);
        Assert.Equal(2020, args.Seed);
        Assert.Equal(new Uri("http://localhost:8081"), args.Grpc);
        Assert.Equal("county-office", args.ClientId);
        Assert.False(args.Wait);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("load", "--scale", "0")]
    [InlineData("load", "--scale", "2")]
    [InlineData("load", "--seed", "abc")]
    [InlineData("load", "--grpc")]
    [InlineData("load", "--grpc", "localhost:8081")]
    [InlineData("load", "--bogus", "1")]
    [InlineData("load", "stray")]
    [InlineData("load", "--wait=yes")]
    public void Bad_command_lines_are_refused(params string[] args) =>
        Assert.Throws<CliUsageException>(() => CliArguments.Parse(args));

    [Fact]
    public void Help_is_the_default()
    {
        Assert.Equal("help", CliArguments.Parse([]).Command);
        Assert.Equal("help", CliArguments.Parse(["load", "--help"]).Command);
    }

    [Fact]
    public void Readiness_is_probed_at_the_token_url_origin() =>
        Assert.Equal(
            new Uri("http://gateway:8080/health/ready"),
            GatewayClient.ReadinessUrl(new Uri("http://gateway:8080/connect/token")));
}

public sealed class ConsoleLoadProgressTests
{
    [Fact]
    public void Plain_output_writes_a_line_every_interval_and_at_the_end()
    {
        using var output = new StringWriter();
        var progress = new ConsoleLoadProgress(output, interactive: false) { PlainInterval = TimeSpan.FromSeconds(5) };
        progress.Report(new LoadProgress(0, 100, TimeSpan.Zero, false));
        progress.Report(new LoadProgress(10, 100, TimeSpan.FromSeconds(1), false));
        progress.Report(new LoadProgress(60, 100, TimeSpan.FromSeconds(6), false));
        progress.Report(new LoadProgress(100, 100, TimeSpan.FromSeconds(7), true));

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("100.0%", lines[^1], StringComparison.Ordinal);
        Assert.Contains("done", lines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain('\r', output.ToString());
    }

    [Fact]
    public void A_terminal_gets_one_updating_line()
    {
        using var output = new StringWriter();
        var progress = new ConsoleLoadProgress(output, interactive: true);
        progress.Report(new LoadProgress(10, 100, TimeSpan.FromSeconds(1), false));
        progress.Report(new LoadProgress(100, 100, TimeSpan.FromSeconds(2), true));

        var text = output.ToString();
        Assert.Equal(2, text.Count(c => c == '\r'));
        Assert.EndsWith(Environment.NewLine, text, StringComparison.Ordinal);
        Assert.Single(text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }
}
