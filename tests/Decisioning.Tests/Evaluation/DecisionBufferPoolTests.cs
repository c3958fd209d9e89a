using Decisioning.Evaluation;
using Decisioning.Loading;
using Decisioning.Tests.Hosting;
using Xunit;

namespace Decisioning.Tests.Evaluation;

/// <summary>The one per-thread pool of decision buffers (the engine's and LineDecider's).</summary>
public class DecisionBufferPoolTests
{
    [Fact]
    public void Rent_AlternatingPlansOnOneThread_EachPlanGetsItsOwnBufferBack()
    {
        var a = MapLoader.LoadText(DemoMap.Valid(1)).Plan!;
        var b = MapLoader.LoadText(DemoMap.Valid(2)).Plan!;
        var first = DecisionBufferPool.Rent(a);
        DecisionBufferPool.Return(first);
        var other = DecisionBufferPool.Rent(b);
        DecisionBufferPool.Return(other);

        var again = DecisionBufferPool.Rent(a);
        var otherAgain = DecisionBufferPool.Rent(b);

        Assert.Same(first, again);
        Assert.Same(other, otherAgain);
        Assert.Same(a, again.Plan);
        DecisionBufferPool.Return(again);
        DecisionBufferPool.Return(otherAgain);
    }

    [Fact]
    public void Rent_WhileRented_GivesAnotherBuffer()
    {
        var plan = MapLoader.LoadText(DemoMap.Valid(3)).Plan!;
        var outer = DecisionBufferPool.Rent(plan);

        var inner = DecisionBufferPool.Rent(plan);

        Assert.NotSame(outer, inner);
        DecisionBufferPool.Return(inner);
        DecisionBufferPool.Return(outer);
    }

    [Fact]
    public void Return_MoreThanAThreadKeeps_TheLeastRecentlyReturnedLeaves()
    {
        var plans = Enumerable.Range(10, 5).Select(n => MapLoader.LoadText(DemoMap.Valid(n)).Plan!).ToList();
        var buffers = plans.Select(DecisionBufferPool.Rent).ToList();
        buffers.ForEach(DecisionBufferPool.Return);

        Assert.NotSame(buffers[0], DecisionBufferPool.Rent(plans[0]));
        Assert.Same(buffers[4], DecisionBufferPool.Rent(plans[4]));
    }
}
