namespace Decisioning.Reporting.Statistics;

/// <summary>
/// Benjamini-Hochberg (1995) adjusted p-values, which control the false discovery rate across a
/// family of comparisons, as GrowthBook's <c>adjustPValuesBenjaminiHochberg</c>: with the m
/// p-values sorted ascending, p_adj(i) = min over j &gt;= i of min(1, p(j) m / j).
/// </summary>
internal static class BenjaminiHochberg
{
    /// <summary>
    /// Adjusts the non-null p-values as one family (m = their count); a null stays null. The
    /// result is in the order of the input.
    /// </summary>
    public static double?[] Adjust(IReadOnlyList<double?> pValues)
    {
        var adjusted = new double?[pValues.Count];
        var ranked = Enumerable.Range(0, pValues.Count)
            .Where(i => pValues[i] is not null)
            .OrderByDescending(i => pValues[i]!.Value)
            .ToArray();
        var m = ranked.Length;
        var running = 1.0;
        for (var k = 0; k < m; k++)
        {
            // Invariant: ranked[k] has ascending rank m - k.
            var rank = m - k;
            running = Math.Min(running, Math.Min(1, pValues[ranked[k]]!.Value * m / rank));
            adjusted[ranked[k]] = running;
        }

        return adjusted;
    }
}
