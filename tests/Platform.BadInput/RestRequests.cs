using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Platform.BadInput;

/// <summary>
/// Bad REST requests for one operation, generated from its OpenAPI description: every body property and
/// parameter drawn from <see cref="Poison"/> by what it is, or left out, of the wrong type, null or
/// huge; extra properties; bodies that are not JSON, not an object, nested too deep, too large or of
/// another content type; path ids that are nobody's, malformed, or — for a caller bound to a township —
/// real ids of other townships.
/// </summary>
public static class RestRequests
{
    private static readonly string[] CodeFields =
    [
        "status", "maincause", "othercauses", "trigger", "outcome", "line", "kind", "policy", "stage", "enrolment", "sex", "relation",
        "health", "labourability", "schoolingstatus", "cause",
    ];

    private static readonly string[] DateFields = ["startson", "endson", "visitedon", "completedon", "openedon", "birthdate"];

    /// <param name="outsideTownship">The caller's township, when it is bound to one: real ids and codes are taken from outside it.</param>
    public static HttpRequestMessage Create(ApiOperation operation, Random random, Landscape landscape, string? outsideTownship)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(landscape);
        var path = operation.Path;
        var query = new List<string>();
        foreach (var parameter in operation.Parameters)
        {
            var value = parameter.In == "path"
                ? PathValue(parameter, operation.Path, random, landscape, outsideTownship)
                : QueryValue(parameter, random, landscape, outsideTownship);
            if (parameter.In == "path")
            {
                path = path.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(value ?? ""), StringComparison.Ordinal);
            }
            else if (value is not null)
            {
                query.Add(Uri.EscapeDataString(parameter.Name) + "=" + Uri.EscapeDataString(value));
            }
        }

        if (random.Next(0, 10) == 0)
        {
            var extra = Poison.Text(random);
            query.Add(Uri.EscapeDataString(Poison.Code(random)) + "=" + Uri.EscapeDataString(extra[..Math.Min(50, extra.Length)]));
        }

        var uri = path + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), new Uri(uri, UriKind.Relative));
        if (operation.Method != "GET")
        {
            request.Content = Body(operation, random, landscape, outsideTownship);
            if (random.Next(0, 12) == 0)
            {
                // Too long, or well formed (a header is ASCII: an HTTP client sends nothing else).
                request.Headers.TryAddWithoutValidation("Idempotency-Key", random.Next(0, 2) == 0 ? new string('k', random.Next(101, 2000)) : "bad-input-" + Guid.NewGuid());
            }
        }

        return request;
    }

    private static HttpContent Body(ApiOperation operation, Random random, Landscape landscape, string? outsideTownship)
    {
        var roll = random.Next(0, 100);
        string text = roll switch
        {
            < 5 => random.Next(0, 5) switch
            {
                0 => "",
                1 => "{",
                2 => "<household/>",
                3 => "{\"a\":",
                _ => "\u0000\u0001garbage",
            },
            < 8 => random.Next(0, 2) == 0 ? "[]" : "42",
            < 10 => new string('[', 300) + new string(']', 300),
            < 12 => "{\"x\":\"" + new string('a', 1_100_000) + "\"}",
            _ => (operation.Body is null ? new JsonObject() : Value(operation.Body, "body", operation.Path, random, landscape, outsideTownship, 0) ?? new JsonObject()).ToJsonString(),
        };
        var contentType = random.Next(0, 30) == 0 ? "text/plain" : "application/json";
        return new StringContent(text, Encoding.UTF8, contentType);
    }

    /// <summary>A value for a field of this schema: mostly a bad one of the right kind, sometimes of the wrong type, null or huge.</summary>
    private static JsonNode? Value(JsonObject schema, string field, string path, Random random, Landscape landscape, string? outsideTownship, int depth)
    {
        var type = RestSurface.TypeOf(schema);
        var roll = random.Next(0, 100);
        if (roll < 8 || depth > 4)
        {
            return Poison.WrongType(random, type);
        }

        if (roll < 12)
        {
            return null;
        }

        if (roll < 16)
        {
            return JsonValue.Create(Poison.Huge(random, random.Next(5_000, 150_000)));
        }

        switch (type)
        {
            case "object":
                var body = new JsonObject();
                foreach (var (name, property) in schema["properties"] as JsonObject ?? [])
                {
                    if (random.Next(0, 10) != 0)
                    {
                        body[name] = Value(property as JsonObject ?? [], name, path, random, landscape, outsideTownship, depth + 1);
                    }
                }

                if (random.Next(0, 4) == 0)
                {
                    body[random.Next(0, 3) switch { 0 => "id", 1 => "isAdmin", _ => "extra" + random.Next(0, 100).ToString(CultureInfo.InvariantCulture) }] = random.Next(0, 2) == 0 ? JsonValue.Create(Guid.NewGuid()) : JsonValue.Create(true);
                }

                return body;
            case "array":
                var items = new JsonArray();
                var count = random.Next(0, 5) == 0 ? random.Next(20, 60) : random.Next(0, 4);
                for (var i = 0; i < count; i++)
                {
                    items.Add(Value(schema["items"] as JsonObject ?? [], field, path, random, landscape, outsideTownship, depth + 1));
                }

                return items;
            case "integer" or "number":
                return Poison.Number(random);
            case "boolean":
                return random.Next(0, 2) == 0 ? JsonValue.Create(true) : Poison.WrongType(random, type);
            default:
                return JsonValue.Create(Text(field, schema, path, random, landscape, outsideTownship));
        }
    }

    /// <summary>A bad string for a field, by what it is (its name, its format); REST and gRPC fields alike.</summary>
    public static string Text(string field, JsonObject schema, string path, Random random, Landscape landscape, string? outsideTownship)
    {
        var name = field.ToLowerInvariant();
        if (name.Contains("idnumber", StringComparison.Ordinal) || name == "id_number")
        {
            // Another township's person, by the whole number, for a caller bound to a township.
            return outsideTownship is not null && random.Next(0, 3) == 0 && landscape.Pick(random, Landscape.IdNumber, outsideTownship) is { } whole
                ? whole
                : Poison.IdNumber(random);
        }

        if (name == "householdnumber" && random.Next(0, 2) == 0 && landscape.Pick(random, Landscape.HouseholdNumber, outsideTownship) is { } number)
        {
            return number;
        }

        var kind = Landscape.KindOf(field, path);
        if (kind is not null || schema["format"]?.ToString() == "uuid")
        {
            return outsideTownship is not null && kind is not null && random.Next(0, 2) == 0 && landscape.Pick(random, kind, outsideTownship) is { } id
                ? id
                : Poison.Guid(random);
        }

        if (name.EndsWith("code", StringComparison.Ordinal) || name is "township" or "village" or "servedvillages")
        {
            return outsideTownship is not null && random.Next(0, 2) == 0
                && landscape.Pick(random, name.Contains("township", StringComparison.Ordinal) ? Landscape.Township : Landscape.Village, outsideTownship) is { } code
                ? code
                : Poison.PlaceCode(random);
        }

        if (CodeFields.Contains(name) || (name == "reason" && path.Contains("/members", StringComparison.Ordinal)))
        {
            return Poison.Code(random);
        }

        if (DateFields.Contains(name) || schema["format"]?.ToString() is "date" or "date-time")
        {
            return Poison.Date(random);
        }

        return Poison.Text(random);
    }

    private static string? PathValue(ApiParameter parameter, string path, Random random, Landscape landscape, string? outsideTownship)
    {
        // Mostly a real id, so the request reaches the handler: another township's for a caller bound to one.
        var kind = Landscape.KindOf(parameter.Name, path);
        if (kind is not null && random.Next(0, 4) != 0 && landscape.Pick(random, kind, outsideTownship) is { } id)
        {
            return id;
        }

        return random.Next(0, 8) == 0 ? Poison.Huge(random, 300) : Poison.Guid(random);
    }

    private static string? QueryValue(ApiParameter parameter, Random random, Landscape landscape, string? outsideTownship)
    {
        if (random.Next(0, 4) == 0)
        {
            return null;
        }

        var type = RestSurface.TypeOf(parameter.Schema);
        return type switch
        {
            "integer" or "number" => random.Next(0, 3) switch
            {
                0 => Poison.Number(random).ToJsonString(),
                1 => Poison.Code(random),
                _ => Poison.Huge(random, random.Next(10, 3000)),
            },
            "boolean" => random.Next(0, 2) == 0 ? "maybe" : "true",
            _ => Text(parameter.Name, parameter.Schema, "", random, landscape, outsideTownship),
        };
    }
}
