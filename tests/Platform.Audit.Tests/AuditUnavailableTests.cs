using System.Net;
using Platform.Testing;

namespace Platform.Audit.Tests;

/// <summary>
/// An app whose audit log cannot be written (its database has no audit schema): a reveal is refused
/// before anything is shown. (A write that commits data is refused too: AuditedServiceTests.)
/// </summary>
public sealed class AuditUnavailableTests(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task A_reveal_that_cannot_be_recorded_does_not_happen()
    {
        await using var database = await AuditDatabase.CreateAsync(fixture.Infrastructure, withSchema: false);
        var settings = database.Settings();
        settings["ConnectionStrings:audit"] = database.OwnerConnectionString;
        await using var app = await AuditTestApp.StartAsync(settings);
        using var client = app.CreateClient(TestTokens.CountyOffice());

        using var reveal = await client.GetAsync($"/api/things/{Guid.NewGuid()}/secret");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, reveal.StatusCode);
        Assert.DoesNotContain(AuditTestApp.Secret, await reveal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
