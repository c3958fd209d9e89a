using Decisioning.Runtime;
using FsCheck;
using FsCheck.Fluent;

namespace Decisioning.Testing.Generation;

/// <summary>
/// Times of events and contacts, mostly on the edges of the windows that judge them: exactly at
/// <c>at</c> or <c>at - length</c> (for each window length: a scenario's <c>within</c>, a contact
/// policy's <c>per</c>, a cooldown), one second either side of those, and otherwise anywhere in
/// the last two window lengths. A window off by one at either end shows on these times.
/// </summary>
internal static class TimeEdges
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Times around the edges of <paramref name="windows"/>; half the time, when two versions differ
    /// in some window lengths (<paramref name="shifted"/>), on or beside the edges of those instead.
    /// </summary>
    public static Gen<DateTimeOffset> Around(DateTime at, IEnumerable<TimeSpan> windows, IReadOnlyCollection<TimeSpan>? shifted = null)
    {
        var times = Edges(at, windows);
        return shifted is not { Count: > 0 } ? times : Gen.Frequency((1, times), (1, Edges(at, shifted)));
    }

    private static Gen<DateTimeOffset> Edges(DateTime at, IEnumerable<TimeSpan> windows)
    {
        var lengths = windows.Distinct().ToList();
        var exact = new List<DateTime> { at };
        var beside = new List<DateTime> { at - Second, at + Second };
        foreach (var length in lengths)
        {
            exact.Add(at - length);
            beside.AddRange([at - length - Second, at - length + Second]);
        }

        var reach = 2 * lengths.DefaultIfEmpty(TimeSpan.FromDays(7)).Max();
        var past = Gen.Choose(0, (int)Math.Min(reach.TotalMinutes, int.MaxValue)).Select(m => at - TimeSpan.FromMinutes(m));
        return Gen.Frequency((4, Pick.From(exact)), (2, Pick.From(beside)), (2, past))
            .Select(t => new DateTimeOffset(Instant.Utc(t)));
    }
}
