using Microsoft.Extensions.DependencyInjection;

namespace Platform.AppHost;

internal static class PlatformResourceExtensions
{
    /// <summary>
    /// A web service of the platform in the Development environment, on the Kestrel endpoints of its
    /// own appsettings.json (no endpoints injected, no proxy: h2c gRPC stays direct), healthy when
    /// its /health/ready answers 200, with links to its REST and gRPC addresses in the dashboard.
    /// OTEL_* variables pointing at the dashboard are set by WithOtlpExporter; its in-memory retry of
    /// failed exports is turned off, because on Ctrl-C the dashboard may stop first and a service
    /// then spends more than the orchestrator's 6 s grace retrying (and gets killed, not stopped).
    /// </summary>
    public static IResourceBuilder<ExecutableResource> AddPlatformService<TProject>(
        this IDistributedApplicationBuilder builder,
        string name,
        int restPort,
        int grpcPort)
        where TProject : IProjectMetadata, new()
    {
        var rest = new Uri($"http://127.0.0.1:{restPort}/");
        return builder
            .AddBuiltProject<TProject>(name)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
            .WithEnvironment("DOTNET_ENVIRONMENT", "Development")
            .WithEnvironment(context => context.EnvironmentVariables.Remove("OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"))
            .WithHttpReadyCheck(new Uri(rest, "health/ready"))
            .WithUrl(rest.ToString(), "REST")
            .WithUrl(LocalPorts.Url("127.0.0.1", grpcPort), "gRPC (h2c)");
    }

    /// <summary>
    /// A project of the solution run straight from the build start.sh made (its native executable, working in the
    /// project's folder as <c>dotnet run</c> would), with the dashboard's OpenTelemetry variables. AddProject runs
    /// <c>dotnet run</c>, which evaluates the project with MSBuild first: 1–2 CPU-seconds per process that the eight
    /// processes of a start spend side by side on two cores before any of them begins its own start.
    /// </summary>
    public static IResourceBuilder<ExecutableResource> AddBuiltProject<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new()
    {
        var project = new TProject().ProjectPath;
        var folder = Path.GetDirectoryName(project)!;

        // The AppHost and the projects it references are built together (same configuration and target framework), so
        // each project's output sits where the AppHost's own does relative to its project folder (bin/Release/net10.0/).
        var output = Path.Combine(folder, Path.GetRelativePath(builder.AppHostDirectory, AppContext.BaseDirectory));
        var executable = Path.Combine(output, Path.GetFileNameWithoutExtension(project));
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"{executable} is not built: build deploy/AppHost first (deploy/start.sh does).");
        }

        return builder.AddExecutable(name, executable, folder).WithOtlpExporter();
    }

    /// <summary>Healthy once every port accepts TCP connections on 127.0.0.1.</summary>
    public static IResourceBuilder<T> WithTcpHealthCheck<T>(this IResourceBuilder<T> resource, params int[] ports)
        where T : IResource
    {
        var key = $"{resource.Resource.Name}-tcp";
        resource.ApplicationBuilder.Services.AddHealthChecks().AddCheck(key, new TcpPortsHealthCheck(ports));
        return resource.WithHealthCheck(key);
    }

    /// <summary>Healthy once GET <paramref name="url"/> answers 200.</summary>
    public static IResourceBuilder<T> WithHttpReadyCheck<T>(this IResourceBuilder<T> resource, Uri url)
        where T : IResource
    {
        var key = $"{resource.Resource.Name}-ready";
        resource.ApplicationBuilder.Services.AddHealthChecks().AddCheck(key, new HttpReadyHealthCheck(url));
        return resource.WithHealthCheck(key);
    }
}
