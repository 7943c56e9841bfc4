using Xunit;

namespace Platform.Testing;

/// <summary>
/// xunit fixture giving a test class the process-wide <see cref="TestInfrastructure"/>:
/// <c>public sealed class MyTests(InfrastructureFixture fixture) : IClassFixture&lt;InfrastructureFixture&gt;</c>.
/// The servers are shared by every class of the test process and stop when it exits, so disposing
/// the fixture leaves them running.
/// </summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    private TestInfrastructure? infrastructure;

    public TestInfrastructure Infrastructure =>
        infrastructure ?? throw new InvalidOperationException("InfrastructureFixture is not initialised yet.");

    public async Task InitializeAsync() => infrastructure = await TestInfrastructure.GetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
