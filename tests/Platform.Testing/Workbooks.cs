using System.Net;
using System.Text.RegularExpressions;
using MiniExcelLibs;
using Platform.ServiceDefaults.Export;
using Xunit;

namespace Platform.Testing;

/// <summary>An export (导出Excel) fetched as a caller and read back with a spreadsheet library: its rows, each a header → cell map.</summary>
public static partial class Workbooks
{
    /// <summary>GETs an export, asserts a workbook came back, and returns its rows (the header row as keys).</summary>
    public static async Task<IReadOnlyList<IDictionary<string, object?>>> ReadAsync(HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
        Assert.Equal(ExcelExport.ContentType, response.Content.Headers.ContentType?.MediaType);
        await using var workbook = new MemoryStream(body);
        return MiniExcel.Query(workbook, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
    }

    /// <summary>No cell holds a whole resident ID number (18 characters, the last a digit or X): numbers leave masked or not at all.</summary>
    public static void AssertNoWholeIdNumber(IEnumerable<IDictionary<string, object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var cell in rows.SelectMany(r => r.Values).OfType<object>().Select(v => v.ToString() ?? string.Empty))
        {
            Assert.DoesNotMatch(WholeIdNumber(), cell);
        }
    }

    [GeneratedRegex(@"\d{17}[\dXx]")]
    private static partial Regex WholeIdNumber();
}
