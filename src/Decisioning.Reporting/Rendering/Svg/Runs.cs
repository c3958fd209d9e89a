namespace Decisioning.Reporting.Rendering.Svg;

/// <summary>Splits points on a step axis into runs of consecutive steps: a chart's line breaks where a step has no value.</summary>
internal static class Runs
{
    public static IEnumerable<List<T>> Consecutive<T>(IEnumerable<T> points, Func<T, int> step)
    {
        var run = new List<T>();
        foreach (var point in points)
        {
            if (run.Count > 0 && step(point) != step(run[^1]) + 1)
            {
                yield return run;
                run = [];
            }

            run.Add(point);
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }
}
