using System.Net.Http.Headers;
using System.Text;
using Npgsql;

namespace Platform.Testing.Tests;

/// <summary>The servers' own view, read past the test kit: RabbitMQ's management API, PostgreSQL's catalogue.</summary>
internal static class ServerChecks
{
    /// <summary>RabbitMQ's management API with the test servers' user.</summary>
    public static HttpClient ManagementClient(TestInfrastructure infrastructure)
    {
        var client = new HttpClient { BaseAddress = infrastructure.RabbitMqManagementUri };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(infrastructure.RabbitMqUri.UserInfo)));
        return client;
    }

    /// <summary>A count from the server's catalogue, with the parameter <c>@name</c>.</summary>
    public static async Task<long> CountAsync(TestInfrastructure infrastructure, string sql, string name)
    {
        await using var connection = new NpgsqlConnection(infrastructure.PostgresAdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("name", name);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
