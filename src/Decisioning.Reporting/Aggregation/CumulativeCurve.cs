using Decisioning.Reporting.Model;

namespace Decisioning.Reporting.Aggregation;

/// <summary>
/// Cumulative conversion by time since decision: a histogram of first-conversion times per
/// group, on at most <see cref="MaxSteps"/> equal steps across the window (one step a day for a
/// window of whole days up to that many).
/// </summary>
internal sealed class CumulativeCurve
{
    public const int MaxSteps = 120;

    private readonly long stepTicks;
    private readonly int steps;
    private readonly long[][] firstConversions = [new long[MaxSteps + 1], new long[MaxSteps + 1]];
    private readonly long[] customers = new long[2];

    public CumulativeCurve(TimeSpan window)
    {
        var days = window.TotalDays;
        steps = days >= 1 ? (int)Math.Min(Math.Ceiling(days), MaxSteps) : 24;
        stepTicks = Math.Max(1, (long)Math.Ceiling((double)window.Ticks / steps));
    }

    /// <summary>Adds a customer; offset is ticks to their first counting conversion, if any.</summary>
    public void Add(Group group, long? conversionOffset)
    {
        customers[(int)group]++;
        if (conversionOffset is { } offset)
        {
            // Invariant: offset is within the window, so the step index is at most `steps`.
            var step = (int)Math.Min(steps, (offset + stepTicks - 1) / stepTicks);
            firstConversions[(int)group][step]++;
        }
    }

    public IReadOnlyList<CumulativePoint> Build()
    {
        var points = new List<CumulativePoint>(steps + 1);
        long model = 0, control = 0;
        for (var k = 0; k <= steps; k++)
        {
            model += firstConversions[0][k];
            control += firstConversions[1][k];
            var days = Math.Round(TimeSpan.FromTicks(stepTicks * k).TotalDays, 6);
            points.Add(new CumulativePoint(days, Rate(model, customers[0]), Rate(control, customers[1])));
        }

        return points;
    }

    private static double? Rate(long converted, long n) => n > 0 ? (double)converted / n : null;
}
