using System.Globalization;
using System.Text;

namespace Decisioning.Testing.Generation;

internal enum TokenKind
{
    Name,
    Number,
    String,
    Symbol,
}

/// <summary>One token of an expression: a (possibly dotted) name, a literal or an operator.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, decimal Number = 0)
{
    public bool Is(string symbol) => Kind == TokenKind.Symbol && Text == symbol;
}

/// <summary>
/// A small tokenizer for the expression syntax of spec section 1, enough to find which literals an
/// expression compares a name with. It never rejects: the map already compiled, so the text is
/// valid; anything it does not know becomes a one-character symbol.
/// </summary>
internal static class ExpressionTokens
{
    private static readonly string[] Symbols = ["==", "!=", "<>", "<=", ">=", "&&", "||", "<", ">", "=", "!", "+", "-", "*", "/", "%", "(", ")", ","];

    public static List<Token> Read(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsLetter(c) || c is '_' or '@')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Name, text[start..i]));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                tokens.Add(ReadNumber(text, ref i));
            }
            else if (c is '"' or '\'')
            {
                tokens.Add(new Token(TokenKind.String, ReadString(text, ref i)));
            }
            else
            {
                var symbol = Symbols.FirstOrDefault(s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0) ?? c.ToString();
                tokens.Add(new Token(TokenKind.Symbol, symbol));
                i += symbol.Length;
            }
        }

        return tokens;
    }

    private static Token ReadNumber(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.' ||
            (text[i] is 'e' or 'E' && i + 1 < text.Length && (char.IsAsciiDigit(text[i + 1]) || text[i + 1] is '+' or '-')) ||
            (text[i] is '+' or '-' && text[i - 1] is 'e' or 'E')))
        {
            i++;
        }

        var digits = text[start..i];
        // A type suffix (5000m, 10L, 0.5d) says nothing about the value.
        while (i < text.Length && char.IsAsciiLetter(text[i]))
        {
            i++;
        }

        return decimal.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? new Token(TokenKind.Number, digits, value)
            : new Token(TokenKind.Symbol, digits);
    }

    private static string ReadString(string text, ref int i)
    {
        var quote = text[i++];
        var value = new StringBuilder();
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
                value.Append(text[i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => text[i] });
            }
            else
            {
                value.Append(text[i]);
            }

            i++;
        }

        i++; // the closing quote
        return value.ToString();
    }
}
