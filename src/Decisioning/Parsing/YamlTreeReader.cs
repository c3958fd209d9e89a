using Decisioning.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Decisioning.Parsing;

/// <summary>
/// Reads YAML text into a <see cref="YamlNode"/> tree from the parser's event stream. Working on
/// events (not YamlDotNet's representation model) keeps the reader iterative and lets it refuse
/// aliases, so an alias bomb or a 10,000-deep nesting costs nothing and ends in a diagnostic.
/// </summary>
internal static class YamlTreeReader
{
    /// <summary>No strategy map needs more nesting than this; deeper input is refused.</summary>
    public const int MaxDepth = 32;

    public static YamlNode? Read(string text, string file, DiagnosticBag diagnostics) => Read(text, file, diagnostics, 0, 0);

    /// <summary>
    /// As <see cref="Read(string, string, DiagnosticBag)"/>, for text that starts
    /// <paramref name="lineOffset"/> lines into its file and sits <paramref name="depth"/> collections
    /// deep there (<see cref="YamlPatch"/>): positions and the depth limit are those of the whole file.
    /// </summary>
    internal static YamlNode? Read(string text, string file, DiagnosticBag diagnostics, int lineOffset, int depth)
    {
        var parser = new Parser(new StringReader(text));
        var builder = new TreeBuilder(file, diagnostics, lineOffset, depth);
        try
        {
            while (parser.MoveNext())
            {
                if (!builder.Accept(parser.Current!))
                {
                    break;
                }
            }
        }
        catch (YamlException e)
        {
            if (e.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) && IndentationTab(text, (int)e.Start.Line) is { } tab)
            {
                diagnostics.Error(DiagnosticCodes.YamlSyntax, "YAML syntax: a tab in the indentation; YAML indents with spaces only", new SourceLocation(file, tab.Line, tab.Column));
            }
            else
            {
                diagnostics.Error(DiagnosticCodes.YamlSyntax, Describe(e), At(file, e.Start));
            }

            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner can give up this way on truncated input (an unclosed flow list
            // at the end of the file); the last event it produced is the best position we have.
            diagnostics.Error(DiagnosticCodes.YamlSyntax, "YAML syntax: unexpected end of the file (an unclosed [ or {?)",
                parser.Current is { } last ? At(file, last.End) : SourceLocation.StartOf(file));
            return null;
        }

        return builder.Root;
    }

    // The first tab in a line's leading white space, from the line the parser complained at on
    // (YamlDotNet reports a tab at the start of the enclosing mapping, not at the tab).
    private static (int Line, int Column)? IndentationTab(string text, int fromLine)
    {
        var lines = text.Split('\n');
        for (var i = Math.Max(0, fromLine - 1); i < lines.Length; i++)
        {
            var line = lines[i];
            var indent = line.Length - line.TrimStart(' ', '\t').Length;
            var tab = line.IndexOf('\t', 0, indent);
            if (tab >= 0)
            {
                return (i + 1, tab + 1);
            }
        }

        return null;
    }

    private static string Describe(YamlException e)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: ...) - (...): "; the position is ours to print.
        var message = e.Message;
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return "YAML syntax: " + (cut >= 0 ? message[(cut + 3)..] : message);
    }

    internal static SourceLocation At(string file, Mark mark) =>
        new(file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    private sealed class TreeBuilder(string file, DiagnosticBag diagnostics, int lineOffset, int depth)
    {
        private readonly Stack<Frame> _open = new();
        private int _documents;
        private int _aliases;

        public YamlNode? Root { get; private set; }

        private SourceLocation Here(Mark mark)
        {
            var at = At(file, mark);
            return lineOffset == 0 ? at : at with { Line = at.Line + lineOffset };
        }

        /// <summary>Takes one event; false stops reading (too deep, or a second document).</summary>
        public bool Accept(ParsingEvent e)
        {
            switch (e)
            {
                case DocumentStart ds when !ds.IsImplicit || _documents > 0:
                    if (_documents++ > 0)
                    {
                        diagnostics.Error(DiagnosticCodes.YamlSyntax,
                            "a map file holds one YAML document; this file has another here", Here(e.Start));
                        return false;
                    }

                    return true;
                case DocumentStart:
                    _documents++;
                    return true;
                case MappingStart or SequenceStart:
                    if (depth + _open.Count >= MaxDepth)
                    {
                        diagnostics.Error(DiagnosticCodes.TooDeep,
                            $"nesting deeper than {MaxDepth} levels; a strategy map never needs this", Here(e.Start));
                        Root = null;
                        return false;
                    }

                    _open.Push(new Frame(e is MappingStart, Here(e.Start)));
                    return true;
                case MappingEnd or SequenceEnd:
                    var frame = _open.Pop();
                    Add(frame.IsMapping
                        ? new YamlMapping(frame.Entries(diagnostics), frame.Location)
                        : new YamlSequence(frame.Items, frame.Location));
                    return true;
                case Scalar scalar:
                    Add(ToScalar(scalar));
                    return true;
                case AnchorAlias alias:
                    // One diagnostic per file is enough: an alias bomb holds hundreds of them.
                    if (_aliases++ == 0)
                    {
                        diagnostics.Error(DiagnosticCodes.AliasNotAllowed,
                            $"YAML aliases (*{alias.Value}) are not allowed in a strategy map; write the value out",
                            Here(e.Start));
                    }

                    Add(new YamlScalar("", true, Here(e.Start), Here(e.Start)));
                    return true;
                default:
                    return true;
            }
        }

        private YamlScalar ToScalar(Scalar scalar)
        {
            var start = Here(scalar.Start);
            var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted;
            var content = quoted ? start.Shift(1) : start;
            return new YamlScalar(scalar.Value, scalar.Style == ScalarStyle.Plain, start, content);
        }

        private void Add(YamlNode node)
        {
            if (_open.Count == 0)
            {
                Root ??= node;
                return;
            }

            _open.Peek().Add(node);
        }
    }

    private sealed class Frame(bool isMapping, SourceLocation location)
    {
        public bool IsMapping { get; } = isMapping;
        public SourceLocation Location { get; } = location;
        public List<YamlNode> Items { get; } = [];

        public void Add(YamlNode node) => Items.Add(node);

        public List<YamlEntry> Entries(DiagnosticBag diagnostics)
        {
            var entries = new List<YamlEntry>(Items.Count / 2);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < Items.Count; i += 2)
            {
                if (Items[i] is not YamlScalar key)
                {
                    diagnostics.Error(DiagnosticCodes.WrongNodeKind, "a key must be a plain value", Items[i].Location);
                    continue;
                }

                if (!seen.Add(key.Value))
                {
                    diagnostics.Error(DiagnosticCodes.DuplicateKey,
                        $"key '{key.Value}' appears twice in this mapping", key.Location);
                    continue;
                }

                entries.Add(new YamlEntry(key, Items[i + 1]));
            }

            return entries;
        }
    }
}
