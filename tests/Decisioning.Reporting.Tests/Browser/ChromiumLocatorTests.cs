namespace Decisioning.Reporting.Tests.Browser;

/// <summary>The browser test skips only where skipping cannot hide a missing check on CI.</summary>
public class ChromiumLocatorTests
{
    [Fact]
    public void SkipReason_ChromiumPresent_RunsTheTest()
    {
        Assert.Null(ChromiumLocator.SkipReason("/usr/bin/chromium", ciVariable: null));
    }

    [Fact]
    public void SkipReason_ChromiumMissingOutsideCi_SkipsWithAReason()
    {
        var reason = ChromiumLocator.SkipReason(null, ciVariable: null);

        Assert.NotNull(reason);
        Assert.Contains("NOT checked in a browser", reason);
        Assert.Contains("install-chromium.sh", reason);
    }

    [Fact]
    public void SkipReason_NoCjkFontOutsideCi_SkipsWithAReason()
    {
        var reason = ChromiumLocator.SkipReason("/usr/bin/chromium", ciVariable: null, cjkFont: false);

        Assert.NotNull(reason);
        Assert.Contains("no CJK font", reason);
        Assert.Contains("install-chromium.sh", reason);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("1")]
    [InlineData("yes")]
    public void SkipReason_ChromiumMissingOnCi_RunsTheTestSoThatItFails(string ci)
    {
        Assert.Null(ChromiumLocator.SkipReason(null, ci));
    }

    [Theory]
    [InlineData("")]
    [InlineData("false")]
    [InlineData("0")]
    public void IsCi_UnsetOrFalse_IsNotCi(string ci)
    {
        Assert.False(ChromiumLocator.IsCi(ci));
    }
}
