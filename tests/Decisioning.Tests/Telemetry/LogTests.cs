using System.Globalization;
using Decisioning.Hosting;
using Decisioning.Snapshots;
using Decisioning.Telemetry;
using Decisioning.Tests.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Decisioning.Tests.Telemetry;

public class LogTests
{
    [Fact]
    public void Start_ValidMap_LogsMapLoadedWithItsVersion()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(8));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath));

        _ = fixture.Engine;

        var log = Assert.Single(fixture.LogsOf("MapLoaded"));
        Assert.Equal(LogLevel.Information, log.Level);
        Assert.Equal(DecisioningTelemetry.LogCategory, log.Category);
        Assert.Equal(1, log.Id.Id);
        Assert.Equal("demo", log.GetStructuredStateValue("MapId"));
        Assert.Equal("v8", log.GetStructuredStateValue("Version"));
        Assert.Equal("2", log.GetStructuredStateValue("Strategies"));
    }

    [Fact]
    public void Start_BrokenMap_LogsEveryErrorBeforeTheHostStops()
    {
        using var folder = new TempMapFolder(DemoMap.Broken(1));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath));

        Assert.Throws<MapLoadException>(() => fixture.Engine);

        var log = Assert.Single(fixture.LogsOf("MapLoadFailed"));
        Assert.Equal(LogLevel.Error, log.Level);
        Assert.Equal("2", log.GetStructuredStateValue("ErrorCount"));
        Assert.Contains("agee", log.GetStructuredStateValue("Errors"));
        Assert.Contains("fnd", log.GetStructuredStateValue("Errors"));
        Assert.Contains("the host cannot start", log.Message);
    }

    [Fact]
    public void Start_BrokenMap_LogsEachErrorWithItsCodeAndPositionAsValues()
    {
        using var folder = new TempMapFolder(DemoMap.Broken(1));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath));

        var failure = Assert.Throws<MapLoadException>(() => fixture.Engine);

        var expected = Assert.Single(failure.Maps).Diagnostics;
        var logs = fixture.LogsOf("MapDiagnostic").ToList();
        Assert.Equal(expected.Count, logs.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(LogLevel.Error, logs[i].Level);
            Assert.Equal(7, logs[i].Id.Id);
            Assert.Equal(expected[i].Code, logs[i].GetStructuredStateValue("Code"));
            Assert.Equal(expected[i].Location.File, logs[i].GetStructuredStateValue("File"));
            Assert.Equal(expected[i].Location.Line.ToString(CultureInfo.InvariantCulture), logs[i].GetStructuredStateValue("Line"));
            Assert.Equal(expected[i].Location.Column.ToString(CultureInfo.InvariantCulture), logs[i].GetStructuredStateValue("Column"));
            Assert.StartsWith("DM", expected[i].Code, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Decide_WritesNoLog()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(1));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath));
        _ = fixture.Engine;
        var before = fixture.Logs.Count;

        fixture.Engine.Decide(DemoMap.Id, CustomerSnapshot.FromJson(DemoMap.CustomerJson), DemoMap.At);

        Assert.Equal(before, fixture.Logs.Count);
    }
}
