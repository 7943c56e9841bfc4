using System.Diagnostics;
using System.Reflection;

namespace Platform.Testing;

/// <summary>
/// A service's build, for a harness that runs it as a process of its own (the fault harness, the bench): the same
/// configuration (Debug or Release) and target framework as the test kit's own build, which the harness's build made.
/// </summary>
public static class ServiceBuilds
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(5) };

    public static string Configuration { get; } = Metadata("BuildConfiguration");

    public static string TargetFramework { get; } = Metadata("TargetFramework");

    /// <summary>The built DLL of the project in <paramref name="projectFolder"/> (absolute, or relative to the repository); throws when it is not built.</summary>
    public static string Dll(string projectFolder)
    {
        var folder = Path.Combine(RepositoryPaths.Root, projectFolder);
        var dll = Path.Combine(folder, "bin", Configuration, TargetFramework, Path.GetFileName(folder) + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is not built (dotnet build -c {Configuration} {folder})", dll);
    }

    /// <summary>
    /// Starts a built service as a process of its own: <c>exec dotnet</c> (the process held, measured and killed is dotnet
    /// itself, not a shell around it), its output appended to <paramref name="logFile"/>, with <paramref name="environment"/>.
    /// </summary>
    public static Process StartProcess(string name, string projectFolder, IEnumerable<KeyValuePair<string, string>> environment, string logFile)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo("bash") { WorkingDirectory = projectFolder, UseShellExecute = false };
        foreach (var argument in new[] { "-c", "exec dotnet \"$0\" </dev/null >>\"$1\" 2>&1", Dll(projectFolder), logFile })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return ChildProcesses.StoppedWithThisProcess(Process.Start(start) ?? throw new InvalidOperationException($"{name} could not be started"));
    }


    /// <summary>Whether a service's readiness endpoint answers "Healthy" (database and broker reachable, consumers connected).</summary>
    public static async Task<bool> IsHealthyAsync(Uri readyUrl)
    {
        try
        {
            using var response = await Probe.GetAsync(readyUrl);
            return response.IsSuccessStatusCode && await response.Content.ReadAsStringAsync() == "Healthy";
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static string Metadata(string key) =>
        typeof(ServiceBuilds).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is missing");
}
