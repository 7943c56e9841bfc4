using System.Reflection;

namespace Platform.Testing;

/// <summary>
/// A service's build, for a harness that runs it as a process of its own (the fault harness, the bench): the same
/// configuration (Debug or Release) and target framework as the test kit's own build, which the harness's build made.
/// </summary>
public static class ServiceBuilds
{
    public static string Configuration { get; } = Metadata("BuildConfiguration");

    public static string TargetFramework { get; } = Metadata("TargetFramework");

    /// <summary>The built DLL of the project in <paramref name="projectFolder"/> (absolute, or relative to the repository); throws when it is not built.</summary>
    public static string Dll(string projectFolder)
    {
        var folder = Path.Combine(RepositoryPaths.Root, projectFolder);
        var dll = Path.Combine(folder, "bin", Configuration, TargetFramework, Path.GetFileName(folder) + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is not built (dotnet build -c {Configuration} {folder})", dll);
    }

    private static string Metadata(string key) =>
        typeof(ServiceBuilds).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is missing");
}
