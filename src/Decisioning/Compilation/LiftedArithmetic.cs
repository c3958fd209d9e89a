using System.Linq.Expressions;

namespace Decisioning.Compilation;

/// <summary>
/// Finds arithmetic on nullable values (<c>score + 1</c> with <c>score: int?</c>). FastExpressionCompiler
/// 6.0 compiles such trees into delegates that throw NullReferenceException on every call, value or
/// null, so <see cref="ExpressionCompiler"/> gives them to <c>Expression.Compile</c> instead.
/// </summary>
internal sealed class LiftedArithmetic : ExpressionVisitor
{
    private bool _found;

    public static bool In(Expression expression)
    {
        var finder = new LiftedArithmetic();
        finder.Visit(expression);
        return finder._found;
    }

    protected override Expression VisitBinary(BinaryExpression node)
    {
        _found |= node.NodeType is ExpressionType.Add or ExpressionType.Subtract or ExpressionType.Multiply
            or ExpressionType.Divide or ExpressionType.Modulo or ExpressionType.AddChecked
            or ExpressionType.SubtractChecked or ExpressionType.MultiplyChecked
            && (IsNullable(node.Left.Type) || IsNullable(node.Right.Type));
        return base.VisitBinary(node);
    }

    protected override Expression VisitUnary(UnaryExpression node)
    {
        _found |= node.NodeType is ExpressionType.Negate or ExpressionType.NegateChecked or ExpressionType.UnaryPlus
            && IsNullable(node.Operand.Type);
        return base.VisitUnary(node);
    }

    private static bool IsNullable(Type type) => Nullable.GetUnderlyingType(type) is not null;
}
