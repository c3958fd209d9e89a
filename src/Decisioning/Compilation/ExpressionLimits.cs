
namespace Decisioning.Compilation;

/// <summary>
/// Lexical checks run before the parser sees an expression, so that hostile text is refused
/// cheaply and can never drive the recursive-descent parser into a stack overflow.
/// </summary>
internal static class ExpressionLimits
{
    /// <summary>Longest expression accepted, in characters.</summary>
    public const int MaxLength = 4096;

    /// <summary>Deepest nesting of parentheses, brackets, unary operators and conditionals.</summary>
    public const int MaxDepth = 32;

    /// <summary>The first lexical problem: its code, message and 0-based offset; null when none.</summary>
    public static (string Code, string Message, int Offset)? Check(string text)
    {
        if (text.Length > MaxLength)
        {
            return (Diagnostics.DiagnosticCodes.ExpressionTooLong,
                $"expression is {text.Length} characters long; the limit is {MaxLength}", MaxLength);
        }

        var depth = 0;
        var unaryRun = 0;
        var conditionals = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '"' or '\'')
            {
                i = SkipString(text, i);
                unaryRun = 0;
                continue;
            }

            switch (c)
            {
                case '(' or '[' or '{':
                    if (++depth > MaxDepth)
                    {
                        return TooDeep(i);
                    }

                    break;
                case ')' or ']' or '}':
                    depth--;
                    break;
                case '?':
                    if (++conditionals > MaxDepth)
                    {
                        return TooDeep(i);
                    }

                    break;
                case '=' when IsLoneEquals(text, i):
                    return (Diagnostics.DiagnosticCodes.ExpressionForbidden,
                        "'=' is assignment and is not allowed; compare with '=='", i);
            }

            if (c is '!' or '-' or '+' or '~')
            {
                if (++unaryRun > MaxDepth)
                {
                    return TooDeep(i);
                }
            }
            else if (!char.IsWhiteSpace(c))
            {
                unaryRun = 0;
            }
        }

        return null;
    }

    private static (string, string, int) TooDeep(int offset) =>
        (Diagnostics.DiagnosticCodes.ExpressionTooDeep, $"expression is nested deeper than {MaxDepth} levels", offset);

    private static bool IsLoneEquals(string text, int i)
    {
        var before = i > 0 ? text[i - 1] : ' ';
        var after = i + 1 < text.Length ? text[i + 1] : ' ';
        return before is not ('=' or '!' or '<' or '>') && after is not ('=' or '>');
    }

    /// <summary>The index of the closing quote (or the end), honouring backslash escapes.</summary>
    internal static int SkipString(string text, int start)
    {
        var quote = text[start];
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                return i;
            }
        }

        return text.Length - 1;
    }

    /// <summary>Offset of <paramref name="name"/> as a whole word outside string literals, or -1.</summary>
    public static int IndexOfWord(string text, string name)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '"' or '\'')
            {
                i = SkipString(text, i);
                continue;
            }

            if (string.CompareOrdinal(text, i, name, 0, name.Length) == 0 &&
                (i == 0 || !IsWordChar(text[i - 1])) &&
                (i + name.Length >= text.Length || !IsWordChar(text[i + name.Length])))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The <paramref name="names"/> <paramref name="text"/> uses as whole words outside string
    /// literals, in the order they first appear (equal offsets in the order given): what
    /// <see cref="IndexOfWord"/> finds for each name, from one pass over the text.
    /// </summary>
    public static List<string> NamesIn(string text, IReadOnlyList<string> names)
    {
        var words = new List<(int Start, int Length)>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '"' or '\'')
            {
                i = SkipString(text, i);
                continue;
            }

            if (IsWordChar(text[i]) && (i == 0 || !IsWordChar(text[i - 1])))
            {
                var end = i + 1;
                while (end < text.Length && IsWordChar(text[end]))
                {
                    end++;
                }

                words.Add((i, end - i));
                i = end - 1;
            }
        }

        // In the names' order, then moved before every name found later in the text (stable).
        var found = new List<(string Name, int At)>();
        foreach (var name in names)
        {
            var at = -1;
            foreach (var (start, length) in words)
            {
                if (length == name.Length && string.CompareOrdinal(text, start, name, 0, length) == 0)
                {
                    at = start;
                    break;
                }
            }

            if (at < 0 && !IsWord(name))
            {
                at = IndexOfWord(text, name);
            }

            if (at >= 0)
            {
                var place = found.Count;
                while (place > 0 && found[place - 1].At > at)
                {
                    place--;
                }

                found.Insert(place, (name, at));
            }
        }

        var result = new List<string>(found.Count);
        foreach (var (name, _) in found)
        {
            result.Add(name);
        }

        return result;
    }

    private static bool IsWord(string name)
    {
        foreach (var c in name)
        {
            if (!IsWordChar(c))
            {
                return false;
            }
        }

        return name.Length > 0;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
