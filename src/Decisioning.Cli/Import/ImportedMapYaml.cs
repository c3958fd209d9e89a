using System.Globalization;
using System.Text;

namespace Decisioning.Cli.Import;

/// <summary>
/// Writes an imported map as YAML (<c>decisioning import rulesengine</c>): every text from the
/// workflow file, in a comment or a quoted scalar, stays on its line and reads back as written.
/// </summary>
internal static class ImportedMapYaml
{
    /// <summary>The map file: a header naming the source, the inferred fields the rules use, one segment a rule.</summary>
    public static string Write(string sourceFile, string mapId, FieldInference fields, IReadOnlyList<ImportedRule> rules)
    {
        var y = new StringBuilder();
        y.Append("# Imported from ").Append(Escaped(Path.GetFileName(sourceFile), quoted: false)).AppendLine(" by `decisioning import rulesengine`.");
        y.AppendLine("# Each segment is one RulesEngine rule; field types are inferred from how the rules use them.");
        if (fields.Assumed.Where(f => rules.Any(r => Mentions(r.Condition, f))).ToList() is { Count: > 0 } assumed)
        {
            y.Append("# No rule says the type of ").Append(string.Join(", ", assumed)).AppendLine(": decimal is assumed.");
        }

        y.Append("map: ").AppendLine(mapId);
        y.AppendLine("version: \"imported\"");
        y.AppendLine("customer:");
        if (fields.Fields.Count == 0)
        {
            y.AppendLine("  fields: {}");
        }
        else
        {
            y.AppendLine("  fields:");
            foreach (var (name, type) in fields.Fields.Where(f => rules.Any(r => Mentions(r.Condition, f.Name))))
            {
                y.Append("    ").Append(name).Append(": ").AppendLine(type.ToString());
            }
        }

        y.AppendLine(rules.Count == 0 ? "segments: []" : "segments:");
        foreach (var rule in rules)
        {
            y.Append("  # RulesEngine: workflow ").Append(Quote(rule.Workflow)).Append(", rule ").Append(Quote(rule.Rule));
            if (rule.SuccessEvent is { } success)
            {
                y.Append(", success event ").Append(Quote(success));
            }

            y.AppendLine();
            if (rule.ErrorMessage is { } error)
            {
                y.Append("  #   error message: ").AppendLine(Escaped(error.ReplaceLineEndings(" "), quoted: false));
            }

            y.Append("  - id: ").AppendLine(rule.SegmentId);
            y.Append("    when: ").AppendLine(Quote(rule.Condition));
        }

        return y.ToString();
    }

    private static bool Mentions(string condition, string field) =>
        ExpressionTokens.Read(condition, out _)?.Any(t => t.Kind == TokenKind.Identifier && t.Text == field) ?? false;

    /// <summary>A YAML double-quoted scalar.</summary>
    private static string Quote(string text) => "\"" + Escaped(text, quoted: true) + "\"";

    // YAML reads U+0085, U+2028 and U+2029 as line breaks and refuses other control characters
    // raw: in a rule's name (written in a comment) they ended the comment, and what followed was
    // read as the map's own YAML (a segment of the workflow's choosing); in a condition they
    // folded into a space or broke the file. Each is written as an escape instead (which a
    // comment shows as it is), so every text stays on its line and reads back as it was.
    private static string Escaped(string text, bool quoted)
    {
        var y = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\' or '"' when quoted:
                    y.Append('\\').Append(c);
                    break;
                case '\n':
                    y.Append("\\n");
                    break;
                case '\r':
                    y.Append("\\r");
                    break;
                case '\t':
                    y.Append("\\t");
                    break;
                case < ' ' or (>= '\u007F' and <= '\u009F') or '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF':
                    y.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    break;
                default:
                    y.Append(c);
                    break;
            }
        }

        return y.ToString();
    }
}
