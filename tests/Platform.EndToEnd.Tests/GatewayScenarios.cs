using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Contracts.Households;
using Platform.Contracts.People;
using Platform.DemoCounty;
using Platform.DemoCounty.Cli;
using Platform.Messaging.Stream;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public class GatewayScenarios(PlatformFixture platform)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private async Task<string> TokenAsync(string secret = PlatformFixture.DemoClientSecret)
    {
        using var http = platform.Gateway.CreateHttpClient(token: null);
        return await GatewayClient.GetClientCredentialsTokenAsync(
            http, new Uri(platform.Gateway.HttpAddress, "/connect/token"), "county-office", secret, CancellationToken.None);
    }

    [Fact]
    public async Task The_demo_county_loads_through_the_gateway_grpc_import_and_its_figures_come_back_over_rest()
    {
        var token = await TokenAsync();
        var generator = new DemoCountyGenerator(scale: 0.005);
        using var channel = ServiceHost<Gateway.Program>.CreateGrpcChannel(platform.Gateway.GrpcAddress, token: null);
        using var loader = new DemoCountyLoader(new HouseholdRegistry.HouseholdRegistryClient(channel), token);

        using var http = platform.Gateway.CreateHttpClient(token);
        async Task<JsonElement> FiguresAsync() =>
            JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/households/figures", UriKind.Relative))).RootElement;
        var before = await FiguresAsync(); // other tests on this platform may have registered households

        var places = await loader.SeedVillagesAsync(DemoCountyGenerator.County());
        var summary = await loader.LoadAsync(generator.Records(), generator.HouseholdCount);

        Assert.Equal(300, places.VillagesCreated + places.VillagesUpdated);
        Assert.Equal((generator.HouseholdCount, 0), (summary.Accepted, summary.Rejected));

        var after = await FiguresAsync();
        long Added(string figure) => after.GetProperty(figure).GetInt64() - before.GetProperty(figure).GetInt64();
        var expected = DemoCountyStatistics.Compute(DemoCountyGenerator.County(), generator.Households());
        Assert.Equal(generator.HouseholdCount, Added("households"));
        Assert.Equal(generator.PeopleCount, Added("people"));
        Assert.Equal(generator.HouseholdCount, Added("poorHouseholds")); // registered as poor: exits come through the procedure
        Assert.Equal(expected.People, Added("poorPeople"));
        // The load sets every demo village's flag: its 69 poor villages are poor, the others not; other tests on this
        // platform may have poor villages of their own outside the demo's codes.
        var demoVillages = DemoCountyGenerator.County().Villages.ToDictionary(v => v.Code, v => v.IsPoorVillage);
        var poor = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/households/villages?poor=true&pageSize=200", UriKind.Relative))).RootElement;
        var poorCodes = poor.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("code").GetString()!).ToList();
        Assert.True(poor.GetProperty("total").GetInt64() == poorCodes.Count, "more poor villages than one page");
        Assert.Equal(
            demoVillages.Where(v => v.Value).Select(v => v.Key).Order(StringComparer.Ordinal),
            poorCodes.Where(demoVillages.ContainsKey).Order(StringComparer.Ordinal));
        Assert.Equal(69, demoVillages.Count(v => v.Value));
        Assert.Equal(69 + poorCodes.Count(c => !demoVillages.ContainsKey(c)), after.GetProperty("poorVillages").GetInt32());

        var page = await http.GetStringAsync(new Uri("/api/households?pageSize=5", UriKind.Relative));
        Assert.DoesNotContain(generator.Households().First().Members[0].IdNumber, page, StringComparison.Ordinal);
        Assert.Contains("********", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_trace_runs_from_the_http_request_through_the_gateway_and_the_registry_to_a_consumer()
    {
        var number = "E2E" + Guid.NewGuid().ToString("N")[..10];
        // Stands for another service: a tap of its own on the stream, for the registry's event.
        await using var stream = await EventStreamClient.ConnectAsync(platform.VirtualHost, "e2e-observer");
        await using var observer = await stream.TapAsync([typeof(HouseholdRegistered)]);
        {
            var token = await TokenAsync();
            using var http = platform.Gateway.CreateHttpClient(token);
            using (var village = await http.PostAsJsonAsync("/api/households/members/lookup", new { idNumber = "11010519491231002X" }))
            {
                Assert.Equal(HttpStatusCode.NotFound, village.StatusCode); // the route works before the scenario starts
            }

            await EnsureVillageAsync(token);
            var traceId = ActivityTraceId.CreateRandom();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/households")
            {
                Content = JsonContent.Create(new
                {
                    householdNumber = number,
                    villageCode = "420325099001",
                    status = "poor",
                    mainCause = "illness",
                    registeredYear = 2016,
                    members = new[] { new { idNumber = ResidentIdNumber.Create("420325", new DateOnly(1961, 7, 1), 911).Value, name = "陈建国", relation = "户主" } },
                }),
            };
            // The portal's side of the trace: the client sends it as a W3C traceparent header.
            using var portal = new Activity("portal: 登记建档立卡户").SetParentId(traceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start();
            using var response = await http.SendAsync(request);
            portal.Stop();
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);

            var delivered = await Eventually.ReturnsAsync(
                () => Task.FromResult(observer.Received.FirstOrDefault(e => e.Event is HouseholdRegistered r && r.HouseholdNumber == number)),
                Patience,
                "another service receives the registration");
            Assert.NotNull(delivered.TraceParent);
            Assert.Equal(traceId.ToString(), ActivityContext.Parse(delivered.TraceParent, null).TraceId.ToString());

            // And the registry's consumers run in it too: the pillar that followed the household did so in the request's trace.
        }
    }

    [Fact]
    public async Task Every_route_needs_a_token_but_the_gateway_health_does_not()
    {
        using var anonymous = platform.Gateway.CreateHttpClient(token: null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/api/households", UriKind.Relative))).StatusCode);

        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.WronglySigned());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/api/households/figures", UriKind.Relative))).StatusCode);

        using var channel = ServiceHost<Gateway.Program>.CreateGrpcChannel(platform.Gateway.GrpcAddress, token: null);
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new HouseholdRegistry.HouseholdRegistryClient(channel).FindMemberAsync(new FindMemberRequest { IdNumber = "11010519491231002X" }).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task A_wrong_client_secret_gets_no_token()
    {
        using var http = platform.Gateway.CreateHttpClient(token: null);
        using var response = await http.PostAsync(
            new Uri("/connect/token", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = "county-office", ["client_secret"] = "guess",
            }));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_client_over_its_rate_is_told_to_wait()
    {
        await using var strict = PlatformFixture.StartGateway(platform.Households, new Dictionary<string, string?>
        {
            ["RateLimiting:PermitsPerSecond"] = "1",
            ["RateLimiting:Burst"] = "3",
        });
        using var http = strict.CreateHttpClient(await PlatformFixture.TokenAsync(strict));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await http.GetAsync(new Uri("/api/households/townships", UriKind.Relative));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    private async Task EnsureVillageAsync(string token)
    {
        using var channel = ServiceHost<Gateway.Program>.CreateGrpcChannel(platform.Gateway.GrpcAddress, token);
        // A township of its own, so the demo county's figures are not touched.
        var request = new ImportVillagesRequest { Townships = { new TownshipRecord { Code = "420325099", Name = "测试镇" } } };
        request.Villages.Add(new VillageRecord { Code = "420325099001", Name = "东城村", TownshipCode = "420325099", RuralPopulation = 1200 });
        await new HouseholdRegistry.HouseholdRegistryClient(channel).ImportVillagesAsync(request);
    }
}
