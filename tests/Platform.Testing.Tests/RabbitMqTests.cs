using System.Net;
using System.Net.Http.Json;

namespace Platform.Testing.Tests;

public sealed class RabbitMqTests(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private TestInfrastructure Infrastructure => fixture.Infrastructure;

    [Fact]
    public async Task A_message_published_to_a_fresh_vhost_is_counted()
    {
        var vhostUri = await Infrastructure.CreateVirtualHostAsync("counting");
        var vhost = TestInfrastructure.VirtualHostOf(vhostUri);
        using var management = ManagementClient();

        using (var declared = await management.PutAsJsonAsync(
                   $"api/queues/{Uri.EscapeDataString(vhost)}/orders", new { durable = true }))
        {
            Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        }

        Assert.Equal(0, await Infrastructure.CountMessagesInQueueAsync(vhostUri, "orders"));
        for (var i = 0; i < 2; i++)
        {
            using var published = await management.PostAsJsonAsync(
                $"api/exchanges/{Uri.EscapeDataString(vhost)}/amq.default/publish",
                new { properties = new { }, routing_key = "orders", payload = $"order {i}", payload_encoding = "string" });
            published.EnsureSuccessStatusCode();
            Assert.Contains("\"routed\":true", await published.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await Eventually.AssertAsync(
            async () => await Infrastructure.CountMessagesInQueueAsync(vhostUri, "orders") == 2,
            Timeout,
            "the management API counts the two published messages");
    }

    [Fact]
    public async Task A_queue_that_does_not_exist_counts_zero()
    {
        var vhostUri = await Infrastructure.CreateVirtualHostAsync("empty");

        Assert.Equal(0, await Infrastructure.CountMessagesInQueueAsync(vhostUri, "no-such-queue"));
    }

    [Fact]
    public async Task Vhost_of_the_process_is_usable_and_distinct_from_a_fresh_one()
    {
        var processVhost = TestInfrastructure.VirtualHostOf(Infrastructure.RabbitMqUri);
        var fresh = await Infrastructure.CreateVirtualHostAsync("another");

        Assert.StartsWith("test_", processVhost, StringComparison.Ordinal);
        Assert.NotEqual(processVhost, TestInfrastructure.VirtualHostOf(fresh));
        Assert.Equal("amqp", Infrastructure.RabbitMqUri.Scheme);
        Assert.Equal("guest:guest", Infrastructure.RabbitMqUri.UserInfo);
        using var management = ManagementClient();
        using var permissions = await management.GetAsync(
            new Uri($"api/vhosts/{Uri.EscapeDataString(processVhost)}/permissions", UriKind.Relative));
        permissions.EnsureSuccessStatusCode();
        Assert.Contains("\"user\":\"guest\"", await permissions.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_vhost_is_gone_with_its_queues_and_deleting_it_again_is_harmless()
    {
        var vhostUri = await Infrastructure.CreateVirtualHostAsync("deleted");
        var vhost = Uri.EscapeDataString(TestInfrastructure.VirtualHostOf(vhostUri));
        using var management = ManagementClient();
        using (var declared = await management.PutAsJsonAsync($"api/queues/{vhost}/shard", new { durable = true, arguments = new Dictionary<string, object> { ["x-queue-type"] = "quorum" } }))
        {
            Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        }

        await Infrastructure.DeleteVirtualHostAsync(vhostUri);

        using (var gone = await management.GetAsync(new Uri($"api/vhosts/{vhost}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        using (var queue = await management.GetAsync(new Uri($"api/queues/{vhost}/shard", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, queue.StatusCode);
        }

        await Infrastructure.DeleteVirtualHostAsync(vhostUri);
    }

    private HttpClient ManagementClient() => ServerChecks.ManagementClient(Infrastructure);
}
