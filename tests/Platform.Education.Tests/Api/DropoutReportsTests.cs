using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Grpc.Education.V1;
using Platform.Testing;

namespace Platform.Education.Tests.Api;

/// <summary>Bulk dropout reports (辍学报送): the school-roll rules, for dropped-out records only.</summary>
public class DropoutReportsTests(EducationFixture fixture) : IClassFixture<EducationFixture>
{
    [Fact]
    public async Task A_school_s_dropout_report_opens_a_case_and_other_statuses_are_refused()
    {
        using var client = fixture.Host.CreateHttpClient(TestTokens.CountyOffice());
        var child = Registry.Member("之子", Registry.BornAged(13), "何小兵");
        var registered = await fixture.RegisterAsync(client, "420325007001", 1, child);
        using var channel = fixture.Host.CreateGrpcChannel(TestTokens.CountyOffice());
        var rolls = new SchoolRolls.SchoolRollsClient(channel);

        var summary = await EducationFixture.StreamAsync(
            rolls.DropoutReports(),
            new SchoolRollRecord
            {
                ClientRef = "report", IdNumber = child.IdNumber, Name = child.Name, SchoolName = "城关镇初级中学", Stage = "junior", Grade = 2, Note = "连续两周未到校",
                AdministrativeOfficer = new ResponsiblePerson { Name = "刘村长", Position = "村委会主任" },
                EducationOfficer = new ResponsiblePerson { Name = "周老师", Position = "班主任" },
            },
            EducationFixture.Enrolled(child, "junior", 2));

        Assert.Equal((2, 1, 1, 1), (summary.Received, summary.Accepted, summary.Rejected, summary.CasesOpened));
        Assert.Equal(("status", 1), (summary.Rejections[0].Field, summary.Rejections[0].Index));
        await fixture.AssessmentAsync(registered.HouseholdId, met: false);
        Assert.Equal(1, await fixture.QueryAsync(db => db.DropoutCases.CountAsync(c => c.StudentId == child.MemberId && c.ClosedAt == null)));
    }
}
