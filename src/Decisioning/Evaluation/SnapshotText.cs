using System.Runtime.CompilerServices;
using System.Text.Json;
using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Evaluation;

/// <summary>
/// Where a value sits in a snapshot (<c>'aum'</c>, <c>'at' of contact 2</c>, <c>'amount' of event 1
/// (large-deposit)</c>), for an error message: formatted only when a message is written, since a
/// line has dozens of values and almost never an error.
/// </summary>
internal readonly struct Where(string field, string? record = null, int number = 0, string? type = null)
{
    public override string ToString() =>
        record is null ? $"'{field}'"
        : type is null ? $"'{field}' of {record} {number}"
        : $"'{field}' of {record} {number} ({type})";
}

/// <summary>
/// A snapshot's keys and id-like values read without a string each: keys as characters in a
/// scratch span (looked up by <see cref="RowLayout.Find(ReadOnlySpan{char})"/>), and the ids a map
/// declares (products in holdings and contacts, channels, strategies, event types, response kinds)
/// as the map's own string instances. One table per plan, built on first use.
/// </summary>
internal sealed class SnapshotText
{
    /// <summary>Keys and ids up to this many characters are read into the stack.</summary>
    public const int ScratchLength = 128;

    private static readonly ConditionalWeakTable<DecisionPlan, SnapshotText> Tables = [];

    // What contact outcomes usually say (docs/evaluation.md's examples), and the response kinds.
    private static readonly string[] CommonWords =
        ["sent", "delivered", "opened", "clicked", "callback", "answered", "no-answer", "declined", "failed",
         ResponseRecord.Responded, ResponseRecord.Declined, ResponseRecord.Converted];

    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _known;

    private SnapshotText(DecisionPlan plan)
    {
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in plan.Products.Select(p => p.Id).Concat(plan.Channels.Select(c => c.Id))
                     .Concat(plan.Strategies.Select(s => s.Id)).Concat(plan.Events.Keys).Concat(CommonWords))
        {
            known.TryAdd(id, id);
        }

        _known = known.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The table of <paramref name="plan"/>.</summary>
    public static SnapshotText Of(DecisionPlan plan) => Tables.GetValue(plan, static p => new SnapshotText(p));

    /// <summary>
    /// The current key or string as characters, unescaped: in <paramref name="scratch"/> when they
    /// fit, else a new string's. Throws <see cref="InvalidOperationException"/> for text that is
    /// not text, as <see cref="Utf8JsonReader.GetString"/> does.
    /// </summary>
    public static ReadOnlySpan<char> Chars(in Utf8JsonReader reader, Span<char> scratch)
    {
        // A UTF-8 byte is at most one UTF-16 character, and unescaping only shortens.
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        return length <= scratch.Length ? scratch[..reader.CopyString(scratch)] : reader.GetString();
    }

    /// <summary>The current string: the map's own instance when it is one of the map's ids, else a new string.</summary>
    public string Read(ref Utf8JsonReader reader)
    {
        Span<char> scratch = stackalloc char[ScratchLength];
        var text = Chars(in reader, scratch);
        return _known.TryGetValue(text, out var id) ? id : text.ToString();
    }
}
