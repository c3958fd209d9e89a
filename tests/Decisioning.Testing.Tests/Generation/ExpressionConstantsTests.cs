using Decisioning.Testing.Generation;
using Xunit;

namespace Decisioning.Testing.Tests.Generation;

public sealed class ExpressionConstantsTests
{
    public static TheoryData<string, string, decimal[]> Numbers => new()
    {
        { "aum >= 500000", "aum", [500000m] },
        { "500000 <= aum", "aum", [500000m] },
        { "age >= 25 && age <= 65", "age", [25m, 65m] },
        { "riskLevel >= 2.5", "riskLevel", [2.5m] },
        { "balance > -100", "balance", [-100m] },
        { "event.amount >= 200000", "event.amount", [200000m] },
        { "2 * aum >= 1000", "aum", [500m] },
        { "aum >= 5000m", "aum", [5000m] },
        { "hasPhone && !doNotCall", "hasPhone", [] },
    };

    [Theory]
    [MemberData(nameof(Numbers))]
    public void Add_Comparison_RecordsTheConstantForTheName(string expression, string name, decimal[] expected)
    {
        var constants = new ExpressionConstants();
        constants.Add(expression);
        Assert.Equal(expected, constants.NumbersOf(name));
    }

    [Theory]
    [InlineData("city == \"上海\" || city == \"杭州\"", "city", new[] { "上海", "杭州" })]
    [InlineData("tier == 'private'", "tier", new[] { "private" })]
    [InlineData("holdings.Contains(\"credit-card\") && creditCardSpend >= 3000", "holdings", new[] { "credit-card" })]
    [InlineData("name == \"a \\\"quoted\\\" name\"", "name", new[] { "a \"quoted\" name" })]
    public void Add_StringComparison_RecordsTheLiteralForTheName(string expression, string name, string[] expected)
    {
        var constants = new ExpressionConstants();
        constants.Add(expression);
        Assert.Equal(expected.Order(StringComparer.Ordinal), constants.StringsOf(name));
    }

    [Fact]
    public void Add_TwoFieldsCompared_RecordsTheirRelationWithItsFactor()
    {
        var constants = new ExpressionConstants();
        constants.Add("aumPeak12m >= 50000 && aum < aumPeak12m * 0.5");
        Assert.Equal([new Relation("aum", "aumPeak12m", 0.5m)], constants.Relations);
        Assert.Equal([50000m], constants.NumbersOf("aumPeak12m"));
    }

    [Theory]
    [InlineData("hasPhone && !doNotCall", "hasPhone", 1)]
    [InlineData("hasPhone && !doNotCall", "doNotCall", -1)]
    [InlineData("(isRetiree)", "isRetiree", 1)]
    [InlineData("age >= 55", "age", 0)]
    public void Add_NameAloneAsACondition_RecordsItsPolarity(string expression, string name, int polarity)
    {
        var constants = new ExpressionConstants();
        constants.Add(expression);
        Assert.Equal(polarity, constants.PolarityOf(name));
    }

    [Fact]
    public void Add_ConstantOrFactorBeyondDecimalOnceScaled_IsLeftOut()
    {
        var constants = new ExpressionConstants();
        constants.Add("aum * 0.0000000000000000000000000001 >= 50000000000000000000000000000.5");
        constants.Add("aum * 0.0000000000000000000000000001 >= aumPeak * 50000000000000000000000000000.5");
        Assert.Empty(constants.NumbersOf("aum"));
        Assert.Empty(constants.Relations);
    }
}
