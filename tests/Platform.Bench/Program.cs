using System.Globalization;
using Platform.DemoCounty;

// The benches (each starts its own servers; see each class). Without an option, the import bench:
//   dotnet run -c Release --project tests/Platform.Bench -- [--scale 1] [--seed 2020]
// Every ratio in one run (AllBench.cs): -- --all [--scale 1] [--json bench-results.json] [--duration 10] [--connections 32] [--runs 200]
// Only the gateway against nginx (part c, after an import for data): -- --gateway [--scale 0.05] [--hold SECONDS]
//   [--gateway-setting KEY=VALUE]… (a setting or environment variable of the gateway's process only)
var scale = ArgValue("--scale", 1.0);
var seed = (int)ArgValue("--seed", DemoCountyGenerator.DefaultSeed);
if (args.Contains("--all") || args.Contains("--gateway"))
{
    // Every ratio in one run, as a Markdown table and as JSON (AllBench.cs).
    return await Platform.Bench.AllBench.RunAsync(new Platform.Bench.AllBenchOptions(
        scale, seed, ArgText("--json", "bench-results.json"), TimeSpan.FromSeconds(ArgValue("--duration", 10)), (int)ArgValue("--connections", 32), (int)ArgValue("--runs", 200),
        GatewayOnly: args.Contains("--gateway"), Hold: TimeSpan.FromSeconds(ArgValue("--hold", 0)), GatewaySettings: GatewaySettings()));
}

if (args.Contains("--events"))
{
    // The event path beside a raw RabbitMQ.Client loop (EventPathBench.cs).
    return await Platform.Bench.EventPathBench.RunAsync(scale, seed);
}

if (args.Contains("--education"))
{
    // The education pillar's school-roll bench (EducationBench.cs).
    return await Platform.Bench.EducationBench.RunAsync(scale, seed, (int)ArgValue("--dropout-one-in", DemoEducation.DropoutOneIn));
}

if (args.Contains("--industry"))
{
    // The industry pillar's feeds (IndustryBench.cs).
    return await Platform.Bench.IndustryBench.RunAsync(scale, seed);
}

if (args.Contains("--welfare"))
{
    // The welfare pillar's feeds (WelfareBench.cs).
    return await Platform.Bench.WelfareBench.RunAsync(scale, seed);
}

if (args.Contains("--ecology"))
{
    // The ecology pillar's feeds (EcologyBench.cs).
    return await Platform.Bench.EcologyBench.RunAsync(scale, seed);
}

if (args.Contains("--relocation"))
{
    // The relocation pillar's feeds (RelocationBench.cs).
    return await Platform.Bench.RelocationBench.RunAsync(scale, seed);
}

if (args.Contains("--portal"))
{
    // The portal's dashboard in Chromium against a running platform (PortalBench.cs).
    return await Platform.Bench.PortalBench.RunAsync(
        ArgText("--url", "http://localhost:8080"), ArgText("--user", "officer"), ArgText("--password", "Demo-officer-2026"), (int)ArgValue("--runs", 10));
}

if (args.Contains("--row-copy"))
{
    // The building blocks' COPY of new rows beside a typed COPY by hand (RowCopyBench.cs).
    return await Platform.Bench.RowCopyBench.RunAsync((int)ArgValue("--rows", 200_000));
}

if (args.Contains("--figures"))
{
    // The county's figures over the demo county (FiguresBench.cs).
    return await Platform.Bench.FiguresBench.RunAsync(scale, seed, (int)ArgValue("--runs", 50));
}

// The import bench (ImportBench.cs).
return await Platform.Bench.ImportBench.RunAsync(scale, seed);

static Dictionary<string, string> GatewaySettings()
{
    var args = Environment.GetCommandLineArgs();
    return args.Zip(args.Skip(1)).Where(pair => pair.First == "--gateway-setting").Select(pair => pair.Second.Split('=', 2))
        .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : string.Empty);
}

static double ArgValue(string name, double fallback)
{
    var args = Environment.GetCommandLineArgs();
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? double.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

static string ArgText(string name, string fallback)
{
    var args = Environment.GetCommandLineArgs();
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}
