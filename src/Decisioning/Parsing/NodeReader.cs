using System.Globalization;
using Decisioning.Diagnostics;
using Decisioning.Model;

namespace Decisioning.Parsing;

/// <summary>
/// Reads typed values out of <see cref="YamlNode"/>s, reporting every shape problem (unknown key,
/// wrong kind of node, unreadable number) and carrying on, so that one run finds all of them.
/// </summary>
internal sealed class NodeReader(DiagnosticBag diagnostics)
{
    public DiagnosticBag Diagnostics { get; } = diagnostics;

    /// <summary>The node as a mapping whose keys are all in <paramref name="allowed"/>, or null.</summary>
    public YamlMapping? Mapping(YamlNode node, string what, IReadOnlyCollection<string> allowed)
    {
        if (node is not YamlMapping mapping)
        {
            if (node is not YamlScalar { IsNull: true })
            {
                WrongKind(node, what, "a mapping");
            }

            return null;
        }

        foreach (var entry in mapping.Entries)
        {
            if (!allowed.Contains(entry.Key.Value))
            {
                Diagnostics.Error(DiagnosticCodes.UnknownKey,
                    $"unknown key '{entry.Key.Value}' in {what}{Suggestions.DidYouMean(entry.Key.Value, allowed)}",
                    entry.Key.Location);
            }
        }

        return mapping;
    }

    /// <summary>The node's items, or none (with a diagnostic) when it is not a list.</summary>
    public IReadOnlyList<YamlNode> Sequence(YamlNode node, string what)
    {
        if (node is YamlSequence sequence)
        {
            return sequence.Items;
        }

        if (node is not YamlScalar { IsNull: true })
        {
            WrongKind(node, what, "a list");
        }

        return [];
    }

    public void WrongKind(YamlNode node, string what, string expected) =>
        Diagnostics.Error(DiagnosticCodes.WrongNodeKind, $"{what} must be {expected}, not {node.KindName}", node.Location);

    public Located<string>? String(YamlMapping map, string key, string what)
    {
        var entry = map.Find(key);
        return entry is null ? null : String(entry.Value, $"'{key}' of {what}");
    }

    /// <summary>A duration key, parsed here once; a text that is not a duration is kept for validation to report.</summary>
    public Located<MapDuration>? Duration(YamlMapping map, string key, string what) =>
        String(map, key, what) is { } text ? new Located<MapDuration>(MapDuration.Parse(text.Value), text.Location) : null;

    /// <summary>A date or date-time key, parsed here once; a text that is neither is kept for validation to report.</summary>
    public Located<MapInstant>? Instant(YamlMapping map, string key, string what) =>
        String(map, key, what) is { } text ? new Located<MapInstant>(MapInstant.Parse(text.Value), text.Location) : null;

    public Located<string>? String(YamlNode node, string what)
    {
        if (node is YamlScalar scalar)
        {
            return scalar.IsNull ? null : new Located<string>(scalar.Value, scalar.ContentStart);
        }

        WrongKind(node, what, "a value");
        return null;
    }

    public Located<double>? Number(YamlMapping map, string key, string what)
    {
        if (String(map, key, what) is not { } text)
        {
            return null;
        }

        if (double.TryParse(text.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) &&
            double.IsFinite(value))
        {
            return new Located<double>(value, text.Location);
        }

        Diagnostics.Error(DiagnosticCodes.BadNumber, $"'{key}' of {what} must be a number, not '{text.Value}'", text.Location);
        return null;
    }

    public Located<long>? Integer(YamlMapping map, string key, string what)
    {
        if (String(map, key, what) is not { } text)
        {
            return null;
        }

        if (long.TryParse(text.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return new Located<long>(value, text.Location);
        }

        Diagnostics.Error(DiagnosticCodes.BadNumber, $"'{key}' of {what} must be a whole number, not '{text.Value}'", text.Location);
        return null;
    }

    public Located<bool>? Boolean(YamlMapping map, string key, string what)
    {
        if (String(map, key, what) is not { } text)
        {
            return null;
        }

        switch (text.Value)
        {
            case "true" or "True" or "TRUE":
                return new Located<bool>(true, text.Location);
            case "false" or "False" or "FALSE":
                return new Located<bool>(false, text.Location);
            default:
                Diagnostics.Error(DiagnosticCodes.BadBoolean, $"'{key}' of {what} must be true or false, not '{text.Value}'", text.Location);
                return null;
        }
    }

    /// <summary>A list of plain values (ids); a single value is taken as a list of one.</summary>
    public IReadOnlyList<Located<string>> StringList(YamlMapping map, string key, string what)
    {
        var entry = map.Find(key);
        if (entry is null)
        {
            return [];
        }

        if (entry.Value is YamlScalar { IsNull: false } single)
        {
            return [new Located<string>(single.Value, single.ContentStart)];
        }

        var items = new List<Located<string>>();
        foreach (var item in Sequence(entry.Value, $"'{key}' of {what}"))
        {
            if (String(item, $"an item of '{key}' of {what}") is { } value)
            {
                items.Add(value);
            }
        }

        return items;
    }
}
