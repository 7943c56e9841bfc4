using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;
using Platform.Contracts;
using Platform.Testing;

namespace Platform.Architecture.Tests;

/// <summary>The rules of the architecture page, checked on every build.</summary>
public partial class ArchitectureRules
{
    /// <summary>Every service assembly; each new pillar adds its marker type here.</summary>
    private static readonly Assembly[] Services = [typeof(Households.Program).Assembly, typeof(Education.Program).Assembly, typeof(Industry.Program).Assembly, typeof(Welfare.Program).Assembly, typeof(Ecology.Program).Assembly,
        typeof(Relocation.Program).Assembly];

    private static readonly string[] SharedAssemblies =
        ["Platform.Contracts", "Platform.Contracts.Grpc", "Platform.ServiceDefaults", "Platform.Messaging"];

    public static TheoryData<string> ServiceNames()
    {
        var data = new TheoryData<string>();
        foreach (var service in Services)
        {
            data.Add(service.GetName().Name!);
        }

        return data;
    }

    private static Assembly ServiceNamed(string name) => Services.Single(s => s.GetName().Name == name);

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void The_domain_is_plain_csharp_without_ef_aspnet_messaging_or_grpc(string service)
    {
        var assembly = ServiceNamed(service);
        var result = Types.InAssembly(assembly)
            .That().ResideInNamespace($"{assembly.GetName().Name}.Domain")
            .ShouldNot().HaveDependencyOnAny("Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "RabbitMQ", "Platform.Messaging", "Npgsql", "Grpc", "Google.Protobuf")
            .GetResult();
        Assert.True(result.IsSuccessful, "Domain types with forbidden dependencies: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void A_service_shares_only_the_contracts_and_the_building_blocks(string service)
    {
        var platformReferences = ServiceNamed(service).GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("Platform.", StringComparison.Ordinal));
        Assert.All(platformReferences, reference => Assert.Contains(reference, SharedAssemblies));
    }

    [Fact]
    public void The_building_blocks_and_contracts_know_no_service()
    {
        Assembly[] shared =
        [
            typeof(IIntegrationEvent).Assembly,
            typeof(ServiceDefaults.ServiceDefaultsExtensions).Assembly,
            typeof(Messaging.MessagingExtensions).Assembly,
        ];
        foreach (var assembly in shared)
        {
            var references = assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Platform.", StringComparison.Ordinal));
            Assert.All(references, reference => Assert.Contains(reference, SharedAssemblies));
        }

        Assert.DoesNotContain(
            typeof(IIntegrationEvent).Assembly.GetReferencedAssemblies(),
            a => a.Name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || a.Name!.StartsWith("RabbitMQ", StringComparison.Ordinal));
    }

    [Fact]
    public void Integration_events_are_sealed_records_with_init_only_members()
    {
        var events = typeof(IIntegrationEvent).Assembly.GetTypes()
            .Where(t => t.IsClass && typeof(IIntegrationEvent).IsAssignableFrom(t))
            .ToList();
        Assert.NotEmpty(events);
        foreach (var type in events)
        {
            Assert.True(type.IsSealed, $"{type.Name} should be sealed");
            Assert.NotNull(type.GetMethod("<Clone>$")); // a record
            Assert.StartsWith("Platform.Contracts.", type.Namespace, StringComparison.Ordinal);
            Assert.DoesNotMatch("(Event|Message|Command)$", type.Name);
            foreach (var property in type.GetProperties().Where(p => p.CanWrite))
            {
                var setter = property.SetMethod!;
                Assert.Contains(setter.ReturnParameter.GetRequiredCustomModifiers(), m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");
            }
        }
    }

    [Fact]
    public void Endpoints_are_minimal_apis_not_controllers()
    {
        foreach (var assembly in Services.Append(typeof(Gateway.Program).Assembly))
        {
            var result = Types.InAssembly(assembly).Should().NotHaveNameEndingWith("Controller").GetResult();
            Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
        }
    }

    [Fact]
    public void Every_proto_declares_a_versioned_platform_package_and_a_csharp_namespace()
    {
        var protos = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "contracts", "protos"), "*.proto", SearchOption.AllDirectories);
        Assert.NotEmpty(protos);
        foreach (var proto in protos)
        {
            var relative = Path.GetRelativePath(Path.Combine(RepositoryPaths.Root, "contracts", "protos"), proto).Split(Path.DirectorySeparatorChar);
            var text = File.ReadAllText(proto);
            Assert.Matches(PackagePattern(), text);
            Assert.Contains($"package platform.{relative[0]}.{relative[1]};", text, StringComparison.Ordinal);
            Assert.Contains("option csharp_namespace", text, StringComparison.Ordinal);
            Assert.DoesNotMatch(FloatPattern(), text); // money is fen or a decimal string, never float
        }
    }

    /// <summary>
    /// Dates and decimals written as text on the wire are read (and dates written) by <see cref="WireText"/> only: before,
    /// five services each had their own parser, and they differed on a leading minus and on surrounding spaces.
    /// </summary>
    [Fact]
    public void Dates_and_decimals_on_the_wire_are_read_in_one_place()
    {
        string[] roots = ["services", "gateway", "deploy", "contracts"];
        var offenders = roots
            .SelectMany(root => Directory.GetFiles(Path.Combine(RepositoryPaths.Root, root), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Path.GetFileName(file) != "WireText.cs")
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (file, line, number: index + 1)))
            .Where(l => WireParsingPattern().IsMatch(l.line))
            .Select(l => $"{Path.GetRelativePath(RepositoryPaths.Root, l.file)}:{l.number}: {l.line.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "Use WireText instead:\n" + string.Join("\n", offenders));
    }

    [GeneratedRegex(@"""yyyy-MM(-dd)?""|decimal\.(Try)?Parse\(")]
    private static partial Regex WireParsingPattern();

    [GeneratedRegex(@"package platform\.[a-z]+\.v\d+;")]
    private static partial Regex PackagePattern();

    [GeneratedRegex(@"^\s*(repeated\s+)?(float|double)\s", RegexOptions.Multiline)]
    private static partial Regex FloatPattern();
}

/// <summary>Options validation that holds when several hosts of one process start at once.</summary>
public partial class ArchitectureRules
{
    /// <summary>
    /// A <see cref="System.ComponentModel.DataAnnotations.RangeAttribute"/> over a type other than int and double (a TimeSpan)
    /// converts its bounds lazily and not thread-safely (dotnet/runtime#1143): validated by reflection, two hosts starting at
    /// once failed with an InvalidCastException now and then. Such options are checked by a generated validator instead.
    /// </summary>
    [Fact]
    public void Options_with_a_range_over_a_non_primitive_type_are_checked_by_a_generated_validator()
    {
        var assemblies = Services.Append(typeof(Gateway.Program).Assembly).Append(typeof(ServiceDefaults.Auth.PlatformAuthOptions).Assembly);
        foreach (var assembly in assemblies)
        {
            var generated = assembly.GetTypes()
                .Where(t => t.GetCustomAttributes(typeof(Microsoft.Extensions.Options.OptionsValidatorAttribute), false).Length > 0)
                .SelectMany(t => t.GetInterfaces())
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(Microsoft.Extensions.Options.IValidateOptions<>))
                .Select(i => i.GetGenericArguments()[0])
                .ToHashSet();
            var withLazyRanges = assembly.GetTypes()
                .Where(t => t.GetProperties().Any(p => p.GetCustomAttributes<System.ComponentModel.DataAnnotations.RangeAttribute>()
                    .Any(range => range.OperandType != typeof(int) && range.OperandType != typeof(double))))
                .ToList();
            Assert.All(withLazyRanges, options => Assert.True(generated.Contains(options), $"{options.FullName}: a [Range(typeof(...))] needs an [OptionsValidator] validator, not ValidateDataAnnotations"));
        }
    }
}
