using System.Text.Json;

namespace Decisioning.Reporting.Tests.Support;

/// <summary>Flattens the numbers (and nulls) of a JSON document into path -> value.</summary>
internal static class JsonPaths
{
    public static Dictionary<string, double?> Flatten(string json)
    {
        var result = new Dictionary<string, double?>();
        Walk(JsonDocument.Parse(json).RootElement, string.Empty, result);
        return result;
    }

    private static void Walk(JsonElement element, string path, Dictionary<string, double?> result)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", result);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{i++}]", result);
                }

                break;
            case JsonValueKind.Number:
                result[path] = element.GetDouble();
                break;
            case JsonValueKind.Null:
                result[path] = null;
                break;
        }
    }
}
