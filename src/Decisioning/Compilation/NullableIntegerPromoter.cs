using System.Linq.Dynamic.Core;
using System.Linq.Dynamic.Core.Parser;
using System.Linq.Expressions;

namespace Decisioning.Compilation;

/// <summary>
/// Lets an optional integer meet a real literal (<c>score &gt;= 0.5</c> with <c>score: int?</c>).
/// The parser finds the <c>double?</c> and <c>decimal?</c> operators equally good for that pair and
/// refuses the expression as ambiguous, although <c>score &gt;= 0.5</c> on an <c>int</c> compiles.
/// Refusing the <c>int? -&gt; double?</c> conversion leaves <c>decimal?</c>, which compares an integer
/// with the literal exactly; every other promotion is the parser's own.
/// </summary>
internal sealed class NullableIntegerPromoter() : ExpressionPromoter(ParsingConfig.Default)
{
    public override Expression? Promote(Expression sourceExpression, Type type, bool exact, bool convertExpression) =>
        Nullable.GetUnderlyingType(sourceExpression.Type) is { } underlying
        && underlying != type
        && Type.GetTypeCode(underlying) is TypeCode.Int32 or TypeCode.Int64
        && (type == typeof(double?) || type == typeof(float?))
            ? null
            : base.Promote(sourceExpression, type, exact, convertExpression);
}
