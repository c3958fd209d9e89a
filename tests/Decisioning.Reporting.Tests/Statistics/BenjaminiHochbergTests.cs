using Decisioning.Reporting.Statistics;

namespace Decisioning.Reporting.Tests.Statistics;

/// <summary>
/// Vector: GrowthBook, packages/shared/test/experiments.test.ts, "does BH procedure correctly":
/// [0.898, 0.138, 0.007, 0.964, 0.538, 0.006, 0.138] adjusts to
/// [0.964, 0.2415, 0.0245, 0.964, 0.7532, 0.0245, 0.2415] (their result listed by index
/// 3, 0, 4, 1, 6, 2, 5: 0.964, 0.964, 0.7532, 0.2415, 0.2415, 0.0245, 0.0245).
/// </summary>
public class BenjaminiHochbergTests
{
    [Fact]
    public void Adjust_GrowthBookVector_MatchesTheirAdjustedPValues()
    {
        double?[] p = [0.898, 0.138, 0.007, 0.964, 0.538, 0.006, 0.138];

        var adjusted = BenjaminiHochberg.Adjust(p).Select(a => Math.Round(a!.Value, 8));

        Assert.Equal([0.964, 0.2415, 0.0245, 0.964, 0.7532, 0.0245, 0.2415], adjusted);
    }

    [Fact]
    public void Adjust_NullPValues_StayNullAndLeaveTheFamily()
    {
        double?[] p = [0.01, null, 0.04];

        var adjusted = BenjaminiHochberg.Adjust(p);

        Assert.Equal(0.02, adjusted[0]!.Value, 1e-15);
        Assert.Null(adjusted[1]);
        Assert.Equal(0.04, adjusted[2]!.Value, 1e-15);
    }

    [Fact]
    public void Adjust_SingleComparison_IsUnchanged()
    {
        Assert.Equal(0.03, BenjaminiHochberg.Adjust([0.03])[0]);
    }

    [Fact]
    public void Adjust_Empty_GivesEmpty()
    {
        Assert.Empty(BenjaminiHochberg.Adjust([]));
    }

    [Fact]
    public void Adjust_SmallerPValueAboveALargerOnesBound_TakesTheLargerOnesAdjustment()
    {
        // 0.9 * 2 / 1 = 1.8 exceeds 0.99 * 2 / 2, so the step-up minimum gives both 0.99.
        Assert.Equal([0.99, 0.99], BenjaminiHochberg.Adjust([0.9, 0.99]).Select(a => a!.Value));
    }
}
