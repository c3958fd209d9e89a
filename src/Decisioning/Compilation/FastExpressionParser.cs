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

    private sealed class Parser
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

        /// <summary>Dynamic LINQ's comparison: its special cases first, then the signatures.</summary>
        private Expression? Compare(Tok op, Expression left, Expression right)
        {
            var equality = op is Tok.Equal or Tok.NotEqual;
            if (equality && !left.Type.IsValueType && !right.Type.IsValueType)
            {
                if (!IsNull(left) && !IsNull(right) && left.Type != right.Type)
                {
                    return null;
                }
            }
            else if (right is ConstantExpression { Value: string rightText })
            {
                // Dynamic LINQ converts a string literal to the other side's type with its TypeConverter.
                if (left.Type != typeof(string))
                {
                    return null;
                }

                right = Expression.Constant(rightText, typeof(string));
            }
            else if (left is ConstantExpression { Value: string leftText })
            {
                if (right.Type != typeof(string))
                {
                    return null;
                }

                left = Expression.Constant(leftText, typeof(string));
            }
            else if (!(left.Type == right.Type && IsEquatableAndComparable(left.Type)))
            {
                if ((IsClassOrStruct(left.Type) && right is ConstantExpression) || (IsClassOrStruct(right.Type) && left is ConstantExpression))
                {
                    return null; // Dynamic LINQ looks for a conversion operator, then fails
                }

                if ((equality ? EqualityOperator(left, right) ?? Promote(Signatures.Equality, left, right) : Promote(Signatures.Relational, left, right)) is not { } args)
                {
                    return null;
                }

                (left, right) = (args[0], args[1]);
            }

            if (op == Tok.Equal)
            {
                return Expression.Equal(left, right);
            }

            if (op == Tok.NotEqual)
            {
                return Expression.NotEqual(left, right);
            }

            if (left.Type == typeof(string))
            {
                if (right.Type != typeof(string))
                {
                    return null;
                }

                var compared = Expression.Call(null, StringCompare, left, right);
                return Relational(op, compared, Expression.Constant(0));
            }

            var type = Nullable.GetUnderlyingType(left.Type) ?? left.Type;
            return type == typeof(bool) || !type.IsValueType ? null : Relational(op, left, right);
        }

        private static BinaryExpression Relational(Tok op, Expression left, Expression right) => op switch
        {
            Tok.Less => Expression.LessThan(left, right),
            Tok.LessEqual => Expression.LessThanOrEqual(left, right),
            Tok.Greater => Expression.GreaterThan(left, right),
            _ => Expression.GreaterThanOrEqual(left, right),
        };

        /// <summary>
        /// The operands as Dynamic LINQ promotes them for the one best signature among
        /// <paramref name="signatures"/>, or null when none or several are best.
        /// </summary>
        private Expression[]? Promote(Type[][] signatures, params Expression[] args)
        {
            Span<int> applicable = stackalloc int[signatures.Length];
            var count = 0;
            for (var s = 0; s < signatures.Length; s++)
            {
                if (Applicable(signatures[s], args))
                {
                    applicable[count++] = s;
                }
            }

            Type[]? best = null;
            var bestCount = 0;
            for (var i = 0; i < count; i++)
            {
                var candidate = signatures[applicable[i]];
                var better = true;
                for (var j = 0; j < count && count > 1; j++)
                {
                    if (j != i && !FirstIsBetter(args, candidate, signatures[applicable[j]]))
                    {
                        better = false;
                        break;
                    }
                }

                if (better)
                {
                    best = candidate;
                    bestCount++;
                }
            }

            if (bestCount != 1)
            {
                return null;
            }

            var promoted = new Expression[args.Length];
            for (var i = 0; i < args.Length; i++)
            {
                promoted[i] = Promote(args[i], best![i], build: true)!;
            }

            return promoted;
        }

        private bool Applicable(Type[] signature, Expression[] args)
        {
            for (var i = 0; i < args.Length; i++)
            {
                if (Promote(args[i], signature[i], build: false) is null)
                {
                    return false;
                }
            }

            return true;
        }

        // Dynamic LINQ looks for op_Equality / op_Inequality on the left operand's type, then the
        // right's, before its signatures: of the types here only decimal, double, DateTime and string
        // declare them, one each, over two operands of their own type.
        private Expression[]? EqualityOperator(Expression left, Expression right)
        {
            foreach (var type in (ReadOnlySpan<Type>)[left.Type, right.Type])
            {
                if (type == typeof(decimal) || type == typeof(double) || type == typeof(DateTime) || type == typeof(string))
                {
                    if (Promote(left, type, build: false) is not null && Promote(right, type, build: false) is not null)
                    {
                        return [Promote(left, type, build: true)!, Promote(right, type, build: true)!];
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// <c>ExpressionPromoter.Promote(e, type, exact: false, convertExpression: true)</c> with
        /// <see cref="NullableIntegerPromoter"/>'s refusal; without <paramref name="build"/> it only
        /// answers whether it would succeed (a non-null result).
        /// </summary>
        private Expression? Promote(Expression source, Type type, bool build)
        {
            if (Nullable.GetUnderlyingType(source.Type) is { } underlying && underlying != type
                && Type.GetTypeCode(underlying) is TypeCode.Int32 or TypeCode.Int64
                && (type == typeof(double?) || type == typeof(float?)))
            {
                return null;
            }

            if (source.Type == type)
            {
                return source;
            }

            if (source is ConstantExpression constant)
            {
                if (constant.Value is null)
                {
                    if (!type.IsValueType || Nullable.GetUnderlyingType(type) is not null)
                    {
                        return build ? Expression.Constant(null, type) : source;
                    }
                }
                else if (LiteralValue(constant, Nullable.GetUnderlyingType(type) ?? type) is { } value)
                {
                    return build ? Expression.Constant(value, type) : source;
                }
            }

            if (IsCompatibleWith(source.Type, type) || HasImplicitOperator(source.Type, type))
            {
                // Every target here is a value type or string (reached only from string, returned above).
                return !build ? source : type.IsValueType || source.Type.IsValueType ? Expression.Convert(source, type) : source;
            }

            return null;
        }

        // A number literal re-read as the target type from its text, as Dynamic LINQ does.
        private object? LiteralValue(ConstantExpression constant, Type target)
        {
            string? text = null;
            foreach (var (c, t) in _literals)
            {
                if (ReferenceEquals(c, constant))
                {
                    text = t;
                    break;
                }
            }

            if (text is null)
            {
                return null; // true, false, a string: none is re-read as a number
            }

            return Type.GetTypeCode(constant.Type) switch
            {
                TypeCode.Int32 => ParseNumber(text, target),
                TypeCode.Double when target == typeof(decimal) || target == typeof(double) => ParseNumber(text, target),
                _ => null,
            };
        }

        private void Next()
        {
            while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
            {
                _pos++;
            }

            _start = _pos;
            if (_pos >= _text.Length)
            {
                Kind = Tok.End;
                return;
            }

            var c = _text[_pos];
            Kind = c switch
            {
                '(' => One(Tok.OpenParen),
                ')' => One(Tok.CloseParen),
                '.' => One(Tok.Dot),
                '+' => One(Tok.Plus),
                '-' => One(Tok.Minus),
                '*' => One(Tok.Times),
                '/' => One(Tok.Divide),
                '%' => One(Tok.Modulo),
                '!' => Peek('=') ? Two(Tok.NotEqual) : One(Tok.Not),
                '=' => Peek('=') ? Two(Tok.Equal) : Tok.Other,
                '<' => Peek('=') ? Two(Tok.LessEqual) : Peek('>') || Peek('<') ? Tok.Other : One(Tok.Less),
                '>' => Peek('=') ? Two(Tok.GreaterEqual) : Peek('>') ? Tok.Other : One(Tok.Greater),
                '&' => Peek('&') ? Two(Tok.AndAlso) : Tok.Other,
                '|' => Peek('|') ? Two(Tok.OrElse) : Tok.Other,
                '"' => ScanString(),
                _ when char.IsDigit(c) => ScanNumber(),
                _ when char.IsLetter(c) || c == '_' => ScanIdentifier(),
                _ => Tok.Other,
            };
        }

        private bool Peek(char next) => _pos + 1 < _text.Length && _text[_pos + 1] == next;

        private Tok One(Tok kind)
        {
            _pos++;
            return kind;
        }

        private Tok Two(Tok kind)
        {
            _pos += 2;
            return kind;
        }

        private Tok ScanString()
        {
            var close = _text.IndexOf('"', _pos + 1);
            if (close < 0 || _text.AsSpan(_pos + 1, close - _pos - 1).Contains('\\'))
            {
                return Tok.Other; // unterminated, or escapes (Regex.Unescape's rules)
            }

            _pos = close + 1;
            return _pos < _text.Length && _text[_pos] == '"' ? Tok.Other : Tok.String;
        }

        private Tok ScanNumber()
        {
            var digits = _pos;
            while (_pos < _text.Length && char.IsDigit(_text[_pos]))
            {
                _pos++;
            }

            var kind = Tok.Integer;
            var leadingZero = _text[digits] == '0' && _pos - digits > 1;
            if (_pos < _text.Length && _text[_pos] == '.')
            {
                _pos++;
                var fraction = _pos;
                while (_pos < _text.Length && char.IsDigit(_text[_pos]))
                {
                    _pos++;
                }

                if (_pos == fraction)
                {
                    return Tok.Other;
                }

                kind = Tok.Real;
            }

            // Hex, binary, exponents, type suffixes and digits glued to a name are left to Dynamic LINQ.
            var glued = _pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_');
            return leadingZero || glued || !AllAsciiDigits(digits) ? Tok.Other : kind;
        }

        private bool AllAsciiDigits(int from)
        {
            for (var i = from; i < _pos; i++)
            {
                if (_text[i] is not ((>= '0' and <= '9') or '.'))
                {
                    return false;
                }
            }

            return true;
        }

        private Tok ScanIdentifier()
        {
            while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
            {
                _pos++;
            }

            var word = _text.AsSpan(_start, _pos - _start);
            if (word.Equals("and", StringComparison.OrdinalIgnoreCase) || word.Equals("AndAlso", StringComparison.OrdinalIgnoreCase))
            {
                return Tok.AndAlso;
            }

            if (word.Equals("or", StringComparison.OrdinalIgnoreCase) || word.Equals("OrElse", StringComparison.OrdinalIgnoreCase))
            {
                return Tok.OrElse;
            }

            if (word.Equals("not", StringComparison.OrdinalIgnoreCase))
            {
                return Tok.Not;
            }

            return OperatorWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word) ? Tok.Other : Tok.Identifier;
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
