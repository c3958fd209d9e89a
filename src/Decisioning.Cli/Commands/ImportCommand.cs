using System.CommandLine;
using Decisioning.Cli.Import;
using Decisioning.Cli.Infrastructure;
using Decisioning.Loading;

namespace Decisioning.Cli.Commands;

/// <summary>
/// <c>decisioning import rulesengine WORKFLOW.json --out DIR</c>: a RulesEngine workflow file as a
/// strategy map (<c>DIR/map.yaml</c>), each rule a segment. Every rule that could not be converted
/// is reported as <c>FILE:LINE:COL: error CODE: message</c> on the JSON. Exit 0 when every rule
/// converted (warnings allowed), 1 when one did not (the map holds the others), 2 when the file is
/// not workflow JSON.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var workflow = new Argument<string>("WORKFLOW") { Description = "A RulesEngine workflow JSON file (one workflow, or an array of them)" };
        var output = new Option<string>("--out") { Description = "The folder to write map.yaml into", Required = true };
        var rulesEngine = new Command("rulesengine", "Convert Microsoft RulesEngine workflows into a map: one segment per rule") { workflow, output };
        rulesEngine.SetAction(parse => Run(context, parse.GetValue(workflow)!, parse.GetValue(output)!));
        return new Command("import", "Convert rules written for another engine into a strategy map") { rulesEngine };
    }

    private static int Run(CliContext context, string file, string folder)
    {
        byte[] bytes;
        try
        {
            // Bounded as a file a map names: /dev/zero or a file of gigabytes is refused, not read whole.
            using var input = CliIo.OpenInputStream(CliIo.RequireFile(file));
            bytes = CliIo.ReadAtMost(input, (int)Files.MapFileRules.MaxNamedFileBytes);
            if (bytes.Length > Files.MapFileRules.MaxNamedFileBytes)
            {
                throw new IOException($"'{file}' holds more than {Files.MapFileRules.MaxNamedFileBytes:N0} bytes; a workflow file may hold at most that");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Exit 2, as for a file that is not workflow JSON (docs/rulesengine.md).
            context.Error.WriteLine($"error: {e.Message}");
            return 2;
        }

        var result = RulesEngineImporter.Import(file, bytes);
        foreach (var diagnostic in result.Diagnostics)
        {
            context.Out.WriteLine(diagnostic.ToString());
        }

        if (result.Yaml is null)
        {
            context.Out.WriteLine("not imported: the file is not RulesEngine workflow JSON");
            return 2;
        }

        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "map.yaml");
        // Whole or not at all: a reader never sees half a map.
        var scratch = path + ".tmp";
        File.WriteAllText(scratch, result.Yaml);
        File.Move(scratch, path, overwrite: true);

        var check = MapLoader.Load(path);
        foreach (var problem in check.Errors)
        {
            context.Out.WriteLine(problem.ToString());
        }

        var skipped = result.RuleCount - result.Rules.Count;
        context.Out.WriteLine($"imported {result.Rules.Count} of {result.RuleCount} rules into {path} (map '{result.MapId}'); " +
            (skipped == 0 ? "every rule converted" : $"{skipped} not converted, see above") + (check.Success ? "" : "; the map does not validate"));
        return result.HasErrors || !check.Success ? 1 : 0;
    }
}
