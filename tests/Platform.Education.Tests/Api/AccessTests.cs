using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using Platform.Contracts.Grpc.Education.V1;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.Education.Tests.Api;

/// <summary>Who may read and write the pillar's records.</summary>
public class AccessTests(EducationFixture fixture) : IClassFixture<EducationFixture>
{
    [Theory]
    [InlineData(PlatformRoles.Auditor, HttpStatusCode.OK, HttpStatusCode.Forbidden)]
    [InlineData(PlatformRoles.DepartmentOfficer, HttpStatusCode.OK, HttpStatusCode.BadRequest)]
    [InlineData("visitor", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    public async Task Reading_needs_a_platform_role_and_opening_a_case_a_writing_one(string role, HttpStatusCode list, HttpStatusCode open)
    {
        using var client = fixture.Host.CreateHttpClient(TestTokens.ForRole(role));

        Assert.Equal(list, (await client.GetAsync(new Uri("/api/education/dropouts", UriKind.Relative))).StatusCode);
        // An empty case: a writer gets past authorization to validation (400); others stop at 403.
        Assert.Equal(open, (await client.PostAsJsonAsync("/api/education/dropouts", new { })).StatusCode);
    }

    [Fact]
    public async Task An_auditor_cannot_import_school_rolls()
    {
        using var channel = fixture.Host.CreateGrpcChannel(TestTokens.ForRole(PlatformRoles.Auditor));
        using var call = new SchoolRolls.SchoolRollsClient(channel).ImportSchoolRolls();
        await call.RequestStream.CompleteAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }
}
