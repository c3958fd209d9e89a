using Decisioning.Model;

namespace Decisioning.Cli.Import;

/// <summary>
/// The customer fields a converted workflow reads, and their types as the rules use them:
/// RulesEngine inputs carry no schema, a map must declare one. A field compared with a string
/// literal or given a string method is a string; with a whole number, an int; with a decimal
/// number, a decimal (int and decimal evidence together make a decimal); with true/false, or
/// used alone as a condition, a bool; with <c>.Year</c>/<c>.Month</c>/<c>.Day</c>, a date; with
/// null, <c>.HasValue</c> or <c>.Value</c>, optional. A field with no evidence is a decimal.
/// </summary>
internal sealed class FieldInference
{
    private static readonly HashSet<string> StringMembers = new(StringComparer.Ordinal)
        { "StartsWith", "EndsWith", "ToLower", "ToUpper", "Trim", "Length", "Contains", "Substring", "IndexOf", "Replace" };

    private static readonly HashSet<string> Comparisons = ["==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%"];

    private readonly Dictionary<string, Field> _fields = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Field> _order = [];

    /// <summary>The field's spelling as first seen (RulesEngine matches names without regard to case, as maps do).</summary>
    public string Canonical(string name)
    {
        if (!_fields.TryGetValue(name, out var field))
        {
            field = new Field(name);
            _fields[name] = field;
            _order.Add(field);
        }

        return field.Name;
    }

    public bool IsField(string name) => _fields.ContainsKey(name);

    /// <summary>Reads the evidence in a converted expression (whose bare identifiers that are fields are known).</summary>
    public void Observe(IReadOnlyList<Token> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Kind != TokenKind.Identifier || (i > 0 && tokens[i - 1].Is(".")) || !_fields.TryGetValue(t.Text, out var field))
            {
                continue;
            }

            var next = i + 1;
            if (next + 1 < tokens.Count && tokens[next].Is(".") && tokens[next + 1].Kind == TokenKind.Identifier)
            {
                var member = tokens[next + 1].Text;
                if (StringMembers.Contains(member))
                {
                    field.Saw(FieldKind.String);
                    continue;
                }

                if (member is "Year" or "Month" or "Day")
                {
                    field.Saw(FieldKind.Date);
                    continue;
                }

                if (member is "HasValue" or "Value")
                {
                    field.Optional = true;
                    next += 2;
                }
            }

            var right = Skip(tokens, next, ")", +1);
            var left = Skip(tokens, i - 1, "(", -1);
            if (right < tokens.Count && tokens[right].Kind == TokenKind.Symbol && Comparisons.Contains(tokens[right].Text))
            {
                Literal(field, tokens, Skip(tokens, right + 1, "(", +1));
            }
            else if (right < tokens.Count && tokens[right].IsWord("in"))
            {
                Literal(field, tokens, Skip(tokens, right + 1, "(", +1));
            }
            else if (left >= 0 && tokens[left].Kind == TokenKind.Symbol && Comparisons.Contains(tokens[left].Text))
            {
                Literal(field, tokens, Skip(tokens, left - 1, ")", -1));
            }
            else if ((left < 0 || tokens[left].Text is "(" or "!" or "&&" or "||" or "?" or ":") &&
                     (right >= tokens.Count || tokens[right].Text is "&&" or "||" or "?" or ")" or ":"))
            {
                field.Saw(FieldKind.Bool);
            }
        }
    }

    /// <summary>Every field in order of first use, with its inferred type.</summary>
    public IReadOnlyList<(string Name, FieldType Type)> Fields =>
        [.. _order.Select(f => (f.Name, new FieldType(f.Kind ?? FieldKind.Decimal, f.Optional)))];

    /// <summary>Fields whose type was assumed (no rule said), for the map's comments.</summary>
    public IEnumerable<string> Assumed => _order.Where(f => f.Kind is null).Select(f => f.Name);

    private static int Skip(IReadOnlyList<Token> tokens, int from, string symbol, int step)
    {
        while (from >= 0 && from < tokens.Count && (tokens[from].Is(symbol) || (step > 0 && symbol == "(" && tokens[from].Is("-"))))
        {
            from += step;
        }

        return from;
    }

    private static void Literal(Field field, IReadOnlyList<Token> tokens, int at)
    {
        if (at < 0 || at >= tokens.Count)
        {
            return;
        }

        var t = tokens[at];
        switch (t.Kind)
        {
            case TokenKind.String:
                field.Saw(FieldKind.String);
                break;
            case TokenKind.Number:
                field.Saw(t.Text.IndexOfAny(['.', 'e', 'E', 'm', 'M', 'd', 'D', 'f', 'F']) >= 0 && !t.Text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                    ? FieldKind.Decimal
                    : FieldKind.Int);
                break;
            case TokenKind.Identifier when t.IsWord("true") || t.IsWord("false"):
                field.Saw(FieldKind.Bool);
                break;
            case TokenKind.Identifier when t.IsWord("null"):
                field.Optional = true;
                break;
        }
    }

    private sealed class Field(string name)
    {
        public string Name { get; } = name;

        public FieldKind? Kind { get; private set; }

        public bool Optional { get; set; }

        public void Saw(FieldKind kind) => Kind = (Kind, kind) switch
        {
            (null, _) => kind,
            (FieldKind.Int, FieldKind.Decimal) => FieldKind.Decimal,
            _ => Kind,
        };
    }
}
