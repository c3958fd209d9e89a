namespace Decisioning.Cli.Import;

internal enum TokenKind
{
    Identifier,
    Number,
    String,
    Symbol,
}

/// <summary>One token of a RulesEngine (System.Linq.Dynamic.Core) expression and its offset in the text.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Offset)
{
    public bool Is(string symbol) => Kind == TokenKind.Symbol && Text == symbol;

    public bool IsWord(string word) => Kind == TokenKind.Identifier && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Splits an expression into the tokens of System.Linq.Dynamic.Core's grammar: identifiers,
/// numbers (with their suffixes), string and character literals, and operators (longest first).
/// Enough to rename inputs and scoped params and to see types; the map's parser checks the rest.
/// </summary>
internal static class ExpressionTokens
{
    private static readonly string[] Symbols =
    [
        "&&", "||", "==", "!=", "<>", "<=", ">=", "=>", "??", "?.",
        "<", ">", "=", "!", "+", "-", "*", "/", "%", "?", ":", "(", ")", "[", "]", "{", "}", ",", ".", "&", "|", "^", "~",
    ];

    /// <summary>The tokens; null, with the offset of the first character it cannot read, when the text is not lexable.</summary>
    public static List<Token>? Read(string text, out int bad)
    {
        var tokens = new List<Token>();
        bad = -1;
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsLetter(c) || c is '_' or '@')
            {
                var start = i++;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Identifier, text[start..i], start));
            }
            else if (char.IsDigit(c) || (c == '.' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '.' ||
                       ((text[i] is '+' or '-') && text[i - 1] is 'e' or 'E' && !text[start..i].StartsWith("0x", StringComparison.OrdinalIgnoreCase))))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Number, text[start..i], start));
            }
            else if (c is '"' or '\'')
            {
                var start = i;
                var end = ClosingQuote(text, i);
                if (end >= text.Length || text[end] != c || end == start)
                {
                    bad = start;
                    return null;
                }

                i = end + 1;
                tokens.Add(new Token(TokenKind.String, text[start..i], start));
            }
            else if (Array.Find(Symbols, s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0) is { } symbol)
            {
                tokens.Add(new Token(TokenKind.Symbol, symbol, i));
                i += symbol.Length;
            }
            else
            {
                bad = i;
                return null;
            }
        }

        return tokens;
    }

    /// <summary>The index of the quote closing the literal at <paramref name="start"/> (backslash escapes honoured), or the text's length.</summary>
    private static int ClosingQuote(string text, int start)
    {
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == text[start])
            {
                return i;
            }
        }

        return text.Length;
    }
}
