using Decisioning.Plan;
using System.Linq.Expressions;

namespace Decisioning.Compilation;

/// <summary>
/// Whether an expression can throw an <see cref="ArithmeticException"/> at run time. Most
/// conditions are comparisons and logic over fields and constants, which cannot; only those that
/// can (arithmetic, conversions, method calls) are run inside the try/catch that turns such an
/// exception into false (<see cref="CompiledCondition.Test"/>). A method with an exception handler is
/// never inlined, and the decision runs about sixty conditions.
/// </summary>
internal sealed class ArithmeticFree : ExpressionVisitor
{
    private bool _mayThrow;

    /// <summary>True when nothing in <paramref name="expression"/> can throw (a conservative answer: false when unsure).</summary>
    public static bool Holds(Expression expression)
    {
        var finder = new ArithmeticFree();
        finder.Visit(expression);
        return !finder._mayThrow;
    }

    public override Expression? Visit(Expression? node)
    {
        if (node is not null && !_mayThrow)
        {
            _mayThrow = !Safe(node);
        }

        return _mayThrow ? node : base.Visit(node);
    }

    private static bool Safe(Expression node) => node.NodeType switch
    {
        ExpressionType.Constant or ExpressionType.Parameter or ExpressionType.MemberAccess or ExpressionType.ArrayIndex
            or ExpressionType.AndAlso or ExpressionType.OrElse or ExpressionType.Not or ExpressionType.Conditional
            or ExpressionType.Coalesce or ExpressionType.Default or ExpressionType.Lambda => true,
        // Comparing decimals, numbers, strings or dates never throws, lifted or not.
        ExpressionType.Equal or ExpressionType.NotEqual or ExpressionType.LessThan or ExpressionType.LessThanOrEqual
            or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual => true,
        ExpressionType.Convert => SafeConversion((UnaryExpression)node),
        // The list helper of SlotRewriter and string equality; any other call may throw.
        ExpressionType.Call => node is MethodCallExpression { Method: var m }
            && (m == StringLists.ContainsMethod || (m.DeclaringType == typeof(string) && m.Name is "op_Equality" or "op_Inequality" or "Equals")),
        _ => false,
    };

    // Widening: to the same type made nullable, or from a whole number or bool to a wider number.
    private static bool SafeConversion(UnaryExpression node)
    {
        var from = Nullable.GetUnderlyingType(node.Operand.Type) ?? node.Operand.Type;
        var to = Nullable.GetUnderlyingType(node.Type) ?? node.Type;
        return from == to
            || (from == typeof(int) && (to == typeof(long) || to == typeof(decimal) || to == typeof(double)))
            || (from == typeof(long) && (to == typeof(decimal) || to == typeof(double)))
            || !node.Type.IsValueType;
    }
}
