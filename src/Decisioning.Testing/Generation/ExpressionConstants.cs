namespace Decisioning.Testing.Generation;

/// <summary>Two names an expression compares, the second scaled: <c>Left op Right * Factor</c>.</summary>
internal sealed record Relation(string Left, string Right, decimal Factor);

/// <summary>
/// The constants a map's expressions compare names with: <c>aum &gt;= 500000</c> gives
/// <c>aum: 500000</c>, <c>city == "上海"</c> gives <c>city: "上海"</c>,
/// <c>holdings.Contains("credit-card")</c> gives <c>holdings: "credit-card"</c>, and
/// <c>aum &lt; aumPeak12m * 0.5</c> a <see cref="Relation"/>. The generators draw values around
/// them so that every comparison goes both ways.
/// </summary>
internal sealed class ExpressionConstants
{
    private static readonly HashSet<string> Comparisons = ["==", "!=", "<>", "<=", ">=", "<", ">", "="];
    private static readonly HashSet<string> Keywords = ["true", "false", "null", "and", "or", "not"];

    private readonly Dictionary<string, SortedSet<decimal>> _numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<string>> _strings = new(StringComparer.Ordinal);
    private readonly List<Relation> _relations = [];
    private readonly Dictionary<string, int> _polarity = new(StringComparer.Ordinal);

    public IReadOnlyList<Relation> Relations => _relations;

    public IReadOnlyList<decimal> NumbersOf(string name) => _numbers.TryGetValue(name, out var set) ? [.. set] : [];

    public IReadOnlyList<string> StringsOf(string name) => _strings.TryGetValue(name, out var set) ? [.. set] : [];

    /// <summary>
    /// How a name is used as a condition on its own: positive when more often as <c>x</c> than as
    /// <c>!x</c>, negative when more often negated, 0 when never or as often.
    /// </summary>
    public int PolarityOf(string name) => Math.Sign(_polarity.GetValueOrDefault(name));

    /// <summary>Adds the constants of one expression as written.</summary>
    public void Add(string expression)
    {
        var tokens = ExpressionTokens.Read(expression);
        for (var k = 0; k < tokens.Count; k++)
        {
            var token = tokens[k];
            if (token.Kind == TokenKind.Symbol && Comparisons.Contains(token.Text))
            {
                var left = Left(tokens, k - 1);
                var right = Right(tokens, k + 1);
                Pair(left, right);
                Pair(right, left);
            }
            else if (IsName(token) && IsCondition(tokens, k))
            {
                _polarity[token.Text] = _polarity.GetValueOrDefault(token.Text) + (k > 0 && tokens[k - 1].Is("!") ? -1 : 1);
            }
            else if (token.Kind == TokenKind.Name && k + 2 < tokens.Count && tokens[k + 1].Is("(") &&
                tokens[k + 2].Kind == TokenKind.String && token.Text.LastIndexOf('.') is > 0 and var dot)
            {
                // A method on a name with a string argument: holdings.Contains("x"), city.StartsWith("x").
                Strings(token.Text[..dot]).Add(tokens[k + 2].Text);
            }
        }
    }

    private void Pair(Operand? name, Operand? other)
    {
        if (name?.Name is not { } n || other is null)
        {
            return;
        }

        if (other.Name is { } o)
        {
            // n op o * f; the reverse pair records o op n / f, so record one direction only.
            if (string.CompareOrdinal(n, o) < 0 && Bounded.Over(other.Factor, name.Factor) is { } factor)
            {
                _relations.Add(new Relation(n, o, factor));
            }
        }
        else if (other.Text is { } text)
        {
            Strings(n).Add(text);
        }
        else if (other.Number is { } number && Bounded.Over(number, name.Factor) is { } constant)
        {
            Numbers(n).Add(constant);
        }
    }

    private SortedSet<decimal> Numbers(string name) =>
        _numbers.TryGetValue(name, out var set) ? set : _numbers[name] = [];

    private SortedSet<string> Strings(string name) =>
        _strings.TryGetValue(name, out var set) ? set : _strings[name] = new SortedSet<string>(StringComparer.Ordinal);

    // The operand ending at index i: a literal, a name, or a name times a number (either order).
    private static Operand? Left(List<Token> t, int i)
    {
        if (i < 0)
        {
            return null;
        }

        if (t[i].Kind == TokenKind.Number)
        {
            if (i >= 2 && t[i - 1].Is("*") && IsName(t[i - 2]))
            {
                return new Operand(t[i - 2].Text, null, null, t[i].Number);
            }

            var negative = i >= 1 && t[i - 1].Is("-") && (i == 1 || t[i - 2].Kind == TokenKind.Symbol && !t[i - 2].Is(")"));
            return new Operand(null, negative ? -t[i].Number : t[i].Number, null, 1);
        }

        if (t[i].Kind == TokenKind.String)
        {
            return new Operand(null, null, t[i].Text, 1);
        }

        if (!IsName(t[i]))
        {
            return null;
        }

        var factor = i >= 2 && t[i - 1].Is("*") && t[i - 2].Kind == TokenKind.Number ? t[i - 2].Number : 1;
        return new Operand(t[i].Text, null, null, factor);
    }

    // The operand starting at index i.
    private static Operand? Right(List<Token> t, int i)
    {
        var negative = i < t.Count && t[i].Is("-");
        if (negative)
        {
            i++;
        }

        if (i >= t.Count)
        {
            return null;
        }

        var token = t[i];
        var sign = negative ? -1m : 1m;
        var scaledBy = i + 2 < t.Count && t[i + 2].Kind == TokenKind.Number && t[i + 2].Number != 0 ? t[i + 2].Number : (decimal?)null;
        switch (token.Kind)
        {
            case TokenKind.Number when i + 2 < t.Count && t[i + 1].Is("*") && IsName(t[i + 2]):
                return new Operand(t[i + 2].Text, null, null, sign * token.Number);
            case TokenKind.Number:
                return new Operand(null, sign * token.Number, null, 1);
            case TokenKind.String:
                return new Operand(null, null, token.Text, 1);
            case TokenKind.Name when IsName(token):
                var factor = scaledBy is not { } by ? 1m : t[i + 1].Is("*") ? by : t[i + 1].Is("/") ? 1 / by : 1m;
                return new Operand(token.Text, null, null, sign * factor);
            default:
                return null;
        }
    }

    // A name standing alone between logical operators: `hasPhone && !doNotCall`.
    private static bool IsCondition(List<Token> t, int k)
    {
        var before = k == 0 || t[k - 1].Is("!") || t[k - 1].Is("&&") || t[k - 1].Is("||") || t[k - 1].Is("(");
        var after = k + 1 == t.Count || t[k + 1].Is("&&") || t[k + 1].Is("||") || t[k + 1].Is(")");
        return before && after;
    }

    private static bool IsName(Token token) => token.Kind == TokenKind.Name && !Keywords.Contains(token.Text);

    /// <summary>One side of a comparison: <c>Name * Factor</c>, or a literal.</summary>
    private sealed record Operand(string? Name, decimal? Number, string? Text, decimal Factor);
}
