using System.Text.Json.Nodes;

namespace Decisioning.EditorSupport.Tests;

/// <summary>
/// The YAML language server that install.sh puts in tests/EditorSupport/node_modules, run under
/// Node; and why the editor tests skip when either is missing.
/// </summary>
internal static class YamlLanguageServer
{
    public const string InstallHint = "tests/EditorSupport/install.sh installs it (Debian's nodejs and npm, then npm's yaml-language-server 1.25.0)";

    /// <summary>The folder of this test project's sources (where install.sh and node_modules are).</summary>
    public static string Folder { get; } = Path.Combine(RepositoryRoot(), "tests", "EditorSupport");

    public static string Script => Path.Combine(Folder, "node_modules", "yaml-language-server", "bin", "yaml-language-server");

    /// <summary>The node executable on PATH, or null.</summary>
    public static string? Node() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "node")).FirstOrDefault(File.Exists);

    /// <summary>Why the tests cannot run here, or null when Node and the server are both there.</summary>
    public static string? SkipReason(string? node, bool serverInstalled) =>
        node is null ? $"node is not installed, so the JSON Schema was NOT checked in the YAML language server; {InstallHint}"
        : !serverInstalled ? $"yaml-language-server is not installed in tests/EditorSupport/node_modules, so the JSON Schema was NOT checked in an editor's client; {InstallHint}"
        : null;

    /// <summary>The editor settings a user of VS Code's YAML extension has by default (YAML 1.2: dates stay strings).</summary>
    public static JsonObject Settings() => new()
    {
        ["validate"] = true,
        ["completion"] = true,
        ["hover"] = true,
        ["yamlVersion"] = "1.2",
        ["schemaStore"] = new JsonObject { ["enable"] = false },
    };

    public static Task<LspClient> StartAsync(string rootDirectory) =>
        LspClient.StartAsync(Node() ?? throw new InvalidOperationException("node is not installed"), Script, rootDirectory, Settings());

    public static string RepositoryRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Decisioning.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("cannot find Decisioning.sln above the test output");
    }
}

/// <summary>
/// A fact that needs the YAML language server: skipped, with the reason printed (in the test's
/// name too, which `dotnet test` shows at every verbosity), when Node or the server is missing.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LanguageServerFactAttribute : FactAttribute
{
    public LanguageServerFactAttribute([System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        var reason = YamlLanguageServer.SkipReason(YamlLanguageServer.Node(), File.Exists(YamlLanguageServer.Script));
        if (reason is not null)
        {
            Skip = reason;
            DisplayName = $"{test} (skipped: {reason})";
        }
    }
}
