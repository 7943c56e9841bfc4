using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Data;
using Platform.Testing;

namespace Platform.Messaging.Tests;

/// <summary>COPY of a unit of work's new rows writes what EF's INSERTs would have written, and leaves to EF what it cannot copy.</summary>
public sealed class AddedRowsCopyTests
{
    public enum Kind
    {
        Wage = 1,
        Transfer = 4,
    }

    public sealed class Parent
    {
        public Guid Id { get; init; }

        public required string Name { get; init; }

        public Kind Kind { get; init; }

        public Kind[] OtherKinds { get; init; } = [];

        public DateOnly Born { get; init; }

        public DateTimeOffset At { get; init; }

        public decimal Amount { get; init; }

        public int? Grade { get; init; }

        public List<Child> Children { get; } = [];
    }

    public sealed class Child
    {
        public long Id { get; init; }

        public Guid ParentId { get; init; }

        public required string Note { get; init; }
    }

    public sealed record Person(string Name, string Position);

    public sealed class Case
    {
        public Guid Id { get; init; }

        public required Person Officer { get; init; }
    }

    public sealed class CopyDbContext(DbContextOptions<CopyDbContext> options) : DbContext(options)
    {
        public DbSet<Parent> Parents => Set<Parent>();

        public DbSet<Child> Children => Set<Child>();

        public DbSet<Case> Cases => Set<Case>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Parent>().Property(p => p.Name).HasMaxLength(30);
            modelBuilder.Entity<Parent>().Property(p => p.Amount).HasPrecision(12, 2);
            modelBuilder.Entity<Parent>().HasMany(p => p.Children).WithOne().HasForeignKey(c => c.ParentId);
            modelBuilder.Entity<Case>().ComplexProperty(c => c.Officer);
        }
    }

    [Fact]
    public async Task New_rows_are_copied_with_their_types_converted_identity_keys_numbered_and_parents_first_while_complex_types_go_through_ef()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var connectionString = await infrastructure.CreateDatabaseAsync("added_rows_copy");
        var options = new DbContextOptionsBuilder<CopyDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options;
        await using (var setup = new CopyDbContext(options))
        {
            await setup.Database.EnsureCreatedAsync();
        }

        var at = new DateTimeOffset(2020, 4, 21, 2, 30, 0, TimeSpan.Zero);
        var parent = new Parent { Id = Guid.NewGuid(), Name = "长阳县扶贫车间", Kind = Kind.Transfer, OtherKinds = [Kind.Wage, Kind.Transfer], Born = new DateOnly(1961, 7, 1), At = at, Amount = 4000.50m };
        parent.Children.Add(new Child { ParentId = parent.Id, Note = "第一" });
        parent.Children.Add(new Child { ParentId = parent.Id, Note = "第二" });
        var caseId = Guid.NewGuid();
        await using (var db = new CopyDbContext(options))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Parents.Add(parent);
            db.Cases.Add(new Case { Id = caseId, Officer = new Person("张镇长", "乡镇长") });
            var copied = await AddedRowsCopy.CopyAsync(db, CancellationToken.None);
            Assert.Equal(["Child", "Parent"], copied.Keys.Select(k => k.ClrType.Name).Order());
            Assert.Equal(EntityState.Added, db.Entry(db.Cases.Local.Single()).State); // left to SaveChanges
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        await using var check = new CopyDbContext(options);
        var stored = await check.Parents.Include(p => p.Children).SingleAsync();
        Assert.Equal((parent.Name, Kind.Transfer, new DateOnly(1961, 7, 1), at, 4000.50m, (int?)null), (stored.Name, stored.Kind, stored.Born, stored.At, stored.Amount, stored.Grade));
        Assert.Equal([Kind.Wage, Kind.Transfer], stored.OtherKinds);
        Assert.Equal(["第一", "第二"], stored.Children.OrderBy(c => c.Id).Select(c => c.Note));
        Assert.All(stored.Children, c => Assert.True(c.Id > 0));
        Assert.Equal("张镇长", (await check.Cases.SingleAsync(c => c.Id == caseId)).Officer.Name);
    }

    [Fact]
    public async Task Untracked_new_rows_are_copied_parents_first_in_the_unit_of_work_and_a_type_copy_cannot_write_faithfully_is_refused()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var connectionString = await infrastructure.CreateDatabaseAsync("new_rows_copy");
        var options = new DbContextOptionsBuilder<CopyDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options;
        await using (var setup = new CopyDbContext(options))
        {
            await setup.Database.EnsureCreatedAsync();
        }

        var parent = new Parent { Id = Guid.NewGuid(), Name = "乡镇扶贫工作站", Kind = Kind.Wage, Born = new DateOnly(1970, 1, 2), At = DateTimeOffset.UtcNow, Amount = 12.5m, Grade = 2 };
        await using (var db = new CopyDbContext(options))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var rows = new NewRows();
            rows.Add(new Child { ParentId = parent.Id, Note = "先加入的子行" }); // added before its parent: the foreign key decides the order
            rows.Add(parent);
            await rows.CopyAsync(db, CancellationToken.None);
            Assert.Equal(0, rows.Count);
            Assert.Empty(db.ChangeTracker.Entries()); // never tracked
            await transaction.CommitAsync();
        }

        await using (var check = new CopyDbContext(options))
        {
            var stored = await check.Parents.Include(p => p.Children).SingleAsync();
            Assert.Equal((parent.Name, 2), (stored.Name, stored.Grade));
            Assert.Equal("先加入的子行", Assert.Single(stored.Children).Note);
        }

        await using (var db = new CopyDbContext(options))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var rows = new NewRows();
            rows.Add(new Case { Id = Guid.NewGuid(), Officer = new Person("李书记", "村支书") });
            await Assert.ThrowsAsync<InvalidOperationException>(() => rows.CopyAsync(db, CancellationToken.None));
        }

        await using var after = new CopyDbContext(options);
        Assert.Equal(0, await after.Cases.CountAsync());
    }
}
