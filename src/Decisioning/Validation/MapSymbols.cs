using Decisioning.Model;

namespace Decisioning.Validation;

/// <summary>The ids declared in a map, per kind, for reference checks.</summary>
internal sealed record MapSymbols(
    IReadOnlySet<string> Segments,
    IReadOnlySet<string> Objectives,
    IReadOnlySet<string> Scenarios,
    IReadOnlySet<string> Products,
    IReadOnlySet<string> Channels,
    IReadOnlySet<string> Scripts,
    IReadOnlySet<string> Events,
    IReadOnlySet<string> Stages,
    IReadOnlySet<string> Models,
    IReadOnlyDictionary<string, FieldType> Fields,
    IReadOnlySet<string> HostModels)
{
    /// <summary>
    /// The key of a validation context's root data under which a validation passes the map's
    /// symbols: the validators are built once per process and read the symbols from there.
    /// </summary>
    public const string ContextKey = "decisioning.symbols";

    /// <summary>The symbols of the map being validated in <paramref name="context"/>.</summary>
    public static MapSymbols In(FluentValidation.IValidationContext context) => (MapSymbols)context.RootContextData[ContextKey];

    public static MapSymbols Of(MapDocument doc, IReadOnlySet<string> hostModels)
    {
        var fields = new Dictionary<string, FieldType>(StringComparer.Ordinal);
        foreach (var field in doc.Customer.Fields)
        {
            if (FieldType.TryParse(field.Type.Value, out var type))
            {
                fields.TryAdd(field.Name.Value, type);
            }
        }

        return new MapSymbols(
            Ids(doc.Segments.Select(x => x.Id)),
            Ids(doc.Objectives.Select(x => x.Id)),
            Ids(doc.Scenarios.Select(x => x.Id)),
            Ids(doc.Products.Select(x => x.Id)),
            Ids(doc.Channels.Select(x => x.Id)),
            Ids(doc.Scripts.Select(x => x.Id)),
            doc.Customer.Events.Select(e => e.Id.Value).ToHashSet(StringComparer.Ordinal),
            Ids(doc.Lifecycle.Select(x => x.Id)),
            Ids(doc.Models.Select(x => x.Id)),
            fields,
            hostModels);
    }

    /// <summary>
    /// Whether <paramref name="other"/> declares the very same ids and field types, in the same order
    /// (what reference checks see, and the order "did you mean" suggestions are picked in).
    /// </summary>
    public bool SameAs(MapSymbols other) =>
        Segments.SequenceEqual(other.Segments) && Objectives.SequenceEqual(other.Objectives) && Scenarios.SequenceEqual(other.Scenarios) &&
        Products.SequenceEqual(other.Products) && Channels.SequenceEqual(other.Channels) && Scripts.SequenceEqual(other.Scripts) &&
        Events.SequenceEqual(other.Events) && Stages.SequenceEqual(other.Stages) && Models.SequenceEqual(other.Models) &&
        HostModels.SequenceEqual(other.HostModels) && Fields.SequenceEqual(other.Fields);

    private static HashSet<string> Ids(IEnumerable<Located<string>?> ids) =>
        ids.Where(x => x is not null).Select(x => x!.Value.Value).ToHashSet(StringComparer.Ordinal);
}
