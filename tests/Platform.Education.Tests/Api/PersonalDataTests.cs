using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Contracts.Grpc.Education.V1;
using Platform.Testing;

namespace Platform.Education.Tests.Api;

/// <summary>
/// Resident ID numbers reach the pillar on the bus and in school rolls; none may reach a log line or
/// a trace — not on acceptance, rejection, conflict or a redelivery.
/// </summary>
public sealed class PersonalDataTests : IAsyncLifetime
{
    private readonly TelemetryRecorder recorder = new();
    private ServiceHost<Program> host = null!;
    private Uri virtualHost = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        virtualHost = await infrastructure.CreateVirtualHostAsync("pii_education");
        host = ServiceHost<Program>.Start(
            new Dictionary<string, string?>
            {
                ["ConnectionStrings:education"] = await infrastructure.CreateDatabaseAsync("pii_education"),
                ["ConnectionStrings:rabbitmq"] = virtualHost.ToString(),
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft"] = "Information",
            },
            services => services.AddSingleton<ILoggerProvider>(recorder));
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        recorder.Dispose();
    }

    [Fact]
    public async Task No_resident_id_number_reaches_a_log_line_or_a_trace()
    {
        var child = Registry.Member("之子", Registry.BornAged(12), "刘小明");
        var registered = Registry.Registered(Registry.Member("户主", Registry.BornAged(40), "刘大明"), child);
        await StreamEvents.PublishAsync(virtualHost, registered, registered);
        using var http = host.CreateHttpClient(TestTokens.CountyOffice());
        await Eventually.AssertAsync(
            async () => (await http.GetAsync(new Uri($"/api/education/households/{registered.HouseholdId}/students", UriKind.Relative))).IsSuccessStatusCode,
            TimeSpan.FromSeconds(30),
            "the household is known");

        using var channel = host.CreateGrpcChannel(TestTokens.CountyOffice());
        using var call = new SchoolRolls.SchoolRollsClient(channel).ImportSchoolRolls();
        var stranger = Registry.Member("之子", Registry.BornAged(9), "路人乙");
        await call.RequestStream.WriteAsync(new SchoolRollRecord { IdNumber = stranger.IdNumber, Name = stranger.Name, Status = "enrolled", SchoolName = "某校", Stage = "primary", Grade = 3 });
        await call.RequestStream.WriteAsync(new SchoolRollRecord { IdNumber = child.IdNumber, Name = child.Name, Status = "enrolled", SchoolName = "某校", Stage = "primary", Grade = 1 });
        await call.RequestStream.WriteAsync(new SchoolRollRecord
        {
            IdNumber = child.IdNumber, Name = child.Name, Status = "dropped-out", Note = "辍学",
            AdministrativeOfficer = new ResponsiblePerson { Name = "张镇长", Position = "乡镇长" },
            EducationOfficer = new ResponsiblePerson { Name = "李老师", Position = "班主任" },
        });
        await call.RequestStream.CompleteAsync();
        var summary = await call;
        Assert.Equal(1, summary.CasesOpened);

        using var conflict = await http.PostAsJsonAsync("/api/education/dropouts", new
        {
            studentId = child.MemberId, trigger = "dropped-out", reason = "辍学",
            administrativeOfficer = new { name = "张镇长", position = "乡镇长" }, educationOfficer = new { name = "李老师", position = "班主任" },
        });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);

        Assert.True(recorder.Count > 0);
        Assert.Empty(recorder.ResidentIdNumbers());
    }
}
