using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Contracts;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Export;
using Platform.ServiceDefaults.Http;

namespace Platform.ServiceDefaults.Audit;

/// <summary>GET /api/audit: the audit log for auditors (and the county administrator), newest first, paged.</summary>
public static class AuditSearchApi
{
    public const string Route = "/api/audit";

    public const string ExportRoute = Route + "/export";

    /// <summary>Maps GET /api/audit and its export (policy <see cref="PlatformPolicies.AuditRead"/>). Needs <see cref="AuditExtensions.AddPlatformAudit"/>.</summary>
    public static IEndpointRouteBuilder MapAuditSearch(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(Route, SearchAsync)
            .RequireAuthorization(PlatformPolicies.AuditRead)
            .WithTags("审计日志")
            .WithSummary("审计日志查询")
            .WithDescription("按操作人（subject）、客户端（clientId）、资源类型与编号、操作（包含）、结果（succeeded/refused/failed）、时间范围（from/to，ISO 8601）筛选，按时间倒序，分页（每页至多200条）");
        app.MapGet(ExportRoute, ExportSheet)
            .RequireAuthorization(PlatformPolicies.AuditRead)
            .WithTags("审计日志")
            .WithSummary("导出审计日志（筛选条件同查询；导出本身也记入审计日志）");
        return app;
    }

    internal static Results<ExcelSheet<AuditEntry>, ValidationProblem> ExportSheet(
        [FromKeyedServices(AuditOptions.ConnectionName)] NpgsqlDataSource dataSource,
        [AsParameters] AuditQuery query)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = AuditFilter.Of(query, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return ExcelExport.Sheet(cancellationToken => filter.CountAsync(dataSource, cancellationToken), cancellationToken => filter.ReadAsync(dataSource, null, 0, cancellationToken), "审计日志")
            .Audited("audit-log")
            .Column("时间", e => e.At)
            .Column("服务", e => e.Service)
            .Column("操作人", e => e.Subject)
            .Column("角色", e => e.Role)
            .Column("客户端", e => e.ClientId)
            .Column("操作", e => e.Action)
            .Column("资源类型", e => e.Resource)
            .Column("资源编号", e => e.ResourceId)
            .Column("状态码", e => e.OutcomeStatus)
            .Column("结果", e => e.Outcome)
            .Column("来源地址", e => e.SourceAddress)
            .Column("跟踪号", e => e.TraceId)
            .Column("说明", e => e.Detail);
    }

    internal static async Task<Results<Ok<Page<AuditEntry>>, ValidationProblem>> SearchAsync(
        [FromKeyedServices(AuditOptions.ConnectionName)] NpgsqlDataSource dataSource,
        [AsParameters] AuditQuery query,
        string? page,
        string? pageSize,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var pageNumber = ParseInt(page, "page", "页码应为整数", errors);
        var size = ParseInt(pageSize, "pageSize", "每页条数应为整数", errors);
        if (!errors.ContainsKey("page") && !errors.ContainsKey("pageSize")
            && Paging.Validate(pageNumber, size, out var validPage, out var validSize) is { } pagingErrors)
        {
            foreach (var (field, messages) in pagingErrors)
            {
                errors[field] = messages;
            }
        }
        else
        {
            validPage = pageNumber ?? 1;
            validSize = size ?? Paging.DefaultPageSize;
        }

        var filter = AuditFilter.Of(query, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var total = await filter.CountAsync(dataSource, cancellationToken);
        var items = new List<AuditEntry>();
        await foreach (var entry in filter.ReadAsync(dataSource, validSize, (long)(validPage - 1) * validSize, cancellationToken))
        {
            items.Add(entry);
        }

        return TypedResults.Ok(new Page<AuditEntry>(items, validPage, validSize, total));
    }

    private static int? ParseInt(string? text, string field, string message, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Add(errors, field, message);
        return null;
    }

    private static void Add(Dictionary<string, string[]> errors, string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
}

/// <summary>The audit search's filters as the query string names them, shared by the search and its export.</summary>
internal sealed record AuditQuery(
    string? Subject, string? ClientId, string? Service, string? Resource, string? ResourceId, string? Action, string? Outcome, string? From, string? To);

/// <summary>The filters of the audit search (and of its export) as SQL: newest first.</summary>
internal sealed class AuditFilter
{
    private readonly StringBuilder where = new();
    private readonly List<object> parameters = [];

    /// <summary>The filters, checked; problems go to <paramref name="errors"/>.</summary>
    public static AuditFilter Of(AuditQuery query, Dictionary<string, string[]> errors)
    {
        var (subject, clientId, service, resource, resourceId, action, outcome, from, to) = query;
        var fromTime = ParseTime(from, "from", errors);
        var toTime = ParseTime(to, "to", errors);
        if (fromTime is not null && toTime is not null && fromTime > toTime)
        {
            Add(errors, "to", "结束时间不能早于开始时间");
        }

        if (outcome is { Length: > 0 } && !AuditOutcomes.All.Contains(outcome, StringComparer.Ordinal))
        {
            Add(errors, "outcome", $"结果应为：{string.Join("、", AuditOutcomes.All)}");
        }

        foreach (var (field, value) in new[] { ("subject", subject), ("clientId", clientId), ("service", service), ("resource", resource), ("resourceId", resourceId), ("action", action) })
        {
            if (value is { Length: > 200 })
            {
                Add(errors, field, "筛选条件过长（至多200个字符）");
            }
        }

        var filter = new AuditFilter();
        if (!string.IsNullOrWhiteSpace(subject))
        {
            filter.Add("subject = @", subject.Trim());
        }

        if (!string.IsNullOrWhiteSpace(clientId))
        {
            filter.Add("client_id = @", clientId.Trim());
        }

        if (!string.IsNullOrWhiteSpace(service))
        {
            filter.Add("service = @", service.Trim());
        }

        if (!string.IsNullOrWhiteSpace(resource))
        {
            filter.Add("resource = @", resource.Trim());
        }

        if (!string.IsNullOrWhiteSpace(resourceId))
        {
            filter.Add("resource_id = @", resourceId.Trim());
        }

        if (!string.IsNullOrWhiteSpace(action))
        {
            filter.Add("strpos(lower(action), lower(@)) > 0", action.Trim());
        }

        if (!string.IsNullOrEmpty(outcome))
        {
            filter.Add("outcome = @", outcome);
        }

        if (fromTime is { } start)
        {
            filter.Add("at >= @", start.ToUniversalTime());
        }

        if (toTime is { } end)
        {
            filter.Add("at <= @", end.ToUniversalTime());
        }

        return filter;
    }

    public async Task<long> CountAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var count = Command("SELECT count(*) FROM audit.entries" + where, connection);
        return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The entries newest first; <paramref name="limit"/> null for all of them.</summary>
    public async IAsyncEnumerable<AuditEntry> ReadAsync(NpgsqlDataSource dataSource, int? limit, long offset, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var page = limit is { } l ? $" LIMIT {l} OFFSET {offset}" : string.Empty;
        await using var query = Command("SELECT " + AuditEntry.Columns + " FROM audit.entries" + where + " ORDER BY at DESC, id DESC" + page, connection);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return AuditEntry.Read(reader);
        }
    }

    private void Add(string condition, object value)
    {
        parameters.Add(value);
        where.Append(where.Length == 0 ? " WHERE " : " AND ").Append(condition.Replace("@", "$" + parameters.Count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    private NpgsqlCommand Command(string sql, NpgsqlConnection connection)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static DateTimeOffset? ParseTime(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // ISO 8601: a date ("2025-03-01", China Standard Time midnight) or a time with its offset.
        if (WireText.TryDate(text, out var day) && day is { } date)
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            && text.Contains('T', StringComparison.Ordinal))
        {
            return time;
        }

        Add(errors, field, "时间应为 ISO 8601 格式，如 2025-03-01 或 2025-03-01T08:00:00+08:00");
        return null;
    }

    private static void Add(Dictionary<string, string[]> errors, string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
}
