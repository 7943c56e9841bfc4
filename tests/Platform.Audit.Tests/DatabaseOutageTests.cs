using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Testing;

namespace Platform.Audit.Tests;

/// <summary>
/// A service whose database does not answer in time (a command past its timeout, as on a machine loaded to the
/// full, or a database restarting) tells the caller to try again: 503 with Retry-After over REST, Unavailable over
/// gRPC, each with a message in Chinese; not a bare 500 or Unknown, which say the request itself failed for good.
/// </summary>
public sealed class DatabaseOutageTests(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task A_database_that_times_out_answers_503_with_retry_after_over_rest_and_unavailable_over_grpc()
    {
        await using var database = await AuditDatabase.CreateAsync(fixture.Infrastructure);
        await using var app = await AuditTestApp.StartAsync(database.Settings());
        using var client = app.CreateClient(TestTokens.CountyOffice());

        using var response = await client.GetAsync($"/api/things/{Guid.NewGuid()}/busy-database");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("服务暂时繁忙", problem.GetProperty("title").GetString());
        Assert.Contains("请稍后重试", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var channel = app.CreateGrpcChannel(TestTokens.CountyOffice());
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await new HouseholdRegistry.HouseholdRegistryClient(channel).GetHouseholdAsync(new GetHouseholdRequest { HouseholdNumber = AuditTestApp.BusyDatabase }));
        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
        Assert.Contains("请稍后重试", refused.Status.Detail, StringComparison.Ordinal);

        // A failure of the code itself stays a 500 that says nothing of the internals.
        using var broken = await client.PutAsync($"/api/things/{Guid.NewGuid()}/broken", null);
        Assert.Equal(HttpStatusCode.InternalServerError, broken.StatusCode);
    }
}
