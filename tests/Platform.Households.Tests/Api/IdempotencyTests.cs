using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Households.Data;
using Platform.ServiceDefaults.Idempotency;
using Platform.Testing;

namespace Platform.Households.Tests.Api;

/// <summary>A county clerk's retry (a lost answer, a double click) creates nothing twice.</summary>
public class IdempotencyTests(HouseholdsFixture fixture) : IClassFixture<HouseholdsFixture>
{
    private readonly HttpClient client = fixture.Host.CreateHttpClient(TestTokens.CountyOffice());

    /// <summary>The registry's database connection that waits on a lock in a statement naming <paramref name="table"/>.</summary>
    private async Task<long> WaitingBackendAsync(string table, string because)
    {
        long backend = 0;
        await Eventually.AssertAsync(async () => (backend = await WaitingBackendOrZeroAsync(table)) > 0, TimeSpan.FromSeconds(30), because);
        return backend;
    }

    private Task<long> WaitingBackendOrZeroAsync(string table) => fixture.CountAsync(
        $"SELECT coalesce(min(pid), 0)::bigint FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%{table}%'");

    private async Task<HttpResponseMessage> PostAsync(string path, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }


    [Fact]
    public async Task Registering_twice_with_the_same_key_creates_one_household_and_answers_the_same()
    {
        var key = Guid.NewGuid().ToString();
        var body = Households.Body();

        var first = await PostAsync("/api/households", body, key);
        var second = await PostAsync("/api/households", body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        var id = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        Assert.Equal(id, JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString());
        Assert.Equal(1, await fixture.CountAsync($"SELECT count(*) FROM households WHERE id = '{id}'"));
    }

    [Fact]
    public async Task The_same_key_for_another_request_is_refused()
    {
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await PostAsync("/api/households", Households.Body(), key)).StatusCode);

        var other = await PostAsync("/api/households", Households.Body(), key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_refused_request_keeps_its_key_free_for_the_corrected_retry()
    {
        var key = Guid.NewGuid().ToString();
        var number = Households.NewHouseholdNumber();
        var wrong = Households.Body(number, "420325099099");
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("/api/households", wrong, key)).StatusCode);

        var corrected = await PostAsync("/api/households", Households.Body(number), key);

        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
    }

    [Fact]
    public async Task A_member_added_twice_with_one_key_is_added_once()
    {
        var created = await client.PostAsJsonAsync("/api/households", Households.Body());
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        var key = Guid.NewGuid().ToString();
        var body = new { reason = "born", member = Households.Member("之女", Households.NewIdNumber(new DateOnly(2021, 2, 2), male: false), "王小丫") };

        var responses = await Task.WhenAll(PostAsync($"/api/households/{id}/members", body, key), PostAsync($"/api/households/{id}/members", body, key));

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Equal(3, await fixture.CountAsync($"SELECT count(*) FROM members WHERE household_id = '{id}' AND removed_at IS NULL"));
    }

    [Fact]
    public async Task A_key_commits_with_its_write_so_a_registration_cut_off_halfway_leaves_no_claim_and_its_retry_registers_once()
    {
        var key = Guid.NewGuid().ToString();
        var number = Households.NewHouseholdNumber();
        var body = Households.Body(number);

        // New households wait on this lock: the registration stops halfway, after it has claimed its key.
        await using var hold = await HeldTable.LockAsync(fixture.DatabaseConnectionString, "households");

        var cut = PostAsync("/api/households", body, key);
        var backend = await WaitingBackendAsync("households", "the registration waits on the lock");

        // Halfway, no one else sees the key taken (a claim committed on its own outlived a killed service as "in progress").
        Assert.Equal(0, await fixture.CountAsync($"SELECT count(*) FROM idempotent_requests WHERE key = '{key}'"));

        // The registry's connection dies as with a killed service: PostgreSQL undoes its transaction.
        Assert.Equal(1, await fixture.CountAsync($"SELECT count(*) FROM (SELECT pg_terminate_backend({backend})) AS terminated"));
        await hold.ReleaseAsync();
        Assert.False((await cut).IsSuccessStatusCode);

        var retry = await PostAsync("/api/households", body, key);

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(1, await fixture.CountAsync($"SELECT count(*) FROM households WHERE household_number = '{number}'"));
        Assert.Equal(1, await fixture.CountAsync($"SELECT count(*) FROM idempotent_requests WHERE key = '{key}' AND status_code = 201"));
    }

    [Fact]
    public async Task A_retry_that_comes_while_the_first_request_runs_waits_for_it_and_gets_its_answer()
    {
        var key = Guid.NewGuid().ToString();
        var number = Households.NewHouseholdNumber();
        var body = Households.Body(number);
        await using var hold = await HeldTable.LockAsync(fixture.DatabaseConnectionString, "households");

        var first = PostAsync("/api/households", body, key);
        await WaitingBackendAsync("households", "the first registration waits on the lock");
        // The retry's claim waits on the first one's (uncommitted) key, not answered "in progress".
        var retry = PostAsync("/api/households", body, key);
        await Eventually.AssertAsync(
            async () => await WaitingBackendOrZeroAsync("idempotent_requests") > 0 || retry.IsCompleted,
            TimeSpan.FromSeconds(30),
            "the retry waits on the first request's key");
        await hold.ReleaseAsync();

        var (answered, replayed) = (await first, await retry);

        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replayed.StatusCode);
        Assert.Equal("true", replayed.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await answered.Content.ReadAsStringAsync(), await replayed.Content.ReadAsStringAsync());
        Assert.Equal(1, await fixture.CountAsync($"SELECT count(*) FROM households WHERE household_number = '{number}'"));
    }

    [Fact]
    public async Task Keys_older_than_a_day_are_forgotten_and_newer_ones_kept()
    {
        var old = "old-" + Guid.NewGuid();
        var recent = "recent-" + Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await PostAsync("/api/households", Households.Body(), old)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PostAsync("/api/households", Households.Body(), recent)).StatusCode);
        await fixture.CountAsync($"WITH aged AS (UPDATE idempotent_requests SET created_at = now() - interval '25 hours' WHERE key = '{old}' RETURNING 1) SELECT count(*) FROM aged");

        var pruning = fixture.Host.Services.GetRequiredService<IdempotencyPruning<HouseholdsDbContext>>();
        Assert.True(await pruning.PruneAsync(CancellationToken.None) >= 1);

        Assert.Equal(0, await fixture.CountAsync($"SELECT count(*) FROM idempotent_requests WHERE key = '{old}'"));
        Assert.Equal(1, await fixture.CountAsync($"SELECT count(*) FROM idempotent_requests WHERE key = '{recent}'"));
    }
}

/// <summary>A table locked against writes (reads go on) by a transaction of the test's own, until released.</summary>
internal sealed class HeldTable : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private NpgsqlTransaction? transaction;

    private HeldTable(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        this.connection = connection;
        this.transaction = transaction;
    }

    public static async Task<HeldTable> LockAsync(string connectionString, string table)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand($"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE", connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        return new HeldTable(connection, transaction);
    }

    public async Task ReleaseAsync()
    {
        if (transaction is not null)
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            transaction = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        await connection.DisposeAsync();
    }
}
