using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using Platform.Contracts.Grpc.Households.V1;
using Platform.ServiceDefaults.Grpc;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// A gRPC caller turned away for its token gets what a gRPC server says: grpc-status Unauthenticated
/// or PermissionDenied with a message, in a trailers-only response (HTTP 200, application/grpc) —
/// not an HTTP 401/403 that clients report as "Bad gRPC response".
/// </summary>
[Collection(PlatformCollection.Name)]
public class GrpcRefusalScenarios(PlatformFixture platform)
{
    [Fact]
    public async Task A_grpc_client_without_a_valid_token_is_told_unauthenticated_with_the_reason()
    {
        foreach (var token in new[] { null, TestTokens.Expired(), TestTokens.WronglySigned() })
        {
            var error = await CallAsync(token);
            Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
            Assert.Equal(GrpcRefusals.Unauthenticated, error.Status.Detail);
        }
    }

    [Fact]
    public async Task A_grpc_client_whose_token_does_not_allow_the_call_is_told_permission_denied_with_the_reason()
    {
        var error = await CallAsync(await platform.TokenAsync("industry-bureau"));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(GrpcRefusals.PermissionDenied, error.Status.Detail);
    }

    [Fact]
    public async Task The_refusal_is_a_trailers_only_grpc_response_over_http2()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(platform.Gateway.GrpcAddress, "/platform.households.v1.HouseholdRegistry/ImportVillages"))
        {
            // Cleartext HTTP/2 with prior knowledge, as gRPC clients speak it.
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            // One empty message: no compression flag, length 0.
            Content = new ByteArrayContent(new byte[5]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("16", Assert.Single(response.Headers.GetValues("grpc-status")));
        Assert.Equal(GrpcRefusals.Unauthenticated, Uri.UnescapeDataString(Assert.Single(response.Headers.GetValues("grpc-message"))));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    private async Task<RpcException> CallAsync(string? token)
    {
        using var channel = ServiceHost<Gateway.Program>.CreateGrpcChannel(platform.Gateway.GrpcAddress, token);
        var registry = new HouseholdRegistry.HouseholdRegistryClient(channel);
        return await Assert.ThrowsAsync<RpcException>(() => registry.ImportVillagesAsync(new ImportVillagesRequest()).ResponseAsync);
    }
}
