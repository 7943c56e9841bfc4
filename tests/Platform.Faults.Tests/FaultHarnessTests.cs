using System.Text;
using Xunit.Abstractions;

namespace Platform.Faults.Tests;

/// <summary>
/// The fault harness's short form (the command runs 20 cycles): two cycles of SIGKILLing RabbitMQ,
/// PostgreSQL, the registry and the education pillar under load, on servers of its own.
/// </summary>
public sealed class FaultHarnessTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Killing_every_part_twice_under_load_loses_duplicates_and_invents_nothing()
    {
        var options = new FaultHarnessOptions
        {
            Cycles = 2,
            Workers = 3,
            BulkSize = 60,
            LoadBetweenFaults = TimeSpan.FromSeconds(1),
            MaybeResolution = TimeSpan.FromSeconds(20),
            Log = new TestOutputWriter(output),
        };

        var report = await FaultHarness.RunAsync(options);
        output.WriteLine(report.ToString());

        Assert.True(report.Passed, report.ToString());
        Assert.All(options.Victims, victim => Assert.Equal(options.Cycles, report.Kills[victim]));
        // The load went down every path it is there to test: nothing vacuous about the zeros above.
        foreach (var path in new[]
        {
            "registry: households registered", "registry: members removed", "registry: status changes (history)",
            "education: aid grants", "education: dropout cases opened by school rolls", "education: training completions",
            "education <- registry: students (household, current, village)",
            "registry <- education: income records of grants", "registry <- education: guarantee assessments",
        })
        {
            Assert.True(report.Checks.Single(c => c.Name == path).Present > 0, $"the load never reached '{path}'");
        }
    }

    /// <summary>The harness's progress lines in the test's output.</summary>
    private sealed class TestOutputWriter(ITestOutputHelper output) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void WriteLine(string? value)
        {
            try
            {
                output.WriteLine(value ?? string.Empty);
            }
            catch (InvalidOperationException)
            {
                // The test is over: nobody to tell.
            }
        }
    }
}
