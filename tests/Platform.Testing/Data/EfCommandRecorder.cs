using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.Testing;

/// <summary>A database command EF Core executed: how long it took, its SQL and its parameters' values.</summary>
public sealed record RecordedCommand(TimeSpan Duration, string Sql, IReadOnlyList<object?> Parameters);

/// <summary>
/// The EF Core commands this process executes while the recorder lives, and the queries it compiles, from EF Core's
/// diagnostic events. Test hosts run in the test's process, so a test (or a bench) sees the SQL its requests caused;
/// other tests' commands come too, so pick yours out by a parameter only your request sends (or a query by its tag).
/// </summary>
public sealed class EfCommandRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly IDisposable all;
    private readonly List<IDisposable> listeners = [];
    private readonly List<RecordedCommand> commands = [];
    private readonly List<System.Linq.Expressions.Expression> compiledQueries = [];

    public EfCommandRecorder() => all = DiagnosticListener.AllListeners.Subscribe(this);

    /// <summary>The commands so far, in the order they ended.</summary>
    public IReadOnlyList<RecordedCommand> Commands
    {
        get
        {
            lock (commands)
            {
                return [.. commands];
            }
        }
    }

    /// <summary>The queries compiled so far (a compiled query's cache miss), as EF Core received them.</summary>
    public IReadOnlyList<System.Linq.Expressions.Expression> CompiledQueries
    {
        get
        {
            lock (compiledQueries)
            {
                return [.. compiledQueries];
            }
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (listeners)
            {
                listeners.Add(value.Subscribe(this));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is CommandExecutedEventData executed)
        {
            var parameters = executed.Command.Parameters.Cast<DbParameter>().Select(p => p.Value).ToList();
            lock (commands)
            {
                commands.Add(new RecordedCommand(executed.Duration, executed.Command.CommandText, parameters));
            }
        }
        else if (value.Key == CoreEventId.QueryCompilationStarting.Name && value.Value is QueryExpressionEventData compiling)
        {
            lock (compiledQueries)
            {
                compiledQueries.Add(compiling.Expression);
            }
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    public void Dispose()
    {
        all.Dispose();
        lock (listeners)
        {
            listeners.ForEach(l => l.Dispose());
        }
    }
}
