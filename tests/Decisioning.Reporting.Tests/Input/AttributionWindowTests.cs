using Decisioning.Reporting.Input;

namespace Decisioning.Reporting.Tests.Input;

public class AttributionWindowTests
{
    [Theory]
    [InlineData("30d", 30 * 24 * 60)]
    [InlineData("12h", 12 * 60)]
    [InlineData("90m", 90)]
    public void TryParse_DaysHoursMinutes_GivesTheLength(string text, double minutes)
    {
        Assert.True(AttributionWindow.TryParse(text, out var window));
        Assert.Equal(TimeSpan.FromMinutes(minutes), window.Length);
        Assert.Equal(text, window.Text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("d")]
    [InlineData("0d")]
    [InlineData("-3d")]
    [InlineData("3w")]
    [InlineData("1.5d")]
    [InlineData(" 3d")]
    [InlineData("99999999999999d")]
    public void TryParse_NotADuration_Fails(string? text)
    {
        Assert.False(AttributionWindow.TryParse(text, out _));
    }

    [Fact]
    public void Default_IsThirtyDays()
    {
        Assert.Equal(TimeSpan.FromDays(30), AttributionWindow.Default.Length);
    }
}
