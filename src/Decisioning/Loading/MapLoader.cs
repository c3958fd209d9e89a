using Decisioning.Plan;
using Decisioning.Compilation;
using Decisioning.Diagnostics;
using Decisioning.Parsing;
using Decisioning.Validation;

namespace Decisioning.Loading;

/// <summary>
/// Loads a strategy map from a YAML file or a folder of them, through every stage of the
/// pipeline: text -> YAML tree -> document -> validation -> plan. Never throws for bad input:
/// every problem comes back as a diagnostic with its file, line and column.
/// </summary>
public static class MapLoader
{
    /// <summary>
    /// Loads the map file or folder at <paramref name="path"/>: a plan, or every diagnostic with its
    /// code, file, line and column. A missing or unreadable file is a diagnostic, not an exception.
    /// </summary>
    public static LoadResult Load(string path, MapLoadOptions? options = null) =>
        OnLargeStack(() => LoadOnThisThread(path, options ?? MapLoadOptions.Default));

    /// <summary>Loads a map from text already in memory (tests, editors, a host's own store).</summary>
    public static LoadResult LoadText(string text, string displayPath = "map.yaml", MapLoadOptions? options = null) =>
        OnLargeStack(() =>
        {
            options ??= MapLoadOptions.Default;
            var diagnostics = new DiagnosticBag();
            var files = new MapSourceFiles(Path.GetDirectoryName(Path.GetFullPath(displayPath)) ?? ".");
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            files.Add(displayPath, bytes);
            var reload = Reload.Start(options, "text\n" + Path.GetFullPath(displayPath), files);
            var trees = new List<(string, YamlNode?)> { (displayPath, reload.Tree(displayPath, bytes, text, diagnostics)) };
            return reload.Finish(diagnostics, [(displayPath, bytes)], pieces => Finish(trees, diagnostics, options, files, pieces));
        });

    private static LoadResult OnLargeStack(Func<LoadResult> load) => LoaderThreads.Run(load);

    private static LoadResult LoadOnThisThread(string path, MapLoadOptions options)
    {
        var diagnostics = new DiagnosticBag();
        if (path.Length == 0 || path.Contains('\0', StringComparison.Ordinal))
        {
            // No file has this name, and Path.GetFullPath throws on it: a diagnostic, as a missing file is.
            diagnostics.Error(DiagnosticCodes.FileUnreadable, "no such file or folder", SourceLocation.StartOf(path));
            return new LoadResult(null, diagnostics.Sorted());
        }

        var files = MapFiles(path, diagnostics);
        var sources = new MapSourceFiles(Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
        // Diagnostics name files relative to the current directory: part of what a reload must match.
        var cwd = Directory.GetCurrentDirectory();
        var reload = Reload.Start(options, Path.GetFullPath(path) + "\n" + cwd, sources);
        var trees = new List<(string, YamlNode?)>();
        var read = new List<(string, byte[])>();
        // A map file the user named may be a link to anywhere; the files of a folder stay inside it.
        Func<string, byte[]> readFile = Directory.Exists(path) ? sources.ReadInside : sources.Read;
        foreach (var file in files)
        {
            var display = Display(file, cwd);
            byte[]? bytes = null;
            var text = SourceText.ReadFile(file, display, diagnostics, f => bytes = readFile(f));
            if (bytes is not null)
            {
                read.Add((file, bytes));
            }

            trees.Add((display, text is null ? null : reload.Tree(display, bytes!, text, diagnostics)));
        }

        return reload.Finish(diagnostics, read, pieces =>
        {
            var result = Finish(trees, diagnostics, options, sources, pieces);
            return result.Plan is null ? result : result with { Plan = result.Plan with { Sources = files } };
        });
    }

    private static LoadResult Finish(List<(string, YamlNode?)> trees, DiagnosticBag diagnostics, MapLoadOptions options, MapSourceFiles sources, LoadPieces pieces)
    {
        // A file that could not be read or parsed leaves holes that would only echo as noise
        // (missing map id, unknown references): report what the YAML stage found and stop.
        if (diagnostics.HasErrors)
        {
            return new LoadResult(null, diagnostics.Sorted());
        }

        if (trees.All(t => t.Item2 is null or YamlScalar { IsNull: true }))
        {
            diagnostics.Error(DiagnosticCodes.EmptyMap, "the map is empty", trees.Count > 0 ? SourceLocation.StartOf(trees[0].Item1) : default);
            return new LoadResult(null, diagnostics.Sorted());
        }

        var document = MapDocumentReader.Read(trees, diagnostics, pieces.Read);
        var hostIds = options.HostModels.Keys.ToHashSet(StringComparer.Ordinal);
        pieces.Validation = MapValidation.Validate(document, hostIds, diagnostics, pieces.Validation);
        var plan = PlanCompiler.Compile(document, options.HostModels, diagnostics, options.ExpressionCache, sources.ReadInside, pieces.Compile);
        // The lists were read while compiling: the hash covers every file the plan was made from.
        return new LoadResult(diagnostics.HasErrors || plan is null ? null : plan with { MapHash = sources.Hash(), DefinitionHash = sources.DefinitionHash() }, diagnostics.Sorted());
    }

    /// <summary>The map's files: the file itself, or a folder's *.yaml and *.yml in ordinal name order.</summary>
    internal static IReadOnlyList<string> MapFiles(string path, DiagnosticBag diagnostics)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path)
                .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal)
                .ToList();
            if (files.Count == 0)
            {
                diagnostics.Error(DiagnosticCodes.EmptyMap, "the folder holds no .yaml or .yml file", SourceLocation.StartOf(path));
            }

            return files;
        }

        diagnostics.Error(DiagnosticCodes.FileUnreadable, "no such file or folder", SourceLocation.StartOf(path));
        return [];
    }

    private static string Display(string file, string cwd)
    {
        var relative = Path.GetRelativePath(cwd, file);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? file : relative;
    }
}
