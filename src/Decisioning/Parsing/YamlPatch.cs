using Decisioning.Diagnostics;

namespace Decisioning.Parsing;

/// <summary>
/// Reads an edited map file by parsing only the list item that changed (one strategy, one
/// product, one segment) and taking the rest of the previous tree: a hot reload after a one-line
/// edit then parses a few lines instead of the whole file. It applies only where that cannot give
/// another tree than a full parse: the previous text parsed without a diagnostic into a mapping; the
/// lines that differ lie inside one item of a block list under a top-level key; and those lines of
/// the new text, parsed alone at their place in the file, give one list item at the same indentation
/// without a diagnostic. In every other case (and for every edit with an error) the caller parses
/// the whole file, which reports what is wrong.
/// </summary>
internal static class YamlPatch
{
    /// <summary>The tree of <paramref name="newText"/>, from <paramref name="oldTree"/> of <paramref name="oldText"/> and the changed item; null when it does not apply.</summary>
    public static YamlNode? Apply(string oldText, YamlNode? oldTree, string newText, string file)
    {
        if (oldTree is not YamlMapping root || oldText.Contains('\r') || newText.Contains('\r'))
        {
            return null;
        }

        var oldLines = LineStarts(oldText);
        var newLines = LineStarts(newText);
        var (prefix, oldEnd, newEnd) = Changed(oldText, oldLines, newText, newLines);
        if (prefix < 0)
        {
            return null;
        }

        // The block list item whose lines hold every changed line.
        for (var e = 0; e < root.Entries.Count; e++)
        {
            if (root.Entries[e].Value is not YamlSequence { Items.Count: > 0 } list || !IsBlockList(oldText, oldLines, list))
            {
                continue;
            }

            // Line numbers are 0-based here; an item runs to the next item, the last to the next top-level key.
            var next = e + 1 < root.Entries.Count ? root.Entries[e + 1].Key.Location.Line - 1 : oldLines.Length;
            for (var i = 0; i < list.Items.Count; i++)
            {
                var from = list.Items[i].Location.Line - 1;
                var to = i + 1 < list.Items.Count ? list.Items[i + 1].Location.Line - 1 : next;
                if (from > prefix || oldEnd > to)
                {
                    continue;
                }

                var delta = newLines.Length - oldLines.Length;
                var item = Reread(newText, newLines, from, to + delta, list.Location.Column, file);
                if (item is null)
                {
                    return null;
                }

                var items = list.Items.ToArray();
                items[i] = item;
                for (var k = i + 1; k < items.Length; k++)
                {
                    items[k] = Shift(items[k], delta);
                }

                var entries = root.Entries.ToArray();
                entries[e] = new YamlEntry(entries[e].Key, new YamlSequence(items, list.Location));
                for (var k = e + 1; k < entries.Length; k++)
                {
                    entries[k] = new YamlEntry((YamlScalar)Shift(entries[k].Key, delta), Shift(entries[k].Value, delta));
                }

                return new YamlMapping(entries, root.Location);
            }

            if (list.Items[0].Location.Line - 1 <= prefix && oldEnd <= next)
            {
                return null;
            }
        }

        return null;
    }

    // The first changed line, and where the common tail starts in the old and the new text (0-based lines).
    private static (int Prefix, int OldEnd, int NewEnd) Changed(string oldText, int[] oldLines, string newText, int[] newLines)
    {
        var prefix = 0;
        while (prefix < oldLines.Length && prefix < newLines.Length && SameLine(oldText, oldLines, prefix, newText, newLines, prefix))
        {
            prefix++;
        }

        if (prefix == oldLines.Length && prefix == newLines.Length)
        {
            return (-1, 0, 0);
        }

        var oldEnd = oldLines.Length;
        var newEnd = newLines.Length;
        while (oldEnd > prefix && newEnd > prefix && SameLine(oldText, oldLines, oldEnd - 1, newText, newLines, newEnd - 1))
        {
            oldEnd--;
            newEnd--;
        }

        return (prefix, oldEnd, newEnd);
    }

    private static bool SameLine(string a, int[] aStarts, int i, string b, int[] bStarts, int j) =>
        Line(a, aStarts, i).SequenceEqual(Line(b, bStarts, j));

    private static ReadOnlySpan<char> Line(string text, int[] starts, int i) =>
        text.AsSpan(starts[i], (i + 1 < starts.Length ? starts[i + 1] : text.Length) - starts[i]);

    private static int[] LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = text.IndexOf('\n'); i >= 0 && i + 1 < text.Length; i = text.IndexOf('\n', i + 1))
        {
            starts.Add(i + 1);
        }

        return [.. starts];
    }

    // A list written as "- item" lines at the list's own column: every item starts on a line of its own.
    private static bool IsBlockList(string text, int[] starts, YamlSequence list)
    {
        var column = list.Location.Column;
        foreach (var item in list.Items)
        {
            var line = Line(text, starts, item.Location.Line - 1);
            var dash = column - 1;
            if (item.Location.Column - 1 <= dash || dash >= line.Length || line[dash] != '-' || line[..dash].ContainsAnyExcept(' '))
            {
                return false;
            }
        }

        return true;
    }

    // Lines [from, to) of the new text parsed alone: exactly one item of a block list at the column, or null.
    private static YamlNode? Reread(string text, int[] starts, int from, int to, int column, string file)
    {
        if (from >= to || to > starts.Length)
        {
            return null;
        }

        var end = to < starts.Length ? starts[to] : text.Length;
        var fragment = text[starts[from]..end];
        if (fragment.Contains('\t'))
        {
            // YamlDotNet refuses a tab in indentation by what precedes it: let the full parse judge.
            return null;
        }

        var scratch = new DiagnosticBag();
        var tree = YamlTreeReader.Read(fragment, file, scratch, lineOffset: from, depth: 1);
        return scratch.Items.Count == 0 && tree is YamlSequence { Items.Count: 1 } one &&
               one.Location.Line == from + 1 && one.Location.Column == column
            ? one.Items[0]
            : null;
    }

    /// <summary>The same tree <paramref name="lines"/> further down its file.</summary>
    private static YamlNode Shift(YamlNode node, int lines)
    {
        if (lines == 0)
        {
            return node;
        }

        SourceLocation Down(SourceLocation at) => at with { Line = at.Line + lines };
        return node switch
        {
            YamlScalar s => s with { Location = Down(s.Location), ContentStart = Down(s.ContentStart) },
            YamlSequence q => new YamlSequence([.. q.Items.Select(x => Shift(x, lines))], Down(q.Location)),
            YamlMapping m => new YamlMapping([.. m.Entries.Select(x => new YamlEntry((YamlScalar)Shift(x.Key, lines), Shift(x.Value, lines)))], Down(m.Location)),
            _ => node,
        };
    }
}
