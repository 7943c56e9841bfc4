using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.ServiceDefaults.Data;
using Platform.Testing;

namespace Platform.Messaging.Tests;

/// <summary>
/// <see cref="ConcurrentChange"/> on failures a real PostgreSQL raises: what a race causes is a concurrent change (a feed applies
/// the record again), what bad data causes is not (it surfaces as the error it is).
/// </summary>
public sealed class ConcurrentChangeTests
{
    public sealed class Village
    {
        public int Id { get; init; }

        [System.ComponentModel.DataAnnotations.MaxLength(10)]
        public required string Name { get; set; }

        public uint Version { get; set; }
    }

    public sealed class Household
    {
        public int Id { get; init; }

        public int VillageId { get; init; }
    }

    public sealed class RaceDbContext(DbContextOptions<RaceDbContext> options) : DbContext(options)
    {
        public DbSet<Village> Villages => Set<Village>();

        public DbSet<Household> Households => Set<Household>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Village>().Property(v => v.Id).ValueGeneratedNever();
            modelBuilder.Entity<Village>().HasIndex(v => v.Name).IsUnique();
            modelBuilder.Entity<Village>().Property(v => v.Version).IsRowVersion();
            modelBuilder.Entity<Household>().Property(h => h.Id).ValueGeneratedNever();
            modelBuilder.Entity<Household>().HasOne<Village>().WithMany().HasForeignKey(h => h.VillageId);
        }
    }

    [Fact]
    public async Task Races_are_concurrent_changes_and_bad_values_are_not()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var connectionString = await infrastructure.CreateDatabaseAsync("concurrent_change");
        var options = new DbContextOptionsBuilder<RaceDbContext>().UseNpgsql(connectionString).Options;
        await using (var setup = new RaceDbContext(options))
        {
            await setup.Database.EnsureCreatedAsync();
            setup.Villages.AddRange(new Village { Id = 1, Name = "向阳村" }, new Village { Id = 2, Name = "红星村" });
            await setup.SaveChangesAsync();
        }

        // A unique value another writer took first.
        Assert.True(ConcurrentChange.Is(await SaveFailureAsync(options, db => db.Villages.Add(new Village { Id = 3, Name = "向阳村" }))));

        // A row read, changed by another writer, then written (the row's version no longer matches).
        await using (var stale = new RaceDbContext(options))
        {
            var village = await stale.Villages.SingleAsync(v => v.Id == 2);
            await using (var other = new RaceDbContext(options))
            {
                (await other.Villages.SingleAsync(v => v.Id == 2)).Name = "红星新村";
                await other.SaveChangesAsync();
            }

            village.Name = "红星老村";
            var error = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());
            Assert.True(ConcurrentChange.Is(error));
        }

        // A household of a village another writer removed meanwhile (raw SQL, as the feeds' COPY and upserts raise it).
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("""INSERT INTO "Households" ("Id", "VillageId") VALUES (1, 99)""", connection);
            var error = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());
            Assert.True(ConcurrentChange.Is(error));
        }

        Assert.True(ConcurrentChange.Is(await DeadlockVictimAsync(connectionString)));
        Assert.True(ConcurrentChange.Is(await SerializationFailureAsync(connectionString)));

        // Bad data: a value too long for its column; no retry can help.
        var tooLong = await SaveFailureAsync(options, db => db.Villages.Add(new Village { Id = 4, Name = "一个名字远远超过十个字的行政村" }));
        Assert.Equal(PostgresErrorCodes.StringDataRightTruncation, Assert.IsType<PostgresException>(tooLong.InnerException).SqlState);
        Assert.False(ConcurrentChange.Is(tooLong));
        Assert.False(ConcurrentChange.Is(new TimeoutException()));
    }

    private static async Task<DbUpdateException> SaveFailureAsync(DbContextOptions<RaceDbContext> options, Action<RaceDbContext> change)
    {
        await using var db = new RaceDbContext(options);
        change(db);
        return await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    /// <summary>Two transactions lock the two villages in opposite orders: PostgreSQL aborts one of them.</summary>
    private static async Task<PostgresException> DeadlockVictimAsync(string connectionString)
    {
        await using var first = new NpgsqlConnection(connectionString);
        await using var second = new NpgsqlConnection(connectionString);
        await first.OpenAsync();
        await second.OpenAsync();
        await using var firstTransaction = await first.BeginTransactionAsync();
        await using var secondTransaction = await second.BeginTransactionAsync();
        await ExecuteAsync(first, """UPDATE "Villages" SET "Name" = "Name" WHERE "Id" = 1""");
        await ExecuteAsync(second, """UPDATE "Villages" SET "Name" = "Name" WHERE "Id" = 2""");
        var firstWaits = ExecuteAsync(first, """UPDATE "Villages" SET "Name" = "Name" WHERE "Id" = 2""");
        var secondWaits = ExecuteAsync(second, """UPDATE "Villages" SET "Name" = "Name" WHERE "Id" = 1""");
        // The victim's abort releases its locks, so the other finishes too; on a busy machine both may be done before either is
        // looked at, so each is asked how it ended rather than which ended first.
        var ends = await Task.WhenAll(EndOf(firstWaits), EndOf(secondWaits)).WaitAsync(Patience);
        var error = Assert.Single(ends.OfType<PostgresException>());
        Assert.Equal(PostgresErrorCodes.DeadlockDetected, error.SqlState);
        return error;
    }

    /// <summary>A repeatable-read transaction writes a row another transaction changed after its snapshot.</summary>
    private static async Task<PostgresException> SerializationFailureAsync(string connectionString)
    {
        await using var reader = new NpgsqlConnection(connectionString);
        await using var writer = new NpgsqlConnection(connectionString);
        await reader.OpenAsync();
        await writer.OpenAsync();
        await using var snapshot = await reader.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        await ExecuteAsync(reader, """SELECT "Name" FROM "Villages" WHERE "Id" = 1""");
        await ExecuteAsync(writer, """UPDATE "Villages" SET "Name" = '向阳新村' WHERE "Id" = 1""");
        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(reader, """UPDATE "Villages" SET "Name" = '向阳老村' WHERE "Id" = 1"""));
        Assert.Equal(PostgresErrorCodes.SerializationFailure, error.SqlState);
        return error;
    }

    /// <summary>How long a statement may wait for a lock here before the test fails rather than hangs (PostgreSQL finds a deadlock within a second).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static async Task<PostgresException?> EndOf(Task statement)
    {
        try
        {
            await statement;
            return null;
        }
        catch (PostgresException error)
        {
            return error;
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().WaitAsync(Patience);
    }
}
