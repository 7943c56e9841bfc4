using System.Data;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using Platform.Contracts;
using Platform.ServiceDefaults.Audit;

namespace Platform.ServiceDefaults.Export;

/// <summary>
/// 导出Excel, the same way for every list of every service: the list's own query (its filters, the
/// caller's data scope, its order; ID numbers masked as the list masks them), every row of it, one
/// sheet with Chinese headers. The rows stream from the database into a temporary workbook (never all
/// in memory), which then streams to the caller; a failure midway is a 500, never half a file. The
/// export is written to the audit log (who, which list, which filters, how many rows) before any row
/// leaves, and nothing leaves if the log cannot be written. At most <c>Export:MaxRows</c> rows (default
/// 200,000): a larger list is refused with a problem asking for narrower filters.
/// </summary>
public static class ExcelExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string MaxRowsSetting = "Export:MaxRows";

    public const int DefaultMaxRows = 200_000;

    /// <summary>The audit log's action of an export starts with it: search with action=EXPORT.</summary>
    public const string ExportPrefix = "EXPORT ";

    /// <summary>A sheet of the rows of a database query (filtered, scoped and ordered already; projected to what the columns read), streamed.</summary>
    public static ExcelSheet<T> Sheet<T>(IQueryable<T> rows, string title) =>
        new(title, rows.LongCountAsync, cancellationToken => rows.AsAsyncEnumerable().ToBlockingEnumerable(cancellationToken));

    /// <summary>
    /// A sheet of a list its service reads part by part (one database query after another, e.g. policy by policy), each part's rows
    /// made from what its query reads; streamed like one query.
    /// </summary>
    public static ExcelSheet<T> Sheet<TSource, T>(IReadOnlyList<(IQueryable<TSource> Query, Func<TSource, T> Row)> parts, string title)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return new(
            title,
            async cancellationToken =>
            {
                long total = 0;
                foreach (var (query, _) in parts)
                {
                    total += await query.LongCountAsync(cancellationToken);
                }

                return total;
            },
            cancellationToken => parts.SelectMany(part => part.Query.AsAsyncEnumerable().ToBlockingEnumerable(cancellationToken).Select(part.Row)));
    }

    /// <summary>A sheet of rows a service reads itself (e.g. with its own SQL): how many there are, and the rows as they arrive; streamed.</summary>
    public static ExcelSheet<T> Sheet<T>(Func<CancellationToken, Task<long>> count, Func<CancellationToken, IAsyncEnumerable<T>> rows, string title) =>
        new(title, count, cancellationToken => rows(cancellationToken).ToBlockingEnumerable(cancellationToken));

    /// <summary>A sheet of rows the service computed in memory (a list it has to compute whole anyway).</summary>
    public static ExcelSheet<T> Sheet<T>(IReadOnlyCollection<T> rows, string title) =>
        new(title, _ => Task.FromResult((long)rows.Count), _ => rows);
}

/// <summary>The columns of an export, in order: the header county staff read, and the cell of each row.</summary>
public sealed class ExcelSheet<T> : IResult, IEndpointMetadataProvider
{
    private readonly string title;
    private readonly Func<CancellationToken, Task<long>> count;
    private readonly Func<CancellationToken, IEnumerable<T>> rows;
    private readonly List<(string Header, Func<T, object?> Cell)> columns = [];
    private string? resource;

    internal ExcelSheet(string title, Func<CancellationToken, Task<long>> count, Func<CancellationToken, IEnumerable<T>> rows)
    {
        this.title = title;
        this.count = count;
        this.rows = rows;
    }

    /// <summary>A column; the cell is a number, text, a date or a yes/no (shown 是/否), null for an empty cell.</summary>
    public ExcelSheet<T> Column(string header, Func<T, object?> cell)
    {
        columns.Add((header, cell));
        return this;
    }

    /// <summary>What the audit log calls the exported list ("household"); default: the sheet's title.</summary>
    public ExcelSheet<T> Audited(string resourceName)
    {
        resource = resourceName;
        return this;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var cancellationToken = httpContext.RequestAborted;
        var configuration = httpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
        var maxRows = configuration.GetValue(ExcelExport.MaxRowsSetting, ExcelExport.DefaultMaxRows);
        var total = await count(cancellationToken);
        if (total > maxRows)
        {
            await TypedResults.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "导出行数超过上限",
                    detail: $"该列表共 {total:N0} 行，超过单次导出上限 {maxRows:N0} 行，请缩小筛选范围（如按乡镇、村）后再导出")
                .ExecuteAsync(httpContext);
            return;
        }

        await RecordAsync(httpContext, total, cancellationToken);

        var path = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.xlsx");
        try
        {
            // MiniExcel reads its rows synchronously: off the request's thread, from the database's stream.
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await Task.Run(
                    () => MiniExcel.SaveAs(file, total == 0 ? HeaderOnly() : Rows(cancellationToken), sheetName: SheetName(), excelType: ExcelType.XLSX, configuration: Layout()),
                    cancellationToken);
            }

            var response = httpContext.Response;
            response.ContentType = ExcelExport.ContentType;
            response.Headers.ContentDisposition = ContentDisposition(FileName());
            response.Headers.CacheControl = "no-store";
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            response.ContentLength = stream.Length;
            await stream.CopyToAsync(response.Body, cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private IEnumerable<IDictionary<string, object?>> Rows(CancellationToken cancellationToken)
    {
        foreach (var row in rows(cancellationToken))
        {
            var cells = new Dictionary<string, object?>(columns.Count, StringComparer.Ordinal);
            foreach (var (header, cell) in columns)
            {
                cells[header] = Cell(cell(row));
            }

            yield return cells;
        }
    }

    /// <summary>An empty list still gets its header row (MiniExcel takes the headers from the first row otherwise).</summary>
    private DataTable HeaderOnly()
    {
        var table = new DataTable(SheetName()) { Locale = CultureInfo.InvariantCulture };
        foreach (var (header, _) in columns)
        {
            table.Columns.Add(header, typeof(string));
        }

        return table;
    }

    private static object? Cell(object? value) => value switch
    {
        null => null,
        bool b => b ? "是" : "否",
        DateOnly d => WireText.Date(d),
        DateTimeOffset t => t.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        Enum e => e.ToString(),
        _ => value,
    };

    private static OpenXmlConfiguration Layout() => new()
    {
        FastMode = true,
        EnableAutoWidth = true,
        AutoFilter = true,
        FreezeRowCount = 1,
        TableStyles = TableStyles.Default,
    };

    private string SheetName()
    {
        // Excel: at most 31 characters, none of : \ / ? * [ ].
        var name = new string(title.Where(c => ":\\/?*[]".IndexOf(c, StringComparison.Ordinal) < 0).ToArray());
        return name.Length > 31 ? name[..31] : name;
    }

    private string FileName() => $"{SheetName()}-{DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)):yyyyMMdd-HHmm}.xlsx";

    /// <summary>attachment; filename="export.xlsx"; filename*=UTF-8''%E5%BB%BA… (RFC 6266: the Chinese name for every browser).</summary>
    private static string ContentDisposition(string fileName) =>
        $"attachment; filename=\"export.xlsx\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";

    private Task RecordAsync(HttpContext httpContext, long total, CancellationToken cancellationToken)
    {
        var trail = httpContext.RequestServices.GetRequiredService<IAuditTrail>();
        var (subject, role, clientId) = AuditContext.Caller(httpContext);
        var clock = httpContext.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        var detail = new StringBuilder().Append(CultureInfo.InvariantCulture, $"导出“{title}” {total} 行");
        if (httpContext.Request.QueryString.HasValue)
        {
            detail.Append("; 筛选 ").Append(Uri.UnescapeDataString(httpContext.Request.QueryString.Value!));
        }

        return trail.RecordAsync(
            new AuditRecord
            {
                At = clock.GetUtcNow(),
                Subject = subject,
                Role = role,
                ClientId = clientId,
                Action = ExcelExport.ExportPrefix + AuditContext.Action(httpContext, httpContext.GetEndpoint()),
                Resource = resource ?? title,
                ResourceId = null,
                OutcomeStatus = StatusCodes.Status200OK,
                Outcome = AuditOutcomes.Succeeded,
                SourceAddress = AuditContext.SourceAddress(httpContext),
                TraceId = AuditContext.TraceId(httpContext),
                Detail = detail.ToString(),
            },
            cancellationToken);
    }

    /// <summary>For OpenAPI: an export answers with a workbook.</summary>
    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(void), [ExcelExport.ContentType]));
    }
}
