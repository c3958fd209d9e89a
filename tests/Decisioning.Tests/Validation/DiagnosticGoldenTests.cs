using Decisioning.Diagnostics;
using Decisioning.Loading;
using Decisioning.Tests.Support;
using Xunit;

namespace Decisioning.Tests.Validation;

/// <summary>
/// One broken map per diagnostic code (Maps/invalid/DMxxx-*.yaml): the whole report, with every
/// line and column, is compared with Golden/diagnostics/DMxxx-*.txt.
/// </summary>
public class DiagnosticGoldenTests
{
    public static TheoryData<string> InvalidMaps()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(TestPaths.Maps("invalid"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(InvalidMaps))]
    public void Load_BrokenMap_ReportsExactPositionsAsGolden(string name)
    {
        var result = MapLoader.Load(TestPaths.Maps("invalid", name + ".yaml"));

        Assert.False(result.Success);
        Golden.Verify(Report(result), Path.Combine("diagnostics", name + ".txt"));
        if (name.StartsWith("DM", StringComparison.Ordinal))
        {
            Assert.Contains(result.Diagnostics, d => d.Code == name[..5] && d.Severity == Severity.Error);
        }
    }

    [Fact]
    public void Load_MapWithTenMistakes_ReportsAllTenInOneRun()
    {
        var result = MapLoader.Load(TestPaths.Maps("invalid", "ten-mistakes.yaml"));

        var errors = result.Errors.ToList();
        Assert.Equal(10, errors.Count);
        Assert.Equal(
            ["DM010", "DM020", "DM021", "DM022", "DM031", "DM032", "DM035", "DM040", "DM050", "DM061"],
            errors.Select(e => e.Code).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Load_ValidBase_HasNoDiagnostics()
    {
        var result = MapLoader.Load(TestPaths.Maps("valid-base.yaml"));

        Assert.True(result.Success, Report(result));
        Assert.Empty(result.Diagnostics);
    }

    /// <summary>The report with the folder of the maps cut out, so goldens hold in any clone.</summary>
    internal static string Report(LoadResult result)
    {
        var folder = TestPaths.Maps("invalid") + Path.DirectorySeparatorChar;
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return string.Join("\n", result.Diagnostics.Select(d => d.ToString().Replace(folder, "").Replace(relative, ""))) + "\n";
    }
}
