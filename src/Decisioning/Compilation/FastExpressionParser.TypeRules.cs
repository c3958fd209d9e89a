using System.Globalization;
using System.Linq.Expressions;

namespace Decisioning.Compilation;

/// <summary>
/// The type rules of <see cref="FastExpressionParser"/>: Dynamic LINQ's conversions, promotions,
/// "best signature" comparison, number parsing and operator signatures, restated over the few
/// types an expression here can have (the grammar is in FastExpressionParser.cs, the lexer in
/// FastExpressionParser.Lexer.cs, the operators that apply these rules in
/// FastExpressionParser.Operators.cs). <c>FastExpressionParserTests</c> checks them against reflection.
/// </summary>
internal static partial class FastExpressionParser
{
    private static bool IsNull(Expression e) => e is ConstantExpression { Value: null };

    // TypeHelper.IsClass || TypeHelper.IsStruct over the types an operand can have here.
    private static bool IsClassOrStruct(Type type) => type.IsClass;

    // Every primitive, decimal, DateTime and string implement IEquatable<T> and IComparable<T>; lists and object do not.
    internal static bool IsEquatableAndComparable(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t == typeof(decimal) || t == typeof(DateTime) || t == typeof(string);
    }

    /// <summary>TypeHelper.IsCompatibleWith: the implicit numeric and nullable conversions.</summary>
    internal static bool IsCompatibleWith(Type source, Type target)
    {
        if (source == target)
        {
            return true;
        }

        if (!target.IsValueType)
        {
            return target.IsAssignableFrom(source);
        }

        var s = Nullable.GetUnderlyingType(source) ?? source;
        var t = Nullable.GetUnderlyingType(target) ?? target;
        if (s != source && t == target)
        {
            return false;
        }

        var tc = t.IsEnum ? TypeCode.Int32 : Type.GetTypeCode(t);
        return (s.IsEnum ? TypeCode.Int32 : Type.GetTypeCode(s)) switch
        {
            TypeCode.SByte => tc is TypeCode.SByte or TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 or TypeCode.Single or TypeCode.Double or TypeCode.Decimal,
            TypeCode.Byte => tc is TypeCode.Byte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 or TypeCode.Single or TypeCode.Double or TypeCode.Decimal,
            TypeCode.Int16 => tc is TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 or TypeCode.Single or TypeCode.Double or TypeCode.Decimal,
            TypeCode.UInt16 => tc is TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 or TypeCode.Single or TypeCode.Double or TypeCode.Decimal,
            TypeCode.Int32 => tc is TypeCode.Int32 or TypeCode.Int64 or TypeCode.Single or TypeCode.Double or TypeCode.Decimal,
            TypeCode.UInt32 => tc is TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 or TypeCode.Single or TypeCode.Double or TypeCode.Decimal,
            TypeCode.Int64 => tc is TypeCode.Int64 or TypeCode.Single or TypeCode.Double or TypeCode.Decimal,
            TypeCode.UInt64 => tc is TypeCode.UInt64 or TypeCode.Single or TypeCode.Double or TypeCode.Decimal,
            TypeCode.Single => tc is TypeCode.Single or TypeCode.Double,
            _ => s == t,
        };
    }

    /// <summary>
    /// TypeHelper.TryGetImplicitConversionOperatorMethod over the types met here: decimal's
    /// conversions from integers and char, Nullable's from its value, DateTimeOffset's from DateTime.
    /// </summary>
    internal static bool HasImplicitOperator(Type source, Type target) =>
        (target == typeof(decimal) && Type.GetTypeCode(source) is TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16
            or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 or TypeCode.Char && !source.IsEnum)
        || (source.IsValueType && Nullable.GetUnderlyingType(target) == source)
        || (target == typeof(DateTimeOffset) && source == typeof(DateTime));

    // MethodFinder.FirstIsBetterThanSecond over two signatures of the same length.
    private static bool FirstIsBetter(Expression[] args, Type[] first, Type[] second)
    {
        var better = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (CompareConversions(args[i].Type, first[i], second[i]))
            {
                case < 0:
                    return false;
                case > 0:
                    return true;
                default:
                    better = true;
                    break;
            }
        }

        return better;
    }

    // 1: first is the better conversion, -1: second, 0: neither.
    private static int CompareConversions(Type source, Type first, Type second)
    {
        if (first == second)
        {
            return 0;
        }

        if (source == first)
        {
            return 1;
        }

        if (source == second)
        {
            return -1;
        }

        var firstToSecond = IsCompatibleWith(first, second);
        var secondToFirst = IsCompatibleWith(second, first);
        if (firstToSecond && !secondToFirst)
        {
            return 1;
        }

        if (secondToFirst && !firstToSecond)
        {
            return -1;
        }

        if (IsSigned(first) && IsUnsigned(second))
        {
            return 1;
        }

        return IsSigned(second) && IsUnsigned(first) ? -1 : 0;
    }

    private static bool IsSigned(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return !t.IsEnum && Type.GetTypeCode(t) is TypeCode.SByte or TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64;
    }

    private static bool IsUnsigned(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return !t.IsEnum && Type.GetTypeCode(t) is TypeCode.Byte or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64;
    }

    // NumberParser.ParseNumber: the target's own Parse with its default styles, null when it fails.
    private static object? ParseNumber(string text, Type target)
    {
        var c = CultureInfo.InvariantCulture;
        const NumberStyles integer = NumberStyles.Integer;
        const NumberStyles real = NumberStyles.Float | NumberStyles.AllowThousands;
        return Type.GetTypeCode(target) switch
        {
            TypeCode.SByte => sbyte.TryParse(text, integer, c, out var v) ? v : null,
            TypeCode.Byte => byte.TryParse(text, integer, c, out var v) ? v : null,
            TypeCode.Int16 => short.TryParse(text, integer, c, out var v) ? v : null,
            TypeCode.UInt16 => ushort.TryParse(text, integer, c, out var v) ? v : null,
            TypeCode.Int32 => int.TryParse(text, integer, c, out var v) ? v : null,
            TypeCode.UInt32 => uint.TryParse(text, integer, c, out var v) ? v : null,
            TypeCode.Int64 => long.TryParse(text, integer, c, out var v) ? v : null,
            TypeCode.UInt64 => ulong.TryParse(text, integer, c, out var v) ? v : null,
            TypeCode.Single => float.TryParse(text, real, c, out var v) ? v : null,
            TypeCode.Double => double.TryParse(text, real, c, out var v) ? v : null,
            TypeCode.Decimal => decimal.TryParse(text, NumberStyles.Number, c, out var v) ? v : null,
            _ => null,
        };
    }

    /// <summary>Dynamic LINQ's operator signature interfaces (its <c>SupportedOperands</c>), as type lists.</summary>
    internal static class Signatures
    {
        private static readonly Type[] ArithmeticTypes =
        [
            typeof(int), typeof(uint), typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal),
            typeof(int?), typeof(uint?), typeof(long?), typeof(ulong?), typeof(float?), typeof(double?), typeof(decimal?),
        ];

        private static readonly Type[] RelationalTypes =
        [
            .. ArithmeticTypes, typeof(string), typeof(char), typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan),
            typeof(char?), typeof(DateTime?), typeof(DateTimeOffset?), typeof(TimeSpan?),
            typeof(DateOnly), typeof(DateOnly?), typeof(TimeOnly), typeof(TimeOnly?),
        ];

        public static readonly Type[][] Arithmetic = Pairs(ArithmeticTypes);

        public static readonly Type[][] Relational = Pairs(RelationalTypes);

        public static readonly Type[][] Equality = Pairs([.. RelationalTypes, typeof(bool), typeof(bool?), typeof(Guid), typeof(Guid?)]);

        public static readonly Type[][] Add =
        [
            .. Arithmetic,
            [typeof(TimeSpan), typeof(TimeSpan)], [typeof(TimeSpan), typeof(TimeSpan?)], [typeof(TimeSpan?), typeof(TimeSpan)],
            [typeof(TimeSpan?), typeof(TimeSpan?)], [typeof(DateTime), typeof(TimeSpan)], [typeof(DateTime), typeof(TimeSpan?)],
            [typeof(DateTime?), typeof(TimeSpan)], [typeof(DateTime?), typeof(TimeSpan?)],
        ];

        public static readonly Type[][] Subtract =
        [
            .. Add,
            [typeof(DateTime), typeof(DateTime)], [typeof(DateTime), typeof(DateTime?)], [typeof(DateTime?), typeof(DateTime)],
            [typeof(DateTime?), typeof(DateTime?)],
        ];

        public static readonly Type[][] Logical = Pairs([typeof(bool), typeof(bool?)]);

        public static readonly Type[][] Not = [[typeof(bool)], [typeof(bool?)]];

        public static readonly Type[][] Negation =
        [
            [typeof(int)], [typeof(long)], [typeof(float)], [typeof(double)], [typeof(decimal)],
            [typeof(int?)], [typeof(long?)], [typeof(float?)], [typeof(double?)], [typeof(decimal?)],
        ];

        private static Type[][] Pairs(Type[] types) => [.. types.Select(t => new[] { t, t })];
    }
}
