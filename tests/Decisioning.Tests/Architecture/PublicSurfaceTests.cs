using System.Text.RegularExpressions;
using Decisioning.Tests.Support;
using Xunit;

namespace Decisioning.Tests.Architecture;

/// <summary>
/// The public surface is reviewed, not accidental: every type a package's PublicAPI files list
/// is named in docs/architecture.md with its reason to be public, and no library package turns
/// off the warning for a public member without XML documentation.
/// </summary>
public sealed partial class PublicSurfaceTests
{
    public static TheoryData<string> Packages()
    {
        var data = new TheoryData<string>();
        foreach (var folder in LibraryFolders())
        {
            data.Add(Path.GetFileName(folder));
        }

        return data;
    }

    [Fact]
    public void EveryLibraryPackage_TracksItsPublicSurface()
    {
        var names = LibraryFolders().Select(Path.GetFileName).ToList();

        Assert.Contains("Decisioning", names);
        Assert.Contains("Decisioning.Hosting", names);
        Assert.True(names.Count >= 11, $"only {names.Count} packages list a public surface: {string.Join(", ", names)}");
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void EveryPublicType_HasItsReasonInTheArchitectureDoc(string package)
    {
        var doc = File.ReadAllText(TestPaths.Repo("docs", "architecture.md"));

        var missing = PublicTypes(package).Where(name => !doc.Contains($"`{name}`", StringComparison.Ordinal)
                                                         && !doc.Contains($"`{name} ", StringComparison.Ordinal)
                                                         && !doc.Contains($"`{name}(", StringComparison.Ordinal));

        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void NoLibraryPackage_SuppressesMissingXmlDocs(string package)
    {
        var project = File.ReadAllText(TestPaths.Repo("src", package, package + ".csproj"));

        Assert.Contains("<GenerateDocumentationFile>true</GenerateDocumentationFile>", project, StringComparison.Ordinal);
        Assert.DoesNotContain("CS1591", project, StringComparison.Ordinal);
    }

    [Fact]
    public void PublicTypes_ReadsTypeLinesOnly()
    {
        // A member line, a nested type and an enum value: only the types are names of types.
        var lines = new[]
        {
            "#nullable enable",
            "Decisioning.Batch.BatchSummary",
            "Decisioning.Batch.BatchSummary.Customers.get -> long",
            "Decisioning.Telemetry.DecisioningTelemetry.Tags",
            "const Decisioning.Telemetry.DecisioningTelemetry.Tags.Map = \"decisioning.map.id\" -> string!",
            "Decisioning.Diffing.ChangeKind.Added = 0 -> Decisioning.Diffing.ChangeKind",
            "~override Decisioning.X.Y.Equals(object obj) -> bool",
        };

        Assert.Equal(["BatchSummary", "Tags"], TypeNames(lines));
    }

    private static IEnumerable<string> LibraryFolders() =>
        Directory.EnumerateDirectories(TestPaths.Repo("src"))
            .Where(folder => File.Exists(Path.Combine(folder, "PublicAPI.Unshipped.txt")))
            .Order(StringComparer.Ordinal);

    private static IEnumerable<string> PublicTypes(string package)
    {
        var folder = TestPaths.Repo("src", package);
        var lines = new[] { "PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt" }
            .Select(file => Path.Combine(folder, file))
            .Where(File.Exists)
            .SelectMany(File.ReadLines);
        return TypeNames(lines);
    }

    // A type's line is its full name alone; members have a signature ("(" or "->"), and modifiers
    // ("static", "abstract", "~" for oblivious nullability) may precede either.
    private static List<string> TypeNames(IEnumerable<string> lines) =>
        [.. lines.Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#') && !line.Contains("->", StringComparison.Ordinal) && !line.Contains('(', StringComparison.Ordinal))
            .Select(line => Modifiers().Replace(line, ""))
            .Select(name => name[(name.LastIndexOf('.') + 1)..])
            .Distinct(StringComparer.Ordinal)];

    [GeneratedRegex(@"^~?((abstract|sealed|static|virtual|override|readonly)\s+)*")]
    private static partial Regex Modifiers();
}
