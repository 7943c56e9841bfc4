using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;

namespace Platform.Messaging.Tests;

/// <summary>
/// A service compiles each of its queries once (<see cref="ServiceDefaults.Data.DatabaseExtensions.QueryCacheSize"/>): EF Core's
/// own cache holds about 500 queries with their SQL, fewer than the platform's services use, and past it queries were
/// compiled again on use (a fifth of the test process's CPU in the access matrix).
/// </summary>
public sealed class QueryCacheTests
{
    /// <summary>Twice EF Core's own capacity: 10,240 units, 10 for a compiled query and 10 for its SQL.</summary>
    private const int DistinctQueries = 1_024;

    [Fact]
    public async Task A_service_compiles_each_of_more_queries_than_ef_cores_own_cache_holds_only_once()
    {
        await using var service = await NotesService.StartAsync();
        var tag = "query-cache-" + Guid.NewGuid().ToString("N");
        using var recorder = new EfCommandRecorder();

        // Other tests compile queries in the same process: these are the ones with the tag.
        int Compilations() => recorder.CompiledQueries.Count(query => ExpressionPrinter.Print(query).Contains(tag, StringComparison.Ordinal));

        await RunAsync(service, tag);
        var first = Compilations();
        await RunAsync(service, tag);

        Assert.Equal(DistinctQueries, first);
        Assert.Equal(first, Compilations());
    }

    /// <summary>Each query distinct to EF Core: a constant of its own in the filter.</summary>
    private static async Task RunAsync(NotesService service, string tag)
    {
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotesDbContext>();
        var note = Expression.Parameter(typeof(Note), "n");
        for (var i = 0; i < DistinctQueries; i++)
        {
            var longerThan = Expression.Lambda<Func<Note, bool>>(
                Expression.GreaterThan(Expression.Property(Expression.Property(note, nameof(Note.Text)), nameof(string.Length)), Expression.Constant(i)),
                note);
            await db.Notes.TagWith(tag).Where(longerThan).CountAsync();
        }
    }
}
