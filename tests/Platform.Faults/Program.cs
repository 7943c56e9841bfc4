using Platform.Faults;

// The fault harness (README, "Fault harness"):
//   dotnet run --project tests/Platform.Faults -- [--cycles 20] [--workers 4] [--seed 2020] [--bulk-size 100] [--victims rabbitmq,postgres,households,education] [--keep]
// Exit code 0 when nothing was lost, duplicated or unexpected and every outbox and queue is empty; 1 otherwise; 2 for bad arguments.
FaultHarnessOptions options;
try
{
    options = FaultHarnessOptions.Parse(args, Console.Out);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine("usage: dotnet run --project tests/Platform.Faults -- [--cycles N] [--workers N] [--seed N] [--bulk-size N] [--victims rabbitmq,postgres,households,education] [--keep]");
    return 2;
}

Console.WriteLine($"fault harness: {options.Cycles} cycles of {string.Join(", ", options.Victims)}, {options.Workers} workers, seed {options.Seed}");
var report = await FaultHarness.RunAsync(options);
Console.WriteLine();
Console.WriteLine(report);
return report.Passed ? 0 : 1;
