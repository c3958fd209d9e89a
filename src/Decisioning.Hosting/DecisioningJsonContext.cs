using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Decisioning.Evaluation;
using Decisioning.Snapshots;
using Decisioning.Serialization;

namespace Decisioning.Hosting;

/// <summary>
/// System.Text.Json metadata for the engine's results, generated at build time (no reflection,
/// trimming-safe). A decision serializes to exactly the line of spec section 4; use
/// <see cref="DecisioningJson.Options"/> for the same bytes as the command line (non-ASCII text
/// unescaped), or add <see cref="DecisioningJsonContext.Default"/> to ASP.NET Core's
/// <c>TypeInfoResolverChain</c>.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(Decision))]
[JsonSerializable(typeof(MapInfo))]
[JsonSerializable(typeof(IReadOnlyList<MapInfo>))]
[JsonSerializable(typeof(ReloadResult))]
[JsonSerializable(typeof(PromotionResult))]
public sealed partial class DecisioningJsonContext : JsonSerializerContext;

/// <summary>Serializing the engine's results as the spec's JSON.</summary>
public static class DecisioningJson
{
    /// <summary>Camel case, source-generated metadata, and non-ASCII text written as is (as the command line writes it).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The decision line of spec section 4.</summary>
    public static string Serialize(Decision decision) => JsonSerializer.Serialize(decision, Options);

    /// <summary>The error line of spec section 4: <c>{"customerId": ..., "error": {"code", "message"}}</c>.</summary>
    public static string Serialize(SnapshotError error) => DecisionJson.ToJson(error);

    /// <summary>A result of a batch: its decision line or its error line.</summary>
    public static string Serialize(DecisionResult result) =>
        result.Decision is { } decision ? Serialize(decision) : Serialize(result.Error!);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = DecisioningJsonContext.Default,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly();
        return options;
    }
}
