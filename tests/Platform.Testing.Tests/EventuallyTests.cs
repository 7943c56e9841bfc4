using Xunit.Sdk;

namespace Platform.Testing.Tests;

public sealed class EventuallyTests
{
    [Fact]
    public async Task Returns_as_soon_as_the_condition_holds()
    {
        var calls = 0;

        await Eventually.AssertAsync(() => Task.FromResult(++calls == 3), TimeSpan.FromSeconds(5), "the third call");

        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Throws_with_the_reason_and_last_error_after_the_timeout()
    {
        var error = await Assert.ThrowsAsync<XunitException>(() => Eventually.AssertAsync(
            () => throw new InvalidOperationException("not ready"), TimeSpan.FromMilliseconds(200), "the moon is blue"));

        Assert.Contains("the moon is blue", error.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public async Task ReturnsAsync_gives_the_first_non_null_result()
    {
        var calls = 0;

        var result = await Eventually.ReturnsAsync(
            () => Task.FromResult(++calls < 2 ? null : "found"), TimeSpan.FromSeconds(5), "a value");

        Assert.Equal("found", result);
    }

    [Fact]
    public void Repository_root_holds_the_deploy_scripts()
    {
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "deploy", "local", "postgres.sh")), RepositoryPaths.Root);
    }
}
