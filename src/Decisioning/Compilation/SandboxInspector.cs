using System.Linq.Expressions;
using System.Reflection;

namespace Decisioning.Compilation;

/// <summary>
/// Walks a parsed expression tree and refuses everything outside the documented allow-list
/// (docs/expressions.md): no constructors, no types, no static members, no reflection, no
/// method but the few string and list helpers. This is the sandbox of CVE-2023-32571's lesson:
/// the parser's own restrictions are a first wall, this allow-list is the one we rely on.
/// </summary>
internal sealed class SandboxInspector : ExpressionVisitor
{
    /// <summary>Instance methods on strings an expression may call.</summary>
    public static readonly IReadOnlySet<string> StringMethods =
        new HashSet<string>(StringComparer.Ordinal) { "Contains", "StartsWith", "EndsWith", "ToLower", "ToUpper", "Trim" };

    /// <summary>Methods on the <c>holdings</c> and <c>segments</c> lists (and on literal arrays, for <c>in</c>).</summary>
    public static readonly IReadOnlySet<string> ListMethods =
        new HashSet<string>(StringComparer.Ordinal) { "Contains", "Any", "Count" };

    /// <summary>Pure static helpers: <c>Math.Abs/Min/Max/Round/Floor/Ceiling</c>.</summary>
    public static readonly IReadOnlySet<string> MathMethods =
        new HashSet<string>(StringComparer.Ordinal) { "Abs", "Min", "Max", "Round", "Floor", "Ceiling" };

    private static readonly HashSet<Type> ValueTypes =
    [
        typeof(bool), typeof(int), typeof(long), typeof(short), typeof(byte), typeof(sbyte), typeof(uint),
        typeof(ulong), typeof(ushort), typeof(float), typeof(double), typeof(decimal), typeof(char), typeof(DateTime),
        typeof(string),
    ];

    private readonly IReadOnlySet<ParameterExpression> _parameters;

    private SandboxInspector(IReadOnlySet<ParameterExpression> parameters) => _parameters = parameters;

    /// <summary>The first forbidden construct: a message and the name to point at; null when allowed.</summary>
    public (string Message, string Name)? Violation { get; private set; }

    public static (string Message, string Name)? Inspect(Expression body, IReadOnlySet<ParameterExpression> parameters)
    {
        var inspector = new SandboxInspector(parameters);
        inspector.Visit(body);
        return inspector.Violation;
    }

    public override Expression? Visit(Expression? node)
    {
        if (Violation is not null || node is null)
        {
            return node;
        }

        switch (node.NodeType)
        {
            case ExpressionType.Constant:
                return Allowed(node.Type) || ((ConstantExpression)node).Value is null
                    ? node
                    : Refuse(node, $"a constant of type {node.Type.Name} is not allowed", node.Type.Name);
            case ExpressionType.Parameter:
                return _parameters.Contains((ParameterExpression)node)
                    ? node
                    : Refuse(node, "an unknown parameter is not allowed", ((ParameterExpression)node).Name ?? "");
            case ExpressionType.MemberAccess:
            case ExpressionType.Call:
            case ExpressionType.Conditional:
            case ExpressionType.NewArrayInit:
            case ExpressionType.Not:
            case ExpressionType.Negate:
            case ExpressionType.UnaryPlus:
            case ExpressionType.Convert:
            case ExpressionType.Coalesce:
                return base.Visit(node);
            default:
                if (node is BinaryExpression binary && IsOperator(binary.NodeType))
                {
                    return base.Visit(node);
                }

                return Refuse(node, $"'{node.NodeType}' expressions are not allowed", NameOf(node));
        }
    }

    protected override Expression VisitMember(MemberExpression node)
    {
        if (node.Expression is null)
        {
            return Refuse(node, $"static member '{node.Member.DeclaringType?.Name}.{node.Member.Name}' is not allowed", node.Member.DeclaringType?.Name ?? node.Member.Name);
        }

        var owner = node.Expression.Type;
        var ok = (owner == typeof(string) && node.Member.Name == "Length")
            || (Nullable.GetUnderlyingType(owner) is not null && node.Member.Name is "HasValue" or "Value")
            || (owner == typeof(DateTime) && node.Member.Name is "Year" or "Month" or "Day")
            || (owner == typeof(IReadOnlyList<string>) && node.Member.Name == "Count")
            || (node.Expression is ParameterExpression p && _parameters.Contains(p) && node.Member is PropertyInfo);
        return ok ? base.VisitMember(node) : Refuse(node, $"member '{node.Member.Name}' is not allowed", node.Member.Name);
    }

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        var m = node.Method;
        var type = m.DeclaringType;
        var ok = (!m.IsStatic && type == typeof(string) && StringMethods.Contains(m.Name) && m.GetParameters().All(p => p.ParameterType == typeof(string)))
            || (m.IsStatic && type == typeof(Enumerable) && ListMethods.Contains(m.Name) && node.Arguments.All(a => a.NodeType != ExpressionType.Lambda && a.NodeType != ExpressionType.Quote))
            || (m.IsStatic && type == typeof(Math) && MathMethods.Contains(m.Name))
            || (m.IsStatic && type == typeof(string) && m.Name is "Compare" or "Concat" or "Equals" && m.GetParameters().All(p => p.ParameterType == typeof(string)));
        return ok ? base.VisitMethodCall(node) : Refuse(node, $"method '{m.Name}' is not allowed; see docs/expressions.md for the allowed ones", m.Name);
    }

    protected override Expression VisitUnary(UnaryExpression node)
    {
        if (node.NodeType == ExpressionType.Convert && !Allowed(node.Type))
        {
            return Refuse(node, $"conversion to {node.Type.Name} is not allowed", node.Type.Name);
        }

        return base.VisitUnary(node);
    }

    protected override Expression VisitNewArray(NewArrayExpression node) =>
        Allowed(node.Type.GetElementType()!) ? base.VisitNewArray(node) : Refuse(node, "arrays of this type are not allowed", "new");

    private static bool Allowed(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return ValueTypes.Contains(t) || (t.IsArray && ValueTypes.Contains(t.GetElementType()!)) || t == typeof(IReadOnlyList<string>);
    }

    private static bool IsOperator(ExpressionType type) => type is
        ExpressionType.Add or ExpressionType.Subtract or ExpressionType.Multiply or ExpressionType.Divide or
        ExpressionType.Modulo or ExpressionType.AndAlso or ExpressionType.OrElse or ExpressionType.And or
        ExpressionType.Or or ExpressionType.ExclusiveOr or ExpressionType.Equal or ExpressionType.NotEqual or
        ExpressionType.LessThan or ExpressionType.LessThanOrEqual or ExpressionType.GreaterThan or
        ExpressionType.GreaterThanOrEqual or ExpressionType.Coalesce;

    private static string NameOf(Expression node) => node switch
    {
        NewExpression or MemberInitExpression or ListInitExpression => "new",
        TypeBinaryExpression => "is",
        _ => "",
    };

    private Expression Refuse(Expression node, string message, string name)
    {
        Violation ??= (message, name);
        return node;
    }
}
