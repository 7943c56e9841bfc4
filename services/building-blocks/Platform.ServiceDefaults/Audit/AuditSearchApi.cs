using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;

namespace Platform.ServiceDefaults.Audit;

/// <summary>GET /api/audit: the audit log for auditors (and the county administrator), newest first, paged.</summary>
public static class AuditSearchApi
{
    public const string Route = "/api/audit";

    /// <summary>Maps GET /api/audit (policy <see cref="PlatformPolicies.AuditRead"/>). Needs <see cref="AuditExtensions.AddPlatformAudit"/>.</summary>
    public static IEndpointConventionBuilder MapAuditSearch(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.MapGet(Route, SearchAsync)
            .RequireAuthorization(PlatformPolicies.AuditRead)
            .WithTags("审计日志")
            .WithSummary("审计日志查询")
            .WithDescription("按操作人（subject）、客户端（clientId）、资源类型与编号、操作（包含）、结果（succeeded/refused/failed）、时间范围（from/to，ISO 8601）筛选，按时间倒序，分页（每页至多200条）");
    }

    internal static async Task<Results<Ok<Page<AuditEntry>>, ValidationProblem>> SearchAsync(
        [FromKeyedServices(AuditOptions.ConnectionName)] NpgsqlDataSource dataSource,
        string? subject,
        string? clientId,
        string? service,
        string? resource,
        string? resourceId,
        string? action,
        string? outcome,
        string? from,
        string? to,
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

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var where = new StringBuilder();
        var parameters = new List<object>();
        void Filter(string condition, object value)
        {
            parameters.Add(value);
            where.Append(where.Length == 0 ? " WHERE " : " AND ").Append(condition.Replace("@", "$" + parameters.Count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        if (!string.IsNullOrWhiteSpace(subject))
        {
            Filter("subject = @", subject.Trim());
        }

        if (!string.IsNullOrWhiteSpace(clientId))
        {
            Filter("client_id = @", clientId.Trim());
        }

        if (!string.IsNullOrWhiteSpace(service))
        {
            Filter("service = @", service.Trim());
        }

        if (!string.IsNullOrWhiteSpace(resource))
        {
            Filter("resource = @", resource.Trim());
        }

        if (!string.IsNullOrWhiteSpace(resourceId))
        {
            Filter("resource_id = @", resourceId.Trim());
        }

        if (!string.IsNullOrWhiteSpace(action))
        {
            Filter("strpos(lower(action), lower(@)) > 0", action.Trim());
        }

        if (!string.IsNullOrEmpty(outcome))
        {
            Filter("outcome = @", outcome);
        }

        if (fromTime is { } start)
        {
            Filter("at >= @", start.ToUniversalTime());
        }

        if (toTime is { } end)
        {
            Filter("at <= @", end.ToUniversalTime());
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        long total;
        await using (var count = new NpgsqlCommand("SELECT count(*) FROM audit.entries" + where, connection))
        {
            foreach (var value in parameters)
            {
                count.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        var items = new List<AuditEntry>();
        await using (var query = new NpgsqlCommand(
            "SELECT " + AuditEntry.Columns + " " +
            "FROM audit.entries" + where + $" ORDER BY at DESC, id DESC LIMIT {validSize} OFFSET {(long)(validPage - 1) * validSize}",
            connection))
        {
            foreach (var value in parameters)
            {
                query.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(AuditEntry.Read(reader));
            }
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

    private static DateTimeOffset? ParseTime(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // ISO 8601: a date ("2025-03-01", China Standard Time midnight) or a time with its offset.
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
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
