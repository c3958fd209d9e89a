using System.Linq.Expressions;
using System.Reflection;
using Decisioning.Runtime;

namespace Decisioning.Compilation;

/// <summary>
/// Rewrites a parsed expression from named parameters (one per field, as the parser needs) to
/// reads of one <see cref="Frame"/> by fixed slot, and makes string helpers null-safe: a method
/// or property of a null string, or a string method given a null argument
/// (<c>name.Contains(city)</c> with no city), gives the type's default (false, 0 or null) instead
/// of throwing. <c>Math.Round(x, digits)</c> takes its digits clamped to what .NET accepts (0 to 15
/// for a number, 0 to 28 for a decimal) instead of throwing.
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
        if (rewritten is MethodCallExpression { Object: null, Method: { Name: nameof(Enumerable.Contains), IsGenericMethod: true } contains } c
            && contains.DeclaringType == typeof(Enumerable) && c.Arguments.Count == 2 && c.Arguments[1].Type == typeof(string))
        {
            // `holdings.Contains("x")`: Enumerable.Contains casts the list to ICollection<string>
            // first, the slow path of an interface cast on an array; it showed in the profile.
            return Expression.Call(StringLists.ContainsMethod, c.Arguments[0], c.Arguments[1]);
        }

        if (rewritten is MethodCallExpression { Object: null, Method: { Name: nameof(Math.Round) } round } r
            && round.DeclaringType == typeof(Math) && r.Arguments.Count >= 2 && r.Arguments[1].Type == typeof(int))
        {
            var most = r.Arguments[0].Type == typeof(decimal) ? 28 : 15;
            var digits = Expression.Call(ClampMethod, r.Arguments[1], Expression.Constant(0), Expression.Constant(most));
            return r.Update(null, [r.Arguments[0], digits, .. r.Arguments.Skip(2)]);
        }

        if (rewritten is MethodCallExpression { Object: { } target } call && target.Type == typeof(string))
        {
            // Each string argument that may be null counts like a null target.
            Expression guarded = NullSafe(target, call);
            foreach (var argument in call.Arguments.Where(a => a.Type == typeof(string) && a is not ConstantExpression { Value: not null }))
            {
                guarded = NullSafe(argument, guarded);
            }

            return guarded;
        }

        return rewritten;
    }

    private static readonly MethodInfo ClampMethod = typeof(Math).GetMethod(nameof(Math.Clamp), [typeof(int), typeof(int), typeof(int)])!;

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

/// <summary>What <c>list.Contains(text)</c> in an expression calls: ordinal, as Enumerable.Contains.</summary>
internal static class StringLists
{
    public static readonly MethodInfo ContainsMethod = typeof(StringLists).GetMethod(nameof(Contains))!;

    public static bool Contains(IEnumerable<string?> list, string? value)
    {
        switch (list)
        {
            case string?[] array:
                foreach (var item in array)
                {
                    if (string.Equals(item, value))
                    {
                        return true;
                    }
                }

                return false;
            case List<string?> items:
                foreach (var item in items)
                {
                    if (string.Equals(item, value))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return Enumerable.Contains(list, value);
        }
    }
}
