using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Platform.Deploy.Tests.Rendering;

namespace Platform.Deploy.Tests.Validation;

/// <summary>
/// Every problem of a rendered set of manifests: each object against its kind's strict schema
/// (<see cref="SchemaCatalog"/>), then what a schema cannot see but the cluster would trip over — a probe
/// on a port the container does not have, a Service or a policy naming a port no pod has, a container
/// without resources, a variable used before it is defined, a ConfigMap that is not there, a workload
/// without a disruption budget, more database connections than the database allows, a consumer of the
/// event stream whose pods do not know their instance index or count.
/// </summary>
public static partial class ManifestCheck
{
    public static IReadOnlyList<string> Problems(IReadOnlyList<JsonObject> objects)
    {
        var problems = new List<string>();
        foreach (var item in objects)
        {
            problems.AddRange(SchemaProblems(item));
        }

        var manifests = new Manifests(objects);
        var rules = new (string Name, Func<IEnumerable<string>> Check)[]
        {
            ("workloads", () => manifests.Workloads.SelectMany(manifests.WorkloadProblems)),
            ("stream instances", manifests.StreamInstanceProblems),
            ("services", manifests.ServiceProblems),
            ("autoscalers", manifests.AutoscalerProblems),
            ("disruption budgets", manifests.DisruptionBudgetProblems),
            ("service monitors", manifests.MonitorProblems),
            ("network policies", manifests.NetworkPolicyProblems),
            ("ingresses", manifests.IngressProblems),
            ("connection budgets", manifests.ConnectionBudgetProblems),
        };
        foreach (var (name, check) in rules)
        {
            try
            {
                problems.AddRange(check());
            }
            catch (Exception error) when (error is InvalidOperationException or FormatException or NullReferenceException)
            {
                // A field of the wrong type: the schema's problem above names it.
                problems.Add($"The {name} rules could not read the manifests ({error.Message})");
            }
        }

        return problems;
    }

    public static IEnumerable<string> SchemaProblems(JsonObject item)
    {
        var apiVersion = item["apiVersion"]?.GetValue<string>() ?? "(no apiVersion)";
        var kind = Kustomization.KindOf(item);
        var schema = SchemaCatalog.Instance.For(apiVersion, kind);
        if (schema is null)
        {
            yield return $"{Id(item)}: no schema for {apiVersion} {kind} (neither a Kubernetes kind nor a vendored CRD)";
            yield break;
        }

        using var document = JsonDocument.Parse(item.ToJsonString());
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            yield break;
        }

        var errors = (result.Details ?? [result])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
            .Distinct()
            .ToList();
        yield return $"{Id(item)}: does not match the {apiVersion} {kind} schema: " + (errors.Count > 0 ? string.Join("; ", errors) : "invalid");
    }

    public static string Id(JsonObject item) => $"{Kustomization.KindOf(item)}/{Kustomization.NameOf(item)}";

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)")]
    internal static partial Regex VariableReference();

    [GeneratedRegex(@"^[-._a-zA-Z][-._a-zA-Z0-9]*$")]
    internal static partial Regex EnvironmentName();
}
