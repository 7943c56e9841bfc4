using Npgsql;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Testing;

namespace Platform.Households.Tests.Api;

/// <summary>
/// README: "a rejected record never takes good ones with it" and nothing is half-applied. Here the race is real:
/// another writer registers one of the batch's people after the importer checked and before its COPY commits.
/// </summary>
public class BulkImportConflictTests(HouseholdsFixture fixture) : IClassFixture<HouseholdsFixture>
{
    private static HouseholdRecord Record(string number, params string[] idNumbers)
    {
        var record = new HouseholdRecord
        {
            ClientRef = "ref-" + number, HouseholdNumber = number, VillageCode = HouseholdsFixture.VillageCodes[2], Status = "poor", MainCause = "illness", RegisteredYear = 2016,
        };
        record.Members.AddRange(idNumbers.Select((id, i) => new MemberRecord { IdNumber = id, Name = "赵德全", Relation = i == 0 ? "户主" : "之子" }));
        return record;
    }

    [Fact]
    public async Task A_batch_that_hits_a_conflict_at_commit_leaves_nothing_half_applied_and_keeps_the_good_records()
    {
        var taken = Households.NewIdNumber(new DateOnly(1966, 6, 6));
        string[] numbers = [Households.NewHouseholdNumber(), Households.NewHouseholdNumber(), Households.NewHouseholdNumber()];
        var records = new[]
        {
            Record(numbers[0], Households.NewIdNumber(new DateOnly(1961, 1, 1)), Households.NewIdNumber(new DateOnly(1990, 1, 1))),
            Record(numbers[1], Households.NewIdNumber(new DateOnly(1962, 1, 1)), taken),
            Record(numbers[2], Households.NewIdNumber(new DateOnly(1963, 1, 1))),
        };

        // Another writer registers the same person in a household of its own and holds its transaction open:
        // the importer's check cannot see it, its COPY waits on the unique index, then fails when it commits.
        await using var other = new NpgsqlConnection(fixture.DatabaseConnectionString);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        var village = (int)(await new NpgsqlCommand($"SELECT id FROM villages WHERE code = '{HouseholdsFixture.VillageCodes[2]}'", other, transaction).ExecuteScalarAsync())!;
        var otherHousehold = Guid.NewGuid();
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO households (id, household_number, village_id, status, main_cause, other_causes, registered_year, registered_at, updated_at)
            VALUES (@h, @n, @v, 0, 1, '{}', 2016, now(), now());
            INSERT INTO members (id, household_id, id_number, name, sex, birth_date, relation, health, labour_ability, schooling_status, addition_reason, added_at, joined_on)
            VALUES (@m, @h, @id, '赵德全', 1, '1966-06-06', '户主', 1, 1, 8, 0, now(), '2016-01-01');
            """,
            other,
            transaction))
        {
            insert.Parameters.AddWithValue("h", otherHousehold);
            insert.Parameters.AddWithValue("n", Households.NewHouseholdNumber());
            insert.Parameters.AddWithValue("v", village);
            insert.Parameters.AddWithValue("m", Guid.NewGuid());
            insert.Parameters.AddWithValue("id", taken);
            await insert.ExecuteNonQueryAsync();
        }

        using var channel = fixture.Host.CreateGrpcChannel(TestTokens.CountyOffice());
        using var call = fixture.GrpcClient(channel).ImportHouseholds();
        foreach (var record in records)
        {
            await call.RequestStream.WriteAsync(record);
        }

        await call.RequestStream.CompleteAsync();
        // The import's COPY waits on the other writer: on the village's tally (kept in the statement that writes the
        // households) or on the person's row in the unique index (the members).
        await Eventually.AssertAsync(
            async () => await fixture.CountAsync("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'COPY %'") > 0,
            TimeSpan.FromSeconds(30),
            "the import's COPY waits on the other writer");
        await transaction.CommitAsync();
        var summary = await call;

        Assert.Equal((3, 2, 1), (summary.Received, summary.Accepted, summary.Rejected));
        Assert.Equal(1, Assert.Single(summary.Rejections).Index);
        var list = string.Join(",", numbers.Select(n => $"'{n}'"));
        Assert.Equal(0, await fixture.CountAsync($"SELECT count(*) FROM households WHERE household_number = '{numbers[1]}'"));
        // The person is registered once, in the other writer's household (no ID number in the SQL: it would be traced).
        Assert.Equal(1, await fixture.CountAsync($"SELECT count(*) FROM members WHERE id_number = (SELECT id_number FROM members WHERE household_id = '{otherHousehold}')"));
        Assert.Equal(2, await fixture.CountAsync($"SELECT count(*) FROM households WHERE household_number IN ({list})"));
        Assert.Equal(3, await fixture.CountAsync($"SELECT count(*) FROM members m JOIN households h ON h.id = m.household_id WHERE h.household_number IN ({list})"));
        // Each accepted household has its event; the rejected one none.
        Assert.Equal(1, await fixture.CountAsync($"SELECT count(*) FROM outbox_messages WHERE body LIKE '%{numbers[0]}%'"));
        Assert.Equal(1, await fixture.CountAsync($"SELECT count(*) FROM outbox_messages WHERE body LIKE '%{numbers[2]}%'"));
        Assert.Equal(0, await fixture.CountAsync($"SELECT count(*) FROM outbox_messages WHERE body LIKE '%{numbers[1]}%'"));
    }
}
