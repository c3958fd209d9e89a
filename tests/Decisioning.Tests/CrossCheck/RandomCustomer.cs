using System.Globalization;

namespace Decisioning.Tests.CrossCheck;

/// <summary>
/// A plain customer snapshot: typed values the reference reads directly, and the JSON text the
/// engine reads. A field missing from <see cref="Values"/> is absent from the JSON; a null value
/// is written as <c>null</c>.
/// </summary>
public sealed record RandomCustomer
{
    public required string Id { get; init; }

    /// <summary>Declared fields that are written, by name; values are int, decimal, bool, string, <see cref="RDate"/> or null.</summary>
    public required IReadOnlyDictionary<string, object?> Values { get; init; }

    /// <summary>Undeclared fields, written as strings; the engine must ignore them.</summary>
    public IReadOnlyList<(string Name, string Value)> Extra { get; init; } = [];

    /// <summary>Null writes no <c>holdings</c> key.</summary>
    public IReadOnlyList<string>? Holdings { get; init; }

    public IReadOnlyList<REvent>? Events { get; init; }
    public IReadOnlyList<RContact>? Contacts { get; init; }

    /// <summary>Null writes no <c>responses</c> key.</summary>
    public IReadOnlyList<RResponse>? Responses { get; init; }

    public object? Get(string field) => Values.TryGetValue(field, out var v) ? v : null;

    public IReadOnlyList<string> HoldingList => Holdings ?? [];
}

/// <summary>A date field's value and how it is written (a date, or a date-time with an offset).</summary>
public sealed record RDate(string Text);

/// <summary>An event: its type, when (written with <see cref="Offset"/>), and its payload by field name.</summary>
public sealed record REvent(string Type, DateTime At, TimeSpan Offset, IReadOnlyDictionary<string, object?> Payload);

/// <summary>A contact; a null <see cref="Wave"/> writes no <c>wave</c> (wave 1).</summary>
public sealed record RContact(string? Channel, DateTime At, TimeSpan Offset, string? Strategy, string? Product, string? Outcome, int? Wave = null)
{
    public int EffectiveWave => Wave ?? 1;
}

/// <summary>A response of section 9; null strategy or product is not written; null value writes none.</summary>
public sealed record RResponse(DateTime At, TimeSpan Offset, string? Strategy, string? Product, string Kind, double? Value);

/// <summary>Instants as ISO-8601 text, in UTC or at an offset (the same instant).</summary>
public static class IsoText
{
    public static string Instant(DateTime utc, TimeSpan offset)
    {
        var local = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified) + offset, offset);
        var fraction = utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "" : ".fffffff";
        return offset == TimeSpan.Zero
            ? local.ToString($"yyyy-MM-dd'T'HH:mm:ss{fraction}'Z'", CultureInfo.InvariantCulture)
            : local.ToString($"yyyy-MM-dd'T'HH:mm:ss{fraction}zzz", CultureInfo.InvariantCulture);
    }

    /// <summary>The decision's <c>at</c> as spec section 4 writes it (whole seconds, UTC).</summary>
    public static string DecisionAt(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
