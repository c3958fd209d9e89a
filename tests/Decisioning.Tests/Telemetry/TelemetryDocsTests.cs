using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Decisioning.Telemetry;
using Decisioning.Tests.Support;
using Xunit;

namespace Decisioning.Tests.Telemetry;

/// <summary>
/// docs/telemetry.md names every instrument and every log event the library has, with its id:
/// a host's dashboards and alerts are written from that page. (The history's events 40-43 were
/// once missing from it.)
/// </summary>
public sealed partial class TelemetryDocsTests
{
    private static readonly string Doc = File.ReadAllText(TestPaths.Repo("docs", "telemetry.md"));

    public static TheoryData<string> Instruments()
    {
        var data = new TheoryData<string>();
        foreach (var field in typeof(DecisioningTelemetry.Instruments).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
        {
            data.Add((string)field.GetRawConstantValue()!);
        }

        return data;
    }

    // Read from the sources of every project (the adapters' assemblies are not referenced here).
    public static TheoryData<int, string> Events()
    {
        var data = new TheoryData<int, string>();
        foreach (var file in Directory.EnumerateFiles(TestPaths.Repo("src"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match match in LoggerMessage().Matches(File.ReadAllText(file)))
            {
                data.Add(int.Parse(match.Groups["id"].Value, CultureInfo.InvariantCulture), match.Groups["name"].Value);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Instruments))]
    public void EveryInstrument_IsDocumented(string instrument) =>
        Assert.Contains($"| `{instrument}` |", Doc, StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Events))]
    public void EveryLogEvent_IsDocumentedWithItsId(int id, string name) =>
        Assert.Contains($"| {id} | `{name}` |", Doc, StringComparison.Ordinal);

    [Fact]
    public void TheLibraryHasEventsToDocument() => Assert.True(Events().Count() >= 25, $"only {Events().Count()} log events found");

    [GeneratedRegex(@"LoggerMessage\(EventId = (?<id>\d+), EventName = ""(?<name>\w+)""")]
    private static partial Regex LoggerMessage();
}
