using Decisioning.Testing.Generation;
using Xunit;

namespace Decisioning.Testing.Tests.Generation;

public sealed class FieldValuesTests
{
    [Fact]
    public void Edges_DecimalConstant_IsTheConstantAndOneEitherSide()
    {
        Assert.Equal([499999m, 500000m, 500001m], FieldValues.Edges([500000m], whole: false));
    }

    [Fact]
    public void Edges_FractionalDecimalConstant_AddsACentEitherSide()
    {
        Assert.Equal([-0.5m, 0.49m, 0.5m, 0.51m, 1.5m], FieldValues.Edges([0.5m], whole: false));
    }

    [Fact]
    public void Edges_FractionalConstantOnAnIntField_AreTheWholeNumbersAroundIt()
    {
        Assert.Equal([1m, 2m, 3m, 4m], FieldValues.Edges([2.5m], whole: true));
    }

    [Fact]
    public void Edges_ConstantAtDecimalsLimit_LeavesOutTheSideBeyondIt()
    {
        Assert.Equal([decimal.MaxValue - 1, decimal.MaxValue], FieldValues.Edges([decimal.MaxValue], whole: false));
        Assert.Equal([decimal.MinValue, decimal.MinValue + 1], FieldValues.Edges([decimal.MinValue], whole: false));
        Assert.Empty(FieldValues.Edges([decimal.MaxValue, decimal.MinValue], whole: true));
    }
}
