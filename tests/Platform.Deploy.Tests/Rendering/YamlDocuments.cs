using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Platform.Deploy.Tests.Rendering;

/// <summary>
/// YAML files as JSON, the way kubectl reads them (sigs.k8s.io/yaml, YAML 1.1): a plain scalar is a
/// boolean (true, yes, on …), null, an integer (0755 is octal), a float, or else a string; a quoted
/// scalar is always a string. So an unquoted `on` or a township code left unquoted is caught by the
/// schema as the API server would catch it.
/// </summary>
public static partial class YamlDocuments
{
    /// <summary>Every non-empty document of a file.</summary>
    public static IReadOnlyList<JsonNode> Load(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        try
        {
            stream.Load(reader);
        }
        catch (YamlException error)
        {
            throw new InvalidDataException($"{path}: not valid YAML: {error.Message}", error);
        }

        return [.. stream.Documents.Select(document => ToJson(document.RootNode)).OfType<JsonNode>()];
    }

    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => Mapping(mapping),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidDataException($"Unsupported YAML node at {node.Start}."),
    };

    private static JsonObject Mapping(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            var name = key is YamlScalarNode { Value: { } text } ? text : throw new InvalidDataException($"A mapping key at {key.Start} is not a scalar.");
            if (result.ContainsKey(name))
            {
                throw new InvalidDataException($"Duplicate key '{name}' at {key.Start}.");
            }

            result[name] = ToJson(value);
        }

        return result;
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        if (text.Length == 0 || text is "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (TrueWords().IsMatch(text))
        {
            return JsonValue.Create(true);
        }

        if (FalseWords().IsMatch(text))
        {
            return JsonValue.Create(false);
        }

        if (Octal().IsMatch(text))
        {
            return Number(Convert.ToInt64(text, 8).ToString(CultureInfo.InvariantCulture));
        }

        if (Integer().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return Number(integer.ToString(CultureInfo.InvariantCulture));
        }

        if (Float().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return Number(number.ToString("R", CultureInfo.InvariantCulture));
        }

        return JsonValue.Create(text);
    }

    /// <summary>A number as JSON text, so that it reads back as int, long or double alike.</summary>
    private static JsonNode Number(string json) => JsonNode.Parse(json)!;

    [GeneratedRegex("^(y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$")]
    private static partial Regex TrueWords();

    [GeneratedRegex("^(n|N|no|No|NO|false|False|FALSE|off|Off|OFF)$")]
    private static partial Regex FalseWords();

    [GeneratedRegex("^0[0-7]+$")]
    private static partial Regex Octal();

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
