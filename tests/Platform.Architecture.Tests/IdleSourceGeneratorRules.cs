using System.Text.RegularExpressions;
using Platform.Testing;

namespace Platform.Architecture.Tests;

/// <summary>
/// Directory.Build.targets takes four source generators out of every compilation because nothing here gives them work
/// ("IdleSourceGenerators"). These rules show they are out, and fail as soon as code starts to need one of them.
/// </summary>
public partial class IdleSourceGeneratorRules
{
    [Fact]
    public void The_openapi_xml_comment_generator_adds_nothing_to_the_hosts()
    {
        // With it, every host's AddOpenApi was intercepted to add a transformer over an empty comment cache.
        var hosts = new[] { typeof(ServiceDefaults.ServiceDefaultsExtensions).Assembly, typeof(Gateway.Program).Assembly, typeof(Households.Program).Assembly };
        var generated = hosts.SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.FullName?.Contains("OpenApiXmlCommentSupport_generated", StringComparison.Ordinal) == true)
            .Select(type => type.Assembly.GetName().Name)
            .Distinct()
            .ToList();
        Assert.True(generated.Count == 0, "the OpenAPI XML-comment generator, which should be out of the build, wrote types into " + string.Join(", ", generated));
    }

    [Fact]
    public void No_code_needs_a_generator_taken_out_of_the_build()
    {
        string[] roots = ["services", "gateway", "deploy", "contracts", "tests"];
        var offenders = roots
            .SelectMany(root => Directory.GetFiles(Path.Combine(RepositoryPaths.Root, root), "*.*", SearchOption.AllDirectories))
            .Where(file => file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".csproj", StringComparison.Ordinal) || file.EndsWith(".props", StringComparison.Ordinal))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Path.GetFileName(file) != "IdleSourceGeneratorRules.cs")
            .Append(Path.Combine(RepositoryPaths.Root, "Directory.Build.props"))
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (file, line, number: index + 1)))
            .Where(l => NeedsAnIdleGenerator().IsMatch(l.line))
            .Select(l => $"{Path.GetRelativePath(RepositoryPaths.Root, l.file)}:{l.number}: {l.line.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0,
            "This needs a source generator that Directory.Build.targets takes out of the build (IdleSourceGenerators): put it back there first.\n"
            + string.Join("\n", offenders));
    }

    // Minimal APIs' validation (AddValidation), COM and JavaScript interop, and XML documentation for OpenAPI.
    [GeneratedRegex(@"\bAddValidation\(|\[GeneratedComInterface|\[JS(Import|Export)|<GenerateDocumentationFile>\s*true")]
    private static partial Regex NeedsAnIdleGenerator();
}
