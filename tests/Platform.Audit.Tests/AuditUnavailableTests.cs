using System.Net;
using System.Net.Http.Json;
using Platform.Testing;

namespace Platform.Audit.Tests;

/// <summary>An app whose audit log cannot be written (its database has no audit schema).</summary>
public sealed class AuditUnavailableTests(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task A_reveal_that_cannot_be_recorded_does_not_happen_and_a_write_still_answers()
    {
        await using var database = await AuditDatabase.CreateAsync(fixture.Infrastructure, withSchema: false);
        var settings = database.Settings();
        settings["ConnectionStrings:audit"] = database.OwnerConnectionString;
        await using var app = await AuditTestApp.StartAsync(settings);
        using var client = app.CreateClient(TestTokens.CountyOffice());

        using var reveal = await client.GetAsync($"/api/things/{Guid.NewGuid()}/secret");
        using var write = await client.PostAsJsonAsync($"/api/things/{Guid.NewGuid()}/parts", new PartRequest("犁"));

        Assert.Equal(HttpStatusCode.InternalServerError, reveal.StatusCode);
        Assert.DoesNotContain(AuditTestApp.Secret, await reveal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, write.StatusCode);
    }
}
