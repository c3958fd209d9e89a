namespace Decisioning.Model;

/// <summary>
/// A duration as the map writes it (<c>90d</c>, <c>12h</c>, <c>30m</c>), parsed once when the map is
/// read: <see cref="Length"/> when the text is a duration within <see cref="Syntax.MaxDuration"/>,
/// else null, with <see cref="TooLong"/> telling a well-formed one over the bound. Validation reports
/// the text at its position; compilation takes the length and never parses the text again.
/// </summary>
internal readonly record struct MapDuration(string Text, TimeSpan? Length, bool TooLong)
{
    public static MapDuration Parse(string text) => Syntax.TryParseDuration(text, out var length, out var tooLong)
        ? new MapDuration(text, length, false)
        : new MapDuration(text, null, tooLong);

    /// <summary>The text as written: what diagnostics and diffs show.</summary>
    public override string ToString() => Text;
}

/// <summary>
/// A date or date-time as the map writes it, parsed once when the map is read: <see cref="Utc"/>
/// is the instant (a date is midnight UTC, a date-time without an offset is UTC), null when the
/// text is neither.
/// </summary>
internal readonly record struct MapInstant(string Text, DateTime? Utc)
{
    public static MapInstant Parse(string text) => new(text, Syntax.TryParseInstant(text, out var utc) ? utc : null);

    /// <summary>The text as written: what diagnostics and diffs show.</summary>
    public override string ToString() => Text;
}
