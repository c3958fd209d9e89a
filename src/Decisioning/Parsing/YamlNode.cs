using Decisioning.Diagnostics;

namespace Decisioning.Parsing;

/// <summary>
/// A YAML node with the place it came from. This small tree is the only thing that leaves the
/// YAML layer: everything after it works on positions, never on YamlDotNet types.
/// </summary>
internal abstract record YamlNode(SourceLocation Location)
{
    /// <summary>A short name for messages: "a mapping", "a list", "a value".</summary>
    public abstract string KindName { get; }
}

/// <summary>A scalar. <see cref="ContentStart"/> is where the text itself begins (after a quote).</summary>
internal sealed record YamlScalar(string Value, bool IsPlain, SourceLocation Location, SourceLocation ContentStart)
    : YamlNode(Location)
{
    /// <summary>A plain <c>~</c>, <c>null</c> or empty scalar: YAML's null.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string KindName => "a value";
}

/// <summary>One key and its value inside a mapping.</summary>
internal sealed record YamlEntry(YamlScalar Key, YamlNode Value);

internal sealed record YamlMapping(IReadOnlyList<YamlEntry> Entries, SourceLocation Location) : YamlNode(Location)
{
    public override string KindName => "a mapping";

    public YamlEntry? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry;
            }
        }

        return null;
    }
}

internal sealed record YamlSequence(IReadOnlyList<YamlNode> Items, SourceLocation Location) : YamlNode(Location)
{
    public override string KindName => "a list";
}
