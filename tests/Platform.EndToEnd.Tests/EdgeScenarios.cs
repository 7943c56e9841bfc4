using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Platform.Contracts.Grpc.Education.V1;
using Platform.Contracts.Grpc.Households.V1;
using Platform.DemoCounty;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The gateway's edges: operators' endpoints off the public port, forwarded headers only from known
/// proxies (the audited address, the Secure cookie), large bodies only for gRPC on the gRPC endpoint
/// and within a bound, and a record limit per import call with nothing of an oversized call applied.
/// </summary>
[Collection(PlatformCollection.Name)]
public class EdgeScenarios(PlatformFixture platform)
{
    [Fact]
    public async Task Metrics_and_the_openapi_document_are_not_served_on_the_public_port_but_on_the_management_port()
    {
        using var publicPort = platform.Gateway.CreateHttpClient(token: null);
        Assert.Equal(HttpStatusCode.NotFound, (await publicPort.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await publicPort.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await publicPort.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);

        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{platform.Gateway.ManagementPort}") };
        using var metrics = await management.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("# TYPE", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var openApi = await management.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        Assert.Contains("/connect/token", await openApi.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_a_known_proxy_sets_the_audited_address_with_forwarded_for()
    {
        var audit = await AuditDatabase.SharedAsync();
        async Task<string> RefusedCallFromAsync(ServiceHost<Gateway.Program> gateway)
        {
            var id = Guid.NewGuid();
            using var anonymous = gateway.CreateHttpClient(token: null);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/households/{id}/status", UriKind.Relative))
            {
                Content = JsonContent.Create(new { }),
            };
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
            using var response = await anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            return await Eventually.ReturnsAsync(
                async () => (await audit.EntriesAsync($"action = 'POST /api/households/{id}/status'")).SingleOrDefault()?.SourceAddress,
                TimeSpan.FromSeconds(10),
                "the refused call is in the audit log");
        }

        // Any local process may send the header: without a known proxy it is ignored.
        Assert.Equal("127.0.0.1", await RefusedCallFromAsync(platform.Gateway));

        await using var behindProxy = PlatformFixture.StartGateway(platform.Households, new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        });
        Assert.Equal("203.0.113.9", await RefusedCallFromAsync(behindProxy));

        // Through the gateway, a service records the address the gateway saw, not what the caller claimed.
        var householdId = Guid.NewGuid();
        using var county = platform.Gateway.CreateHttpClient(await platform.TokenAsync());
        using var write = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/households/{householdId}/status", UriKind.Relative))
        {
            Content = JsonContent.Create(new { status = "exited", reason = "核验" }),
        };
        write.Headers.Add("X-Forwarded-For", "203.0.113.9");
        Assert.Equal(HttpStatusCode.NotFound, (await county.SendAsync(write)).StatusCode);
        var recorded = await Eventually.ReturnsAsync(
            async () => (await audit.EntriesAsync($"resource_id = '{householdId}'")).SingleOrDefault(),
            TimeSpan.FromSeconds(10),
            "the service recorded the call");
        Assert.Equal(("county-office", "127.0.0.1"), (recorded.Subject, recorded.SourceAddress));
    }

    [Fact]
    public async Task The_portal_cookie_is_secure_behind_a_tls_terminating_known_proxy_and_when_configured_so()
    {
        async Task<bool> SecureCookieAsync(ServiceHost<Gateway.Program> gateway, bool forwardedHttps)
        {
            using var http = gateway.CreateHttpClient(token: null);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/portal/sign-in", UriKind.Relative))
            {
                Content = JsonContent.Create(new { userName = "officer", password = PlatformFixture.UserPassword }),
            };
            if (forwardedHttps)
            {
                request.Headers.Add("X-Forwarded-Proto", "https");
            }

            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("platform.portal=", StringComparison.Ordinal));
            return cookie.Split(';').Any(part => part.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));
        }

        // A header anyone can send does not make the cookie Secure, nor plain HTTP.
        Assert.False(await SecureCookieAsync(platform.Gateway, forwardedHttps: true));
        Assert.False(await SecureCookieAsync(platform.Gateway, forwardedHttps: false));

        await using (var behindTls = PlatformFixture.StartGateway(platform.Households, new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        }))
        {
            Assert.True(await SecureCookieAsync(behindTls, forwardedHttps: true));
            Assert.False(await SecureCookieAsync(behindTls, forwardedHttps: false));
        }

        await using var always = PlatformFixture.StartGateway(platform.Households, new Dictionary<string, string?>
        {
            ["Identity:PortalCookieSecurePolicy"] = "Always",
        });
        Assert.True(await SecureCookieAsync(always, forwardedHttps: false));
    }

    [Fact]
    public async Task A_body_that_merely_claims_to_be_grpc_keeps_the_rest_limit_on_the_public_port()
    {
        using var http = platform.Gateway.CreateHttpClient(await platform.TokenAsync());
        // One gRPC frame announcing a 3 MiB message (within the services' 4 MiB): the registry waits for all of it, so only
        // the gateway's limit can end the call. A body of zeros is 5-byte empty records, and the registry refused the
        // 100,001st of those (ResourceExhausted, HTTP 200) before the gateway had read 1 MiB, now and then.
        var body = new byte[2 * 1024 * 1024];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(1), 3 * 1024 * 1024);

        // With its length announced, and streamed without (chunked).
        foreach (HttpContent content in new HttpContent[] { new ByteArrayContent(body), new StreamContent(new UnknownLengthStream(body)) })
        {
            content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
            using var response = await http.PostAsync(new Uri("/platform.households.v1.HouseholdRegistry/ImportHouseholds", UriKind.Relative), content);
            Assert.True(response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, $"got {(int)response.StatusCode}");
            content.Dispose();
        }
    }

    [Fact]
    public async Task A_grpc_call_on_the_grpc_endpoint_may_send_more_than_a_rest_body_but_no_more_than_the_configured_bound()
    {
        await using var bounded = PlatformFixture.StartGateway(platform.Households, new Dictionary<string, string?>
        {
            ["Gateway:MaxGrpcRequestBodyBytes"] = (2 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var token = await PlatformFixture.TokenAsync(bounded);
        using var channel = ServiceHost<Gateway.Program>.CreateGrpcChannel(bounded.GrpcAddress, token);
        var importHouseholds = new Method<byte[], byte[]>(
            MethodType.ClientStreaming, "platform.households.v1.HouseholdRegistry", "ImportHouseholds", RawBytes, RawBytes);
        async Task<ImportSummary?> ImportPaddedRecordAsync(int paddingBytes)
        {
            // A deadline: a client still sending to a proxy that has stopped reading waits on flow control for ever.
            using var call = channel.CreateCallInvoker().AsyncClientStreamingCall(importHouseholds, null, new CallOptions(deadline: DateTime.UtcNow.AddMinutes(1)));
            try
            {
                await call.RequestStream.WriteAsync(PaddedRecord(paddingBytes));
                await call.RequestStream.CompleteAsync();
            }
            catch (Exception error) when (error is RpcException or InvalidOperationException or IOException or OperationCanceledException)
            {
                // The gateway ended the call while the record was on its way: its status follows.
            }

            try
            {
                return ImportSummary.Parser.ParseFrom(await call.ResponseAsync);
            }
            catch (RpcException)
            {
                return null;
            }
        }

        // 1.5 MB: more than a REST body may be, within the gRPC endpoint's bound: the registry gets all
        // of it (it skips the unknown field that pads the record and rejects the record's unknown village).
        var summary = await ImportPaddedRecordAsync(1536 * 1024);
        Assert.NotNull(summary);
        Assert.Equal((1, 0), (summary.Received, summary.Accepted));
        // 3 MB: over the bound, the gateway ends the call.
        Assert.Null(await ImportPaddedRecordAsync(3 * 1024 * 1024));
    }

    private static readonly Marshaller<byte[]> RawBytes = Marshallers.Create(bytes => bytes, bytes => bytes);

    /// <summary>A household record (of a village the registry does not know) padded with an unknown field.</summary>
    private static byte[] PaddedRecord(int paddingBytes)
    {
        var record = new HouseholdRecord { ClientRef = "padded", HouseholdNumber = "PADDED-1", VillageCode = "420325097001", Status = "poor" };
        using var buffer = new MemoryStream();
        using (var output = new Google.Protobuf.CodedOutputStream(buffer, leaveOpen: true))
        {
            record.WriteTo(output);
            output.WriteTag(999, Google.Protobuf.WireFormat.WireType.LengthDelimited);
            output.WriteBytes(Google.Protobuf.ByteString.CopyFrom(new byte[paddingBytes]));
        }

        return buffer.ToArray();
    }

    [Fact]
    public async Task An_import_call_over_the_record_limit_is_refused_with_nothing_applied()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        await using var released = new ReleasedAtEnd(infrastructure, await infrastructure.CreateVirtualHostAsync("e2e-limit"));
        var vhost = released.VirtualHost.ToString();
        await using var households = released.Host(ServiceHost<Households.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:households"] = await infrastructure.CreateDatabaseAsync("e2e_limit_households"),
            ["ConnectionStrings:rabbitmq"] = vhost,
            ["Grpc:Import:MaxRecordsPerCall"] = "3",
        }));
        await using var education = released.Host(ServiceHost<Education.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:education"] = await infrastructure.CreateDatabaseAsync("e2e_limit_education"),
            ["ConnectionStrings:rabbitmq"] = vhost,
            ["Grpc:Import:MaxRecordsPerCall"] = "3",
        }));
        var token = await platform.TokenAsync();
        using var registryChannel = households.CreateGrpcChannel(token: null);
        using var loader = new DemoCountyLoader(new HouseholdRegistry.HouseholdRegistryClient(registryChannel), token);
        await loader.SeedVillagesAsync(DemoCountyGenerator.County());
        var records = new DemoCountyGenerator(scale: 0.001).Records().Take(4).ToList();

        var refused = await Assert.ThrowsAsync<RpcException>(() => loader.LoadAsync(records, records.Count));
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("3", refused.Status.Detail, StringComparison.Ordinal);
        using var http = households.CreateHttpClient(token);
        async Task<long> HouseholdsAsync() =>
            JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/households/figures", UriKind.Relative))).RootElement.GetProperty("households").GetInt64();
        Assert.Equal(0, await HouseholdsAsync());

        Assert.Equal(3, (await loader.LoadAsync(records.Take(3), 3)).Accepted);
        Assert.Equal(3, await HouseholdsAsync());

        // The pillars' feeds read their streams through the same building block.
        using var educationChannel = education.CreateGrpcChannel(token);
        using var rolls = new SchoolRolls.SchoolRollsClient(educationChannel).ImportSchoolRolls();
        for (var i = 0; i < 4; i++)
        {
            await rolls.RequestStream.WriteAsync(new SchoolRollRecord { IdNumber = "11010519491231002X", Name = "张三" });
        }

        await rolls.RequestStream.CompleteAsync();
        var overLimit = await Assert.ThrowsAsync<RpcException>(() => rolls.ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, overLimit.StatusCode);
    }

    /// <summary>A body whose length the client cannot announce (sent chunked).</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
