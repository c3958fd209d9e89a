namespace Decisioning.Reporting.Rendering.Svg;

/// <summary>Maps a domain [min, max] onto pixels [from, to], with round tick values.</summary>
internal sealed record LinearScale(double Min, double Max, double From, double To)
{
    /// <summary>A scale whose domain covers every value (and zero when asked), rounded outwards.</summary>
    public static LinearScale Covering(IEnumerable<double> values, double from, double to, bool includeZero)
    {
        var list = values.Where(double.IsFinite).ToList();
        if (includeZero)
        {
            list.Add(0);
        }

        double min = list.Count > 0 ? list.Min() : 0, max = list.Count > 0 ? list.Max() : 1;
        if (max - min < 1e-12)
        {
            // A flat series: a zero baseline stays the bottom (rates of 0% draw no negative axis).
            (min, max) = min == 0 ? (0, 1) : (min - Math.Abs(min), max + Math.Abs(max));
        }

        var step = NiceStep((max - min) / 5);
        return new LinearScale(Math.Floor(min / step) * step, Math.Ceiling(max / step) * step, from, to);
    }

    public double this[double value] => From + ((value - Min) / (Max - Min) * (To - From));

    public IEnumerable<double> Ticks()
    {
        var step = NiceStep((Max - Min) / 5);
        for (var tick = Min; tick <= Max + (step / 2); tick += step)
        {
            yield return Math.Abs(tick) < step * 1e-9 ? 0 : tick;
        }
    }

    private static double NiceStep(double raw)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / magnitude;
        return magnitude * (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10);
    }
}
