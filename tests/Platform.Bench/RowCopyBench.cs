using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.ServiceDefaults.Data;
using Platform.Testing;

namespace Platform.Bench;

/// <summary>
/// The building blocks' binary COPY of new rows (<see cref="AddedRowsCopy"/>, what every batch of events and every feed
/// writes its new rows with) beside a hand-written typed COPY of the same rows, the floor: rows a second and
/// CPU-milliseconds of this process per 10,000 rows, best of three rounds each.
///   dotnet run -c Release --project tests/Platform.Bench -- --row-copy [--rows 200000]
/// </summary>
public static class RowCopyBench
{
    public enum Kind
    {
        Wage = 1,
        Transfer = 4,
    }

    public sealed class Income
    {
        public Guid Id { get; init; }

        public Guid HouseholdId { get; init; }

        public required string SourceRecordId { get; init; }

        public int Year { get; init; }

        public Kind Kind { get; init; }

        public decimal Amount { get; init; }

        public bool CountsTowardExit { get; init; }

        public DateOnly PaidOn { get; init; }

        public int? Months { get; init; }

        public DateTimeOffset RecordedAt { get; init; }
    }

    public sealed class CopyBenchDbContext(DbContextOptions<CopyBenchDbContext> options) : DbContext(options)
    {
        public DbSet<Income> Incomes => Set<Income>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Income>().ToTable("incomes");
            modelBuilder.Entity<Income>().Property(i => i.SourceRecordId).HasMaxLength(100);
            modelBuilder.Entity<Income>().Property(i => i.Amount).HasPrecision(12, 2);
        }
    }

    public static async Task<int> RunAsync(int rowCount)
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var connectionString = await infrastructure.CreateDatabaseAsync("bench_rowcopy");
        var options = new DbContextOptionsBuilder<CopyBenchDbContext>().UseNpgsql(connectionString).Options;
        await using (var db = new CopyBenchDbContext(options))
        {
            await db.Database.EnsureCreatedAsync();
        }

        var now = DateTimeOffset.UtcNow;
        var rows = Enumerable.Range(0, rowCount).Select(i => new Income
        {
            Id = Guid.CreateVersion7(), HouseholdId = Guid.CreateVersion7(), SourceRecordId = "wage-" + i.ToString(CultureInfo.InvariantCulture), Year = 2020,
            Kind = i % 2 == 0 ? Kind.Wage : Kind.Transfer, Amount = 1234.56m + i, CountsTowardExit = i % 3 != 0, PaidOn = new DateOnly(2020, 1 + (i % 12), 1),
            Months = i % 4 == 0 ? null : 12, RecordedAt = now,
        }).ToList();

        Console.WriteLine($"Row copy bench: {rowCount:N0} rows of 10 columns, best of 3 rounds each (this process's CPU).");
        var copy = await BestAsync(options, async db => await AddedRowsCopy.CopyRowsAsync(db, rows, CancellationToken.None));
        var raw = await BestAsync(options, async db => await RawCopyAsync((NpgsqlConnection)db.Database.GetDbConnection(), rows));
        Console.WriteLine($"  AddedRowsCopy      {rowCount / copy.Wall.TotalSeconds,10:N0} rows/s   {copy.Cpu.TotalMilliseconds * 10_000 / rowCount,6:N1} CPU-ms per 10,000 rows");
        Console.WriteLine($"  typed COPY by hand {rowCount / raw.Wall.TotalSeconds,10:N0} rows/s   {raw.Cpu.TotalMilliseconds * 10_000 / rowCount,6:N1} CPU-ms per 10,000 rows");
        Console.WriteLine($"  ratio (building block ÷ by hand): {raw.Wall / copy.Wall:0.00} in rows/s, {copy.Cpu / raw.Cpu:0.00}× the CPU");
        return 0;
    }

    private static async Task<(TimeSpan Wall, TimeSpan Cpu)> BestAsync(DbContextOptions<CopyBenchDbContext> options, Func<CopyBenchDbContext, Task> copy)
    {
        var best = (Wall: TimeSpan.MaxValue, Cpu: TimeSpan.MaxValue);
        for (var round = 0; round < 4; round++)
        {
            await using var db = new CopyBenchDbContext(options);
            await db.Database.ExecuteSqlRawAsync("TRUNCATE incomes");
            await using var transaction = await db.Database.BeginTransactionAsync();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await copy(db);
            await transaction.CommitAsync();
            var wall = clock.Elapsed;
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            if (round > 0 && wall < best.Wall)
            {
                best = (wall, cpu); // round 0 warms up (JIT, the compiled writers)
            }
        }

        return best;
    }

    private static async Task RawCopyAsync(NpgsqlConnection connection, List<Income> rows)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY incomes (\"Id\", \"Amount\", \"CountsTowardExit\", \"HouseholdId\", \"Kind\", \"Months\", \"PaidOn\", \"RecordedAt\", \"SourceRecordId\", \"Year\") FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(row.Id, "uuid");
            await writer.WriteAsync(row.Amount, "numeric");
            await writer.WriteAsync(row.CountsTowardExit, "boolean");
            await writer.WriteAsync(row.HouseholdId, "uuid");
            await writer.WriteAsync((int)row.Kind, "integer");
            if (row.Months is { } months)
            {
                await writer.WriteAsync(months, "integer");
            }
            else
            {
                await writer.WriteNullAsync();
            }

            await writer.WriteAsync(row.PaidOn, "date");
            await writer.WriteAsync(row.RecordedAt, "timestamp with time zone");
            await writer.WriteAsync(row.SourceRecordId, "character varying");
            await writer.WriteAsync(row.Year, "integer");
        }

        await writer.CompleteAsync();
    }
}
