using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Deploy.Tests.Rendering;

namespace Platform.Deploy.Tests.Validation;

/// <summary>A rendered set of manifests and the cross-object rules of <see cref="ManifestCheck"/>.</summary>
public sealed class Manifests(IReadOnlyList<JsonObject> objects)
{
    /// <summary>Connections each database server keeps for itself (superuser_reserved_connections, replication, the operator's checks).</summary>
    public const int ReservedConnections = 10;

    public IReadOnlyList<JsonObject> Objects { get; } = objects;

    /// <summary>The label the StatefulSet controller puts on each pod with its ordinal (Kubernetes ≥ 1.28).</summary>
    public const string PodIndexLabel = "apps.kubernetes.io/pod-index";

    /// <summary>Where a consumer's pod reads its ordinal for Messaging:Stream:InstanceIndex (the downward API).</summary>
    public const string PodIndexField = "metadata.labels['" + PodIndexLabel + "']";

    public IEnumerable<JsonObject> Deployments => Of("Deployment");

    /// <summary>What runs pods: the Deployments and the StatefulSets.</summary>
    public IEnumerable<JsonObject> Workloads => Objects.Where(o => Kustomization.KindOf(o) is "Deployment" or "StatefulSet");

    /// <summary>The workloads of the services, each a consumer of the event stream (pods labelled component "service").</summary>
    public IEnumerable<JsonObject> Consumers => Workloads.Where(w => PodLabels(w).GetValueOrDefault("app.kubernetes.io/component") == "service");

    /// <summary>The Deployment or StatefulSet of a name.</summary>
    public JsonObject? FindWorkload(string name) => Workloads.FirstOrDefault(w => Kustomization.NameOf(w) == name);

    public IEnumerable<JsonObject> Of(string kind) => Objects.Where(o => Kustomization.KindOf(o) == kind);

    public JsonObject? Find(string kind, string name) => Of(kind).FirstOrDefault(o => Kustomization.NameOf(o) == name);

    public static JsonObject PodSpec(JsonObject deployment) => deployment["spec"]?["template"]?["spec"] as JsonObject ?? [];

    public static IEnumerable<JsonObject> ContainersOf(JsonObject deployment) => PodSpec(deployment)["containers"]?.AsArray().OfType<JsonObject>() ?? [];

    public static Dictionary<string, string> Labels(JsonNode? labels) =>
        labels is JsonObject map ? map.ToDictionary(l => l.Key, l => l.Value?.ToString() ?? string.Empty) : [];

    public static Dictionary<string, string> PodLabels(JsonObject deployment) => Labels(deployment["spec"]?["template"]?["metadata"]?["labels"]);

    public static bool Selects(IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.Count > 0 && selector.All(s => labels.TryGetValue(s.Key, out var value) && value == s.Value);

    /// <summary>The workloads whose pods carry every label of a selector.</summary>
    public IEnumerable<JsonObject> WorkloadsSelectedBy(IReadOnlyDictionary<string, string> selector) =>
        Workloads.Where(d => Selects(selector, PodLabels(d)));

    public static IEnumerable<JsonObject> PortsOf(JsonObject container) => container["ports"]?.AsArray().OfType<JsonObject>() ?? [];

    /// <summary>Most instances a workload may run: its autoscaler's maximum, else its replicas.</summary>
    public int MaxInstances(JsonObject workload) =>
        Integer(AutoscalerOf(workload)?["spec"]?["maxReplicas"]) ?? Integer(workload["spec"]?["replicas"]) ?? 1;

    public JsonObject? AutoscalerOf(JsonObject workload) =>
        Of("HorizontalPodAutoscaler").FirstOrDefault(h => h["spec"]?["scaleTargetRef"]?["name"]?.GetValue<string>() == Kustomization.NameOf(workload)
            && h["spec"]?["scaleTargetRef"]?["kind"]?.GetValue<string>() == Kustomization.KindOf(workload));

    public IEnumerable<string> WorkloadProblems(JsonObject deployment)
    {
        var id = ManifestCheck.Id(deployment);
        var selector = Labels(deployment["spec"]?["selector"]?["matchLabels"]);
        if (!Selects(selector, PodLabels(deployment)))
        {
            yield return $"{id}: spec.selector does not select its own pod template's labels";
        }

        foreach (var container in ContainersOf(deployment))
        {
            var where = $"{id} container {container["name"]}";
            foreach (var problem in ResourceProblems(container, where).Concat(ProbeProblems(container, where)).Concat(EnvironmentProblems(container, where)))
            {
                yield return problem;
            }
        }

        foreach (var volume in PodSpec(deployment)["volumes"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            if (volume["configMap"]?["name"]?.GetValue<string>() is { } configMap && Find("ConfigMap", configMap) is null)
            {
                yield return $"{id}: volume {volume["name"]} mounts ConfigMap '{configMap}', which is not in the manifests";
            }
        }
    }

    private static IEnumerable<string> ResourceProblems(JsonObject container, string where)
    {
        var resources = container["resources"];
        foreach (var (section, resource) in new[] { ("requests", "cpu"), ("requests", "memory"), ("limits", "memory") })
        {
            if (resources?[section]?[resource] is null)
            {
                yield return $"{where}: no resources.{section}.{resource} (size it from a measured figure and say which)";
            }
        }
    }

    private static IEnumerable<string> ProbeProblems(JsonObject container, string where)
    {
        foreach (var kind in new[] { "livenessProbe", "readinessProbe" })
        {
            if (container[kind] is null)
            {
                yield return $"{where}: no {kind}";
            }
        }

        var ports = PortsOf(container).ToList();
        foreach (var kind in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
        {
            var handler = container[kind]?["httpGet"] ?? container[kind]?["tcpSocket"] ?? container[kind]?["grpc"];
            if (handler?["port"] is not { } port)
            {
                continue;
            }

            var known = port.GetValueKind() == System.Text.Json.JsonValueKind.String
                ? ports.Any(p => p["name"]?.GetValue<string>() == port.GetValue<string>())
                : ports.Any(p => Integer(p["containerPort"]) is { } number && number == Integer(port));
            if (!known)
            {
                yield return $"{where}: {kind} uses port {port.ToJsonString()}, which the container does not declare";
            }
        }
    }

    private IEnumerable<string> EnvironmentProblems(JsonObject container, string where)
    {
        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in container["envFrom"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            if (source["configMapRef"]?["name"]?.GetValue<string>() is { } name)
            {
                if (Find("ConfigMap", name) is not { } configMap)
                {
                    yield return $"{where}: envFrom ConfigMap '{name}' is not in the manifests";
                    continue;
                }

                foreach (var (key, _) in configMap["data"]?.AsObject() ?? [])
                {
                    defined.Add(key);
                }
            }
        }

        foreach (var variable in container["env"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            var name = variable["name"]?.GetValue<string>() ?? string.Empty;
            if (!ManifestCheck.EnvironmentName().IsMatch(name))
            {
                yield return $"{where}: '{name}' is not a valid environment variable name";
            }

            if (!defined.Add(name))
            {
                yield return $"{where}: environment variable {name} is set twice";
            }

            // Kubernetes leaves an undefined $(NAME) as it is: a password would silently be the text "$(NAME)".
            foreach (var reference in ManifestCheck.VariableReference().Matches(variable["value"]?.GetValue<string>() ?? string.Empty).Select(m => m.Groups[1].Value))
            {
                if (!defined.Contains(reference))
                {
                    yield return $"{where}: {name} uses $({reference}), which is not defined before it";
                }
            }

            if (variable["valueFrom"]?["configMapKeyRef"] is JsonObject reference2)
            {
                var map = Find("ConfigMap", reference2["name"]?.GetValue<string>() ?? string.Empty);
                if (map?["data"]?[reference2["key"]?.GetValue<string>() ?? string.Empty] is null)
                {
                    yield return $"{where}: {name} reads ConfigMap key {reference2["name"]}/{reference2["key"]}, which is not in the manifests";
                }
            }
        }
    }

    public IEnumerable<string> ServiceProblems()
    {
        foreach (var service in Of("Service"))
        {
            var selected = WorkloadsSelectedBy(Labels(service["spec"]?["selector"])).ToList();
            if (selected.Count == 0)
            {
                yield return $"{ManifestCheck.Id(service)}: its selector matches no workload's pods";
                continue;
            }

            foreach (var port in service["spec"]?["ports"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                if (port["targetPort"] is { } target && target.GetValueKind() == System.Text.Json.JsonValueKind.String
                    && !selected.All(d => ContainersOf(d).SelectMany(PortsOf).Any(p => p["name"]?.GetValue<string>() == target.GetValue<string>())))
                {
                    yield return $"{ManifestCheck.Id(service)}: targetPort '{target.GetValue<string>()}' is not a named port of the pods it selects";
                }
            }
        }
    }

    public IEnumerable<string> AutoscalerProblems()
    {
        foreach (var autoscaler in Of("HorizontalPodAutoscaler"))
        {
            var target = autoscaler["spec"]?["scaleTargetRef"];
            if (target?["kind"]?.GetValue<string>() is not ("Deployment" or "StatefulSet") || Find(target["kind"]!.GetValue<string>(), target["name"]?.GetValue<string>() ?? string.Empty) is not { } deployment)
            {
                yield return $"{ManifestCheck.Id(autoscaler)}: scales {target?["kind"]}/{target?["name"]}, which is not a Deployment or StatefulSet in the manifests";
                continue;
            }

            if (ContainersOf(deployment).Any(c => c["resources"]?["requests"]?["cpu"] is null))
            {
                yield return $"{ManifestCheck.Id(autoscaler)}: scales on CPU utilization, but {ManifestCheck.Id(deployment)} requests no CPU";
            }
        }

        // Every consumer of the event stream scales: the services.
        foreach (var deployment in Consumers)
        {
            if (AutoscalerOf(deployment) is null)
            {
                yield return $"{ManifestCheck.Id(deployment)}: a consumer of the event stream without a HorizontalPodAutoscaler";
            }
        }
    }

    /// <summary>
    /// The consumers divide the event stream's shards by instance (decision 0010): each is a StatefulSet whose
    /// pods start side by side, read their ordinal for Messaging__Stream__InstanceIndex from the pod-index label,
    /// and share one Messaging__Stream__InstanceCount, the most pods it may run (the autoscaler's maximum): every
    /// ordinal that may run owns its shards, and none refuses to start for an index outside the count.
    /// </summary>
    public IEnumerable<string> StreamInstanceProblems()
    {
        foreach (var consumer in Consumers)
        {
            var id = ManifestCheck.Id(consumer);
            if (Kustomization.KindOf(consumer) != "StatefulSet")
            {
                yield return $"{id}: a consumer of the event stream as a {Kustomization.KindOf(consumer)}: its pods have no ordinal for Messaging__Stream__InstanceIndex (make it a StatefulSet)";
                continue;
            }

            if (consumer["spec"]?["podManagementPolicy"]?.ToString() != "Parallel")
            {
                yield return $"{id}: podManagementPolicy is not Parallel: each pod would wait for the one before it to be ready, its shards read by another meanwhile";
            }

            var serviceName = consumer["spec"]?["serviceName"]?.ToString();
            if (serviceName is null || Find("Service", serviceName) is not { } governing
                || governing["spec"]?["clusterIP"]?.ToString() != "None" || !Selects(Labels(governing["spec"]?["selector"]), PodLabels(consumer)))
            {
                yield return $"{id}: serviceName '{serviceName}' is not a headless Service in the manifests selecting its pods";
            }

            var maximum = MaxInstances(consumer);
            var limit = AutoscalerOf(consumer) is { } autoscaler ? $"{ManifestCheck.Id(autoscaler)} may run {maximum}" : $"its replicas are {maximum}";
            foreach (var container in ContainersOf(consumer))
            {
                var where = $"{id} container {container["name"]}";
                if (Variable(container, "Messaging__Stream__InstanceIndex")?["valueFrom"]?["fieldRef"]?["fieldPath"]?.ToString() != PodIndexField)
                {
                    yield return $"{where}: Messaging__Stream__InstanceIndex does not come from the pod's ordinal (fieldRef {PodIndexField})";
                }

                var count = Variable(container, "Messaging__Stream__InstanceCount")?["value"]?.ToString();
                if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var instances) || instances < 1)
                {
                    yield return $"{where}: Messaging__Stream__InstanceCount is not a count of instances (want {maximum}: {limit})";
                }
                else if (instances < maximum)
                {
                    yield return $"{where}: Messaging__Stream__InstanceCount is {instances}, but {limit}: a pod with an ordinal from {instances} on would refuse to start";
                }
                else if (instances > maximum)
                {
                    yield return $"{where}: Messaging__Stream__InstanceCount is {instances}, but {limit}: the shards of ordinals {maximum} … {instances - 1} would never have a reader of their own";
                }
                else if (Integer(consumer["spec"]?["replicas"]) is { } replicas && replicas > instances)
                {
                    yield return $"{where}: Messaging__Stream__InstanceCount is {instances}, but it starts with {replicas} replicas: a pod with an ordinal from {instances} on would refuse to start";
                }
            }
        }
    }

    private static JsonObject? Variable(JsonObject container, string name) =>
        container["env"]?.AsArray().OfType<JsonObject>().FirstOrDefault(v => v["name"]?.ToString() == name);

    public IEnumerable<string> DisruptionBudgetProblems()
    {
        foreach (var deployment in Workloads)
        {
            var budgets = Of("PodDisruptionBudget").Where(p => Selects(Labels(p["spec"]?["selector"]?["matchLabels"]), PodLabels(deployment))).ToList();
            if (budgets.Count != 1)
            {
                yield return $"{ManifestCheck.Id(deployment)}: {budgets.Count} PodDisruptionBudgets select its pods (want exactly one)";
            }
            else if (Integer(budgets[0]["spec"]?["minAvailable"]) is { } minimum && minimum >= (Integer(deployment["spec"]?["replicas"]) ?? 1))
            {
                yield return $"{ManifestCheck.Id(deployment)}: its disruption budget keeps all {minimum} pods: a node could never be drained";
            }
        }
    }

    public IEnumerable<string> MonitorProblems()
    {
        foreach (var monitor in Of("ServiceMonitor"))
        {
            var selector = Labels(monitor["spec"]?["selector"]?["matchLabels"]);
            var services = Of("Service").Where(s => Selects(selector, Labels(s["metadata"]?["labels"]))).ToList();
            // A broker's client Service is made by its operator, labelled with the cluster's name.
            var operatorMade = Of("RabbitmqCluster").Any(r => selector.GetValueOrDefault("app.kubernetes.io/name") == Kustomization.NameOf(r));
            if (services.Count == 0 && !operatorMade)
            {
                yield return $"{ManifestCheck.Id(monitor)}: its selector matches no Service";
            }

            foreach (var endpoint in monitor["spec"]?["endpoints"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                var port = endpoint["port"]?.GetValue<string>();
                foreach (var service in services.Where(s => s["spec"]?["ports"]?.AsArray().All(p => p?["name"]?.GetValue<string>() != port) ?? true))
                {
                    yield return $"{ManifestCheck.Id(monitor)}: scrapes port '{port}', which {ManifestCheck.Id(service)} does not have";
                }
            }
        }
    }

    public IEnumerable<string> NetworkPolicyProblems()
    {
        foreach (var policy in Of("NetworkPolicy"))
        {
            var pods = WorkloadsSelectedBy(Labels(policy["spec"]?["podSelector"]?["matchLabels"])).ToList();
            if (pods.Count == 0)
            {
                yield return $"{ManifestCheck.Id(policy)}: selects no workload's pods";
            }

            var names = policy["spec"]?["ingress"]?.AsArray().OfType<JsonObject>()
                .SelectMany(rule => rule["ports"]?.AsArray().OfType<JsonObject>() ?? [])
                .Select(p => p["port"])
                .Where(p => p?.GetValueKind() == System.Text.Json.JsonValueKind.String)
                .Select(p => p!.GetValue<string>()) ?? [];
            foreach (var name in names.Distinct())
            {
                foreach (var deployment in pods.Where(d => !ContainersOf(d).SelectMany(PortsOf).Any(p => p["name"]?.GetValue<string>() == name)))
                {
                    yield return $"{ManifestCheck.Id(policy)}: allows port '{name}', which {ManifestCheck.Id(deployment)} does not name";
                }
            }
        }
    }

    public IEnumerable<string> IngressProblems()
    {
        foreach (var ingress in Of("Ingress"))
        {
            var backends = ingress["spec"]?["rules"]?.AsArray().OfType<JsonObject>()
                .SelectMany(r => r["http"]?["paths"]?.AsArray().OfType<JsonObject>() ?? [])
                .Select(p => p["backend"]?["service"]) ?? [];
            foreach (var backend in backends)
            {
                var service = Find("Service", backend?["name"]?.GetValue<string>() ?? string.Empty);
                var port = backend?["port"]?["name"]?.GetValue<string>();
                if (service is null || (port is not null && service["spec"]?["ports"]?.AsArray().All(p => p?["name"]?.GetValue<string>() != port) != false))
                {
                    yield return $"{ManifestCheck.Id(ingress)}: backend {backend?["name"]}:{port} is not a Service port in the manifests";
                }
            }
        }
    }

    /// <summary>
    /// Each database's max_connections against what its clients may open: every instance the autoscaler
    /// may run, plus one of a Deployment's rolling update (a StatefulSet replaces a pod only after it is gone),
    /// each with the pool sizes of its connection strings.
    /// </summary>
    public IEnumerable<string> ConnectionBudgetProblems()
    {
        var demand = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var deployment in Workloads)
        {
            var instances = MaxInstances(deployment) + (Kustomization.KindOf(deployment) == "Deployment" ? 1 : 0);
            foreach (var variable in ContainersOf(deployment).SelectMany(c => c["env"]?.AsArray().OfType<JsonObject>() ?? []))
            {
                var name = variable["name"]?.GetValue<string>() ?? string.Empty;
                if (!name.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || variable["value"]?.GetValue<string>() is not { } value
                    || ConnectionSetting(value, "Host") is not { } host)
                {
                    continue;
                }

                var pool = ConnectionSetting(value, "Maximum Pool Size") is { } size ? int.Parse(size, CultureInfo.InvariantCulture) : 100;
                var cluster = host.EndsWith("-rw", StringComparison.Ordinal) ? host[..^3] : host;
                demand[cluster] = demand.GetValueOrDefault(cluster) + (instances * pool);
            }
        }

        foreach (var (cluster, wanted) in demand)
        {
            if (Find("Cluster", cluster) is not { } database)
            {
                yield return $"Connection strings name host {cluster}-rw, but no CloudNativePG Cluster '{cluster}' is in the manifests";
                continue;
            }

            var allowed = database["spec"]?["postgresql"]?["parameters"]?["max_connections"]?.GetValue<string>() is { } text
                ? int.Parse(text, CultureInfo.InvariantCulture) : 100;
            if (wanted > allowed - ReservedConnections)
            {
                yield return $"Cluster/{cluster}: its clients may open {wanted} connections (autoscaler maximum, + 1 per Deployment's rolling update, × pool sizes), max_connections is {allowed} ({ReservedConnections} kept for the server)";
            }
        }
    }

    /// <summary>A whole number, or null where the field is missing or of another type (the schema reports that).</summary>
    public static int? Integer(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number && value.TryGetValue<int>(out var number) ? number
        : node is JsonValue element && element.TryGetValue<System.Text.Json.JsonElement>(out var raw) && raw.ValueKind == System.Text.Json.JsonValueKind.Number && raw.TryGetInt32(out var parsed) ? parsed
        : null;

    /// <summary>A setting of a "Key=Value;…" connection string (case-insensitive key), after $(VAR) references are left as they are.</summary>
    public static string? ConnectionSetting(string connectionString, string key) =>
        connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0].Trim().Equals(key, StringComparison.OrdinalIgnoreCase))
            .Select(pair => pair[1].Trim())
            .FirstOrDefault();
}
