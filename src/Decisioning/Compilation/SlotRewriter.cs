using System.Linq.Expressions;
using System.Reflection;
using Decisioning.Runtime;

namespace Decisioning.Compilation;

/// <summary>
/// Rewrites a parsed expression from named parameters (one per field, as the parser needs) to
/// reads of one <see cref="Frame"/> by fixed slot, and makes string helpers null-safe: a method
/// or property of a null string gives the type's default (false, 0 or null) instead of throwing.
/// </summary>
internal sealed class SlotRewriter(
    ParameterExpression frame,
    IReadOnlyDictionary<ParameterExpression, FieldSlot> customerFields,
    IReadOnlyDictionary<ParameterExpression, string> frameMembers,
    ParameterExpression? eventParameter,
    RowLayout? eventLayout) : ExpressionVisitor
{
    protected override Expression VisitParameter(ParameterExpression node)
    {
        if (customerFields.TryGetValue(node, out var slot))
        {
            return Read(Expression.Field(frame, nameof(Frame.Customer)), slot);
        }

        if (frameMembers.TryGetValue(node, out var member))
        {
            return Expression.Field(frame, member);
        }

        return node;
    }

    protected override Expression VisitMember(MemberExpression node)
    {
        if (eventParameter is not null && node.Expression == eventParameter && node.Member is PropertyInfo
            && eventLayout?.Find(node.Member.Name) is { } slot)
        {
            return Read(Expression.Field(frame, nameof(Frame.Event)), slot);
        }

        var rewritten = base.VisitMember(node);
        return rewritten is MemberExpression { Expression: { } target } member && target.Type == typeof(string)
            ? NullSafe(target, member)
            : rewritten;
    }

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        var rewritten = base.VisitMethodCall(node);
        return rewritten is MethodCallExpression { Object: { } target } call && target.Type == typeof(string)
            ? NullSafe(target, call)
            : rewritten;
    }

    private static Expression Read(Expression row, FieldSlot slot) =>
        Expression.ArrayIndex(Expression.Field(row, slot.ArrayName), Expression.Constant(slot.Slot));

    private static Expression NullSafe(Expression target, Expression access) =>
        target is ConstantExpression { Value: not null }
            ? access
            : Expression.Condition(
                Expression.ReferenceEqual(target, Expression.Constant(null, typeof(string))),
                Expression.Default(access.Type),
                access);
}
