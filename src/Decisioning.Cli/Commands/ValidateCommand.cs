using System.CommandLine;
using System.Text.Json;
using Decisioning.Diagnostics;
using Decisioning.Loading;

namespace Decisioning.Cli.Commands;

/// <summary><c>decisioning validate MAP [--format text|json]</c>: every problem of a map, exit 0 or 1.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var map = new Argument<string>("MAP") { Description = "A map file, or a folder of YAML files" };
        var format = new Option<string>("--format") { Description = "text (default) or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("validate", "Load and check a strategy map; print every problem with its position") { map, format };
        command.SetAction(parse =>
        {
            var result = MapLoader.Load(parse.GetValue(map)!);
            if (parse.GetValue(format) == "json")
            {
                WriteJson(context.Out, result);
            }
            else
            {
                foreach (var diagnostic in result.Diagnostics)
                {
                    context.Out.WriteLine(diagnostic.ToString());
                }

                var errors = result.Errors.Count();
                var warnings = result.Diagnostics.Count - errors;
                context.Out.WriteLine(result.Success
                    ? $"valid: map '{result.Plan!.MapId}' version '{result.Plan.Version}', {Wording.Count(result.Plan.Strategies.Count, "strategy")} ({Wording.Count(warnings, "warning")})"
                    : $"invalid: {Wording.Count(errors, "error")}, {Wording.Count(warnings, "warning")}");
            }

            return result.Success ? 0 : 1;
        });
        return command;
    }

    private static void WriteJson(TextWriter output, LoadResult result)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteBoolean("valid", result.Success);
            json.WriteStartArray("diagnostics");
            foreach (var d in result.Diagnostics)
            {
                json.WriteStartObject();
                json.WriteString("file", d.Location.File);
                json.WriteNumber("line", d.Location.Line);
                json.WriteNumber("column", d.Location.Column);
                json.WriteString("severity", d.Severity == Severity.Error ? "error" : "warning");
                json.WriteString("code", d.Code);
                json.WriteString("message", d.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
