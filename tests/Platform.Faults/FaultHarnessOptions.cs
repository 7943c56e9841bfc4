using System.Globalization;

namespace Platform.Faults;

/// <summary>What the harness kills, in this order within each cycle.</summary>
public enum Victim
{
    RabbitMq,
    Postgres,
    Households,
    Education,
}

/// <summary>How long and how hard the harness runs.</summary>
public sealed record FaultHarnessOptions
{
    public const int DefaultCycles = 20;

    /// <summary>Kills of each victim.</summary>
    public int Cycles { get; init; } = DefaultCycles;

    /// <summary>Killed in turn, each once per cycle.</summary>
    public IReadOnlyList<Victim> Victims { get; init; } = [Victim.RabbitMq, Victim.Postgres, Victim.Households, Victim.Education];

    /// <summary>Clients writing through the gateway at once (each one after another, over households of its own).</summary>
    public int Workers { get; init; } = 4;

    /// <summary>Households per bulk import (gRPC ImportHouseholds, between half this and this); 0 turns the bulk imports off.</summary>
    public int BulkSize { get; init; } = 100;

    /// <summary>Pause between two bulk imports.</summary>
    public TimeSpan BulkInterval { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Seeds the load's choices (what to write, when to kill); the same seed gives the same plan, not the same timing.</summary>
    public int Seed { get; init; } = 2020;

    /// <summary>After a victim is back and the platform is ready, at least this much load before the next kill.</summary>
    public TimeSpan LoadBetweenFaults { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>A victim stays dead for a random time up to this before it is started again.</summary>
    public TimeSpan MaxDowntime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Bounded wait for a restarted victim and everything that depends on it to report ready.</summary>
    public TimeSpan RecoveryPatience { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Bounded wait, after the load stops, for every outbox and queue to empty.</summary>
    public TimeSpan DrainPatience { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a write whose outcome is unknown is retried (same Idempotency-Key) before it stays "maybe".</summary>
    public TimeSpan MaybeResolution { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Keep the servers' folder (data, logs) after the run; it is always kept when the run finds a fault.</summary>
    public bool KeepFolder { get; init; }

    /// <summary>Progress lines; the report is returned either way.</summary>
    public TextWriter Log { get; init; } = TextWriter.Null;

    /// <summary>Reads "--cycles N --workers N --seed N --bulk-size N --victims rabbitmq,postgres,... --keep".</summary>
    public static FaultHarnessOptions Parse(IReadOnlyList<string> args, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new FaultHarnessOptions { Log = log };
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number(string name)
            {
                var text = Value();
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
                    ? number
                    : throw new ArgumentException($"{name} must be a positive whole number (got '{text}')");
            }

            options = args[i] switch
            {
                "--cycles" => options with { Cycles = Number("--cycles") },
                "--workers" => options with { Workers = Number("--workers") },
                "--seed" => options with { Seed = Number("--seed") },
                "--bulk-size" => options with { BulkSize = Number("--bulk-size") },
                "--victims" => options with { Victims = ParseVictims(Value()) },
                "--keep" => options with { KeepFolder = true },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'"),
            };
        }

        return options;
    }

    private static List<Victim> ParseVictims(string list)
    {
        var victims = new List<Victim>();
        foreach (var name in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            victims.Add(name.ToLowerInvariant() switch
            {
                "rabbitmq" => Victim.RabbitMq,
                "postgres" or "postgresql" => Victim.Postgres,
                "households" or "registry" => Victim.Households,
                "education" => Victim.Education,
                _ => throw new ArgumentException($"Unknown victim '{name}' (rabbitmq, postgres, households, education)"),
            });
        }

        return victims.Count > 0 ? victims : throw new ArgumentException("--victims names none");
    }
}
