using Google.Rpc;
using Grpc.Core;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Testing;

namespace Platform.Households.Tests.Api;

/// <summary>The departmental API over real HTTP/2 (h2c on Kestrel).</summary>
public class RegistryGrpcTests(HouseholdsFixture fixture) : IClassFixture<HouseholdsFixture>
{
    private static HouseholdRecord Record(string number, params (string Id, string Relation)[] members)
    {
        var record = new HouseholdRecord
        {
            ClientRef = "ref-" + number,
            HouseholdNumber = number,
            VillageCode = HouseholdsFixture.VillageCodes[1],
            Status = "poor",
            MainCause = "disability",
            RegisteredYear = 2015,
        };
        record.Members.AddRange(members.Select(m => new MemberRecord { IdNumber = m.Id, Name = "刘德福", Relation = m.Relation, Health = "healthy" }));
        return record;
    }


    [Fact]
    public async Task A_bulk_import_accepts_good_records_and_rejects_bad_ones_whole_with_their_reason()
    {
        using var channel = fixture.Host.CreateGrpcChannel(TestTokens.CountyOffice());
        var client = fixture.GrpcClient(channel);
        var shared = Households.NewIdNumber(new DateOnly(1970, 1, 1));
        var good1 = Households.NewHouseholdNumber();
        var good2 = Households.NewHouseholdNumber();
        var badId = Households.NewHouseholdNumber();
        var dupPerson = Households.NewHouseholdNumber();
        var badVillage = Households.NewHouseholdNumber();
        var outboxBefore = await fixture.CountAsync("SELECT count(*) FROM outbox_messages");

        using var call = client.ImportHouseholds();
        await call.RequestStream.WriteAsync(Record(good1, (shared, "户主"), (Households.NewIdNumber(new DateOnly(1999, 9, 9)), "之子")));
        await call.RequestStream.WriteAsync(Record(badId, ("42032519700101001X", "户主")));
        await call.RequestStream.WriteAsync(Record(dupPerson, (Households.NewIdNumber(new DateOnly(1971, 1, 1)), "户主"), (shared, "之女")));
        var wrongVillage = Record(badVillage, (Households.NewIdNumber(new DateOnly(1972, 1, 1)), "户主"));
        wrongVillage.VillageCode = "420325777777";
        await call.RequestStream.WriteAsync(wrongVillage);
        await call.RequestStream.WriteAsync(Record(good2, (Households.NewIdNumber(new DateOnly(1973, 1, 1)), "户主")));
        await call.RequestStream.CompleteAsync();
        var summary = await call;

        Assert.Equal(5, summary.Received);
        Assert.Equal(2, summary.Accepted);
        Assert.Equal(3, summary.Rejected);
        Assert.Collection(
            summary.Rejections.OrderBy(r => r.Index),
            r => Assert.Equal((1, "members[0].id_number", "ref-" + badId), (r.Index, r.Field, r.ClientRef)),
            r => Assert.Equal((2, "members[1].id_number"), (r.Index, r.Field)),
            r => Assert.Equal((3, "village_code", "行政村不存在"), (r.Index, r.Field, r.Reason)));

        Assert.Equal(2, await fixture.CountAsync($"SELECT count(*) FROM households WHERE household_number IN ('{good1}','{good2}','{badId}','{dupPerson}','{badVillage}')"));
        Assert.Equal(3, await fixture.CountAsync($"SELECT count(*) FROM members m JOIN households h ON h.id = m.household_id WHERE h.household_number IN ('{good1}','{good2}','{dupPerson}')"));
        Assert.Equal(outboxBefore + 2, await fixture.CountAsync("SELECT count(*) FROM outbox_messages"));

        // Importing the same records again accepts nothing and writes nothing.
        using var again = client.ImportHouseholds();
        await again.RequestStream.WriteAsync(Record(good2, (Households.NewIdNumber(new DateOnly(1974, 1, 1)), "户主")));
        await again.RequestStream.CompleteAsync();
        var second = await again;
        Assert.Equal((0, 1, "household_number"), (second.Accepted, second.Rejected, second.Rejections[0].Field));
    }

    [Fact]
    public async Task A_member_is_found_by_the_whole_id_number_and_households_come_back_masked()
    {
        using var channel = fixture.Host.CreateGrpcChannel(TestTokens.CountyOffice());
        var client = fixture.GrpcClient(channel);
        var person = Households.NewIdNumber(new DateOnly(1966, 6, 6));
        var number = Households.NewHouseholdNumber();
        using (var call = client.ImportHouseholds())
        {
            await call.RequestStream.WriteAsync(Record(number, (person, "户主")));
            await call.RequestStream.CompleteAsync();
            Assert.Equal(1, (await call).Accepted);
        }

        var found = await client.FindMemberAsync(new FindMemberRequest { IdNumber = person });
        Assert.True(found.Found);
        Assert.Equal(number, found.HouseholdNumber);
        Assert.Equal("poor", found.Status);

        var household = await client.GetHouseholdAsync(new GetHouseholdRequest { HouseholdNumber = number });
        Assert.Equal("420325************", household.Members.Single().IdNumber);

        var missing = await Assert.ThrowsAsync<RpcException>(() => client.GetHouseholdAsync(new GetHouseholdRequest { HouseholdNumber = "nope" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task An_invalid_id_number_is_InvalidArgument_with_the_field_in_the_rich_status()
    {
        using var channel = fixture.Host.CreateGrpcChannel(TestTokens.CountyOffice());
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.GrpcClient(channel).FindMemberAsync(new FindMemberRequest { IdNumber = "420325" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single();
        Assert.Equal("id_number", violation.Field);
        Assert.Equal("身份证号码应为18位", violation.Description);
    }

    [Fact]
    public async Task Villages_of_an_unknown_township_are_refused_whole()
    {
        using var channel = fixture.Host.CreateGrpcChannel(TestTokens.CountyOffice());
        var request = new ImportVillagesRequest();
        request.Villages.Add(new VillageRecord { Code = "420325001009", Name = "好村", TownshipCode = HouseholdsFixture.TownshipCode });
        request.Villages.Add(new VillageRecord { Code = "420325099001", Name = "坏村", TownshipCode = "420325099" });

        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.GrpcClient(channel).ImportVillagesAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("villages[1].township_code", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await fixture.CountAsync("SELECT count(*) FROM villages WHERE code = '420325001009'"));
    }

    [Fact]
    public async Task Without_a_token_the_call_is_Unauthenticated()
    {
        using var channel = fixture.Host.CreateGrpcChannel(token: null);
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.GrpcClient(channel).FindMemberAsync(new FindMemberRequest { IdNumber = "11010519491231002X" }).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(b => b, b => b);

    /// <summary>A GetHouseholdRequest whose household number is not UTF-8: not a message the registry can read.</summary>
    private static readonly byte[] Unreadable = [0x0A, 0x04, 0xC3, 0x28, 0xFF, 0xFE];

    [Fact]
    public async Task A_message_that_is_not_valid_protobuf_is_refused_as_invalid_argument_not_an_unknown_error()
    {
        using var channel = fixture.Host.CreateGrpcChannel(TestTokens.CountyOffice());
        var invoker = channel.CreateCallInvoker();
        var unary = new Method<byte[], byte[]>(MethodType.Unary, "platform.households.v1.HouseholdRegistry", "GetHousehold", Raw, Raw);
        var stream = new Method<byte[], byte[]>(MethodType.ClientStreaming, "platform.households.v1.HouseholdRegistry", "ImportHouseholds", Raw, Raw);

        var single = await Assert.ThrowsAsync<RpcException>(() => invoker.AsyncUnaryCall(unary, null, default, Unreadable).ResponseAsync);
        var truncated = await Assert.ThrowsAsync<RpcException>(() => invoker.AsyncUnaryCall(unary, null, default, [0x0A, 0x10, 0x41]).ResponseAsync);
        using var import = invoker.AsyncClientStreamingCall(stream, null, default);
        await import.RequestStream.WriteAsync([0x12, 0x02, 0xC3, 0x28]);
        await import.RequestStream.CompleteAsync();
        var streamed = await Assert.ThrowsAsync<RpcException>(() => import.ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, StatusCode.InvalidArgument, StatusCode.InvalidArgument), (single.StatusCode, truncated.StatusCode, streamed.StatusCode));
        Assert.Contains("protobuf", single.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_over_the_size_limit_is_refused_as_resource_exhausted()
    {
        using var channel = fixture.Host.CreateGrpcChannel(TestTokens.CountyOffice());
        var request = new ImportVillagesRequest { Townships = { new TownshipRecord { Code = "420325001", Name = new string('镇', 600_000) } } };

        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.GrpcClient(channel).ImportVillagesAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }
}
