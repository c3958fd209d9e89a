using System.Globalization;
using System.Linq.Dynamic.Core;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Decisioning.Compilation;

/// <summary>
/// Parses the forms maps use most (names in scope, <c>event.x</c>, whole and real number, string,
/// bool and null literals, comparisons, <c>&amp;&amp; || !</c> and their words, parentheses,
/// arithmetic, <c>list.Contains(text)</c>) into exactly the tree System.Linq.Dynamic.Core's
/// <c>ExpressionParser</c> builds with <see cref="ExpressionCompiler"/>'s configuration, without
/// its reflection: Dynamic LINQ resolves every operator by searching signature interfaces and
/// conversion operators by reflection, which was half of a cold load (benchmarks/README.md). The
/// choices below are its own, restated over the few types an expression here can have: the same
/// operator signatures, the same promotion of literals and operands (including
/// <see cref="NullableIntegerPromoter"/>'s refusal), the same "best signature" rule, and the same
/// <see cref="Expression"/> factory calls, so that the factories pick the same operator methods
/// and lifting. Whenever it is not sure (an unknown or case-folded name, a method it does not
/// know, a date, a literal written in an unusual way, any syntax or type error) it returns null
/// and the caller runs Dynamic LINQ, so every diagnostic stays Dynamic LINQ's own.
/// <c>FastExpressionParserTests</c> compares the trees of both on random expressions.
/// </summary>
internal static partial class FastExpressionParser
{
    /// <summary>The tree Dynamic LINQ would build for <paramref name="text"/>, or null to let it parse.</summary>
    public static Expression? TryParse(string text, IReadOnlyList<ParameterExpression> parameters)
    {
        try
        {
            var parser = new Parser(text, parameters);
            var body = parser.ParseOr();
            return body is not null && parser.Kind == Tok.End ? body : null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // A factory refusing operands: Dynamic LINQ reports it in its own words.
            return null;
        }
    }

    private enum Tok
    {
        End,
        Identifier,
        Integer,
        Real,
        String,
        OpenParen,
        CloseParen,
        Dot,
        AndAlso,
        OrElse,
        Not,
        Equal,
        NotEqual,
        Less,
        LessEqual,
        Greater,
        GreaterEqual,
        Plus,
        Minus,
        Times,
        Divide,
        Modulo,

        // Anything else: a token this parser does not handle.
        Other,
    }

    private sealed partial class Parser
    {
        private readonly string _text;
        private readonly IReadOnlyList<ParameterExpression> _parameters;
        private readonly List<(ConstantExpression Constant, string Text)> _literals = [];
        private int _pos;
        private int _start;

        public Parser(string text, IReadOnlyList<ParameterExpression> parameters)
        {
            _text = text;
            _parameters = parameters;
            Next();
        }

        public Tok Kind { get; private set; }

        private string TokenText => _text[_start.._pos];

        // ||, or, OrElse over &&, and, AndAlso
        public Expression? ParseOr() => ParseLogical(Tok.OrElse, ParseAnd);

        private Expression? ParseAnd() => ParseLogical(Tok.AndAlso, ParseComparison);

        private Expression? ParseLogical(Tok op, Func<Expression?> operand)
        {
            var left = operand();
            while (left is not null && Kind == op)
            {
                Next();
                if (operand() is not { } right)
                {
                    return null;
                }

                left = Promote(Signatures.Logical, left, right) is not { } args ? null
                    : op == Tok.OrElse ? Expression.OrElse(args[0], args[1]) : Expression.AndAlso(args[0], args[1]);
            }

            return left;
        }

        private Expression? ParseComparison()
        {
            var left = ParseAdditive();
            while (left is not null && Kind is Tok.Equal or Tok.NotEqual or Tok.Less or Tok.LessEqual or Tok.Greater or Tok.GreaterEqual)
            {
                var op = Kind;
                Next();
                if (ParseAdditive() is not { } right)
                {
                    return null;
                }

                left = Compare(op, left, right);
            }

            return left;
        }

        private Expression? ParseAdditive()
        {
            var left = ParseMultiplicative();
            while (left is not null && Kind is Tok.Plus or Tok.Minus)
            {
                var op = Kind;
                Next();
                if (ParseMultiplicative() is not { } right)
                {
                    return null;
                }

                if (op == Tok.Plus && (left.Type == typeof(string) || right.Type == typeof(string)))
                {
                    return null; // string concatenation
                }

                left = op == Tok.Plus
                    ? Promote(Signatures.Add, left, right) is { } add ? Expression.Add(add[0], add[1]) : null
                    : Promote(Signatures.Subtract, left, right) is { } sub ? Expression.Subtract(sub[0], sub[1]) : null;
            }

            return left;
        }

        private Expression? ParseMultiplicative()
        {
            var left = ParseUnary();
            while (left is not null && Kind is Tok.Times or Tok.Divide or Tok.Modulo)
            {
                var op = Kind;
                Next();
                if (ParseUnary() is not { } right || Promote(Signatures.Arithmetic, left, right) is not { } args)
                {
                    return null;
                }

                left = op switch
                {
                    Tok.Times => Expression.Multiply(args[0], args[1]),
                    Tok.Divide => Expression.Divide(args[0], args[1]),
                    _ => Expression.Modulo(args[0], args[1]),
                };
            }

            return left;
        }

        private Expression? ParseUnary()
        {
            if (Kind is not (Tok.Minus or Tok.Not))
            {
                return ParsePrimary(negative: false);
            }

            var op = Kind;
            Next();
            if (op == Tok.Minus && Kind is Tok.Integer or Tok.Real)
            {
                // Dynamic LINQ reads `-5` as the literal -5, not as the negation of 5.
                return ParsePrimary(negative: true);
            }

            if (ParseUnary() is not { } operand)
            {
                return null;
            }

            if (op == Tok.Minus)
            {
                return Promote(Signatures.Negation, operand) is { } negated ? Expression.Negate(negated[0]) : null;
            }

            return Promote(Signatures.Not, operand) is { } not ? Expression.Not(not[0]) : null;
        }

        private Expression? ParsePrimary(bool negative)
        {
            var expression = Kind switch
            {
                Tok.Identifier => Identifier(),
                Tok.Integer => IntegerLiteral(negative),
                Tok.Real => RealLiteral(negative),
                Tok.String => StringLiteral(),
                Tok.OpenParen => Parenthesised(),
                _ => null,
            };

            while (expression is not null && Kind == Tok.Dot)
            {
                Next();
                expression = Member(expression);
            }

            return expression;
        }

        private Expression? Parenthesised()
        {
            Next();
            var inner = ParseOr();
            if (inner is null || Kind != Tok.CloseParen)
            {
                return null;
            }

            Next();
            return inner;
        }

        private Expression? Identifier()
        {
            var name = TokenText;
            Next();
            if (name.Equals("true", StringComparison.OrdinalIgnoreCase))
            {
                return Expression.Constant(true);
            }

            if (name.Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                return Expression.Constant(false);
            }

            if (name.Equals("null", StringComparison.OrdinalIgnoreCase))
            {
                return Expression.Constant(null);
            }

            if (Reserved.Contains(name))
            {
                return null;
            }

            // Dynamic LINQ's names are case-insensitive: take a name only when it is written as
            // declared and no other declared name folds to it.
            ParameterExpression? found = null;
            foreach (var parameter in _parameters)
            {
                if (string.Equals(parameter.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    if (found is not null)
                    {
                        return null;
                    }

                    found = parameter;
                }
            }

            return found is not null && string.Equals(found.Name, name, StringComparison.Ordinal) ? found : null;
        }

        private Expression? Member(Expression target)
        {
            if (Kind != Tok.Identifier)
            {
                return null;
            }

            var name = TokenText;
            Next();
            if (target is ParameterExpression && typeof(DynamicClass).IsAssignableFrom(target.Type))
            {
                return Kind != Tok.OpenParen && EventProperty(target.Type, name) is { } property
                    ? Expression.Property(target, property)
                    : null;
            }

            if (target is ParameterExpression && target.Type == typeof(IReadOnlyList<string>) && name == "Contains" && Kind == Tok.OpenParen)
            {
                Next();
                var argument = ParseOr();
                if (argument is null || argument.Type != typeof(string) || Kind != Tok.CloseParen)
                {
                    return null;
                }

                Next();
                return Expression.Call(ListContains, target, argument);
            }

            return null;
        }

        private Expression? IntegerLiteral(bool negative)
        {
            var text = negative ? "-" + TokenText : TokenText;
            Next();
            if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value is < int.MinValue or > int.MaxValue)
            {
                return null; // a uint or long literal
            }

            return Literal((int)value, text);
        }

        private Expression RealLiteral(bool negative)
        {
            var text = negative ? "-" + TokenText : TokenText;
            Next();
            return Literal(double.Parse(text, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture), text);
        }

        private Expression? StringLiteral()
        {
            var value = _text[(_start + 1)..(_pos - 1)];
            Next();
            // Adjacent literals are concatenated, and a literal before `(` may name a type.
            return Kind is Tok.String or Tok.OpenParen ? null : Expression.Constant(value);
        }

        private ConstantExpression Literal(object value, string text)
        {
            var constant = Expression.Constant(value);
            _literals.Add((constant, text));
            return constant;
        }

    }

    // A payload field of an event's runtime type, when exactly one public member folds to its name.
    private static PropertyInfo? EventProperty(Type type, string name)
    {
        PropertyInfo? found = null;
        foreach (var member in EventMembers.GetValue(type, static t =>
                     [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly),
                      .. t.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)]))
        {
            if (string.Equals(member.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                if (found is not null || member is not PropertyInfo property || property.Name != name || property.GetMethod?.IsStatic != false)
                {
                    return null;
                }

                found = property;
            }
        }

        return found;
    }

    private static readonly ConditionalWeakTable<Type, MemberInfo[]> EventMembers = new();

    private static readonly MethodInfo ListContains = new Func<IEnumerable<string>, string, bool>(Enumerable.Contains).Method;

    private static readonly MethodInfo StringCompare = new Func<string, string, int>(string.Compare).Method;

    // Dynamic LINQ's keywords and functions (case-insensitive), and the words it reads as operators.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "it", "parent", "root", "iif", "isnull", "new", "np", "is", "as", "cast", "in", "not_in",
    };

    private static readonly HashSet<string> OperatorWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "eq", "equal", "ne", "notequal", "neq", "lt", "LessThan", "le", "LessThanEqual", "gt", "GreaterThan", "ge",
        "GreaterThanEqual", "mod",
    };
}
