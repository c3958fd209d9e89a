using System.Globalization;
using System.Linq.Expressions;

namespace Decisioning.Compilation;

/// <summary>
/// The operators of <see cref="FastExpressionParser"/>: comparisons and their signatures, the
/// choice of a signature for the operands, and the promotion of operands and literals to it, as
/// Dynamic LINQ's parser does them (the grammar is in FastExpressionParser.cs, the lexer in
/// FastExpressionParser.Lexer.cs, the type rules these use in FastExpressionParser.TypeRules.cs).
/// </summary>
internal static partial class FastExpressionParser
{
    private sealed partial class Parser
    {
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
                // An integer literal is re-read from its value's text, not its own: `-0` is the int 0,
                // which Dynamic LINQ promotes to 0d, where the text "-0" would read as -0d (and 1 / -0
                // would be -infinity).
                TypeCode.Int32 => ParseNumber(((int)constant.Value!).ToString(CultureInfo.InvariantCulture), target),
                TypeCode.Double when target == typeof(decimal) || target == typeof(double) => ParseNumber(text, target),
                _ => null,
            };
        }
    }
}
