using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.Testing;

namespace Platform.Audit.Tests;

/// <summary>The audit log's export (导出Excel), over a log of its own: an export writes to the log it exports.</summary>
public sealed class AuditExportTests(AuditSearchFixture fixture) : IClassFixture<AuditSearchFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task The_export_holds_the_search_s_rows_in_its_order_and_is_itself_audited_and_refused_to_a_village_cadre()
    {
        var from = Uri.EscapeDataString(AuditSearchFixture.Start.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var to = Uri.EscapeDataString(AuditSearchFixture.Start.AddHours(9).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var query = $"?subject=alice&from={from}&to={to}";
        var listed = await SearchAsync(query + "&pageSize=200", PlatformRoles.Auditor);
        using var auditor = fixture.App.CreateClient(TestTokens.ForRole(PlatformRoles.Auditor));

        var rows = await Workbooks.ReadAsync(auditor, AuditSearchApi.ExportRoute + query);

        Assert.Equal(5, rows.Count);
        Assert.Equal(listed.Items.Select(e => e.TraceId), rows.Select(r => r["跟踪号"]?.ToString()));
        Assert.All(rows, r => Assert.Equal("alice", r["操作人"]?.ToString()));
        var exported = await SearchAsync("?action=EXPORT&pageSize=200", PlatformRoles.Auditor);
        Assert.Contains(exported.Items, e => e.Detail is { } d && d.Contains("导出“审计日志” 5 行", StringComparison.Ordinal));

        using var cadre = fixture.App.CreateClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: "420325001001"));
        using var forbidden = await cadre.GetAsync(AuditSearchApi.ExportRoute);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        using var bad = await auditor.GetAsync(AuditSearchApi.ExportRoute + "?outcome=maybe");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private async Task<Page<AuditEntry>> SearchAsync(string query, string role)
    {
        using var client = fixture.App.CreateClient(TestTokens.ForRole(role));
        using var response = await client.GetAsync(AuditSearchApi.Route + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Page<AuditEntry>>(Json))!;
    }
}
