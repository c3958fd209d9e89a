using System.Text.Json.Serialization;
using Decisioning.History;

namespace Decisioning.Serialization;

/// <summary>The JSON of offers and map versions in an export: camelCase names, times in ISO-8601 UTC.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OfferEntry))]
[JsonSerializable(typeof(MapVersionEntry))]
internal sealed partial class HistoryJson : JsonSerializerContext
{
}
