using System.Globalization;
using System.Linq.Dynamic.Core;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using Decisioning.Compilation;
using Decisioning.Loading;
using Decisioning.Model;
using Decisioning.Plan;
using Decisioning.Runtime;
using Decisioning.Tests.Support;
using FsCheck.Xunit;
using Xunit;

namespace Decisioning.Tests.Compilation;

/// <summary>
/// <see cref="FastExpressionParser"/> builds exactly System.Linq.Dynamic.Core's tree for what it
/// handles (same nodes, types, operator methods, lifting, constants and members), declines the
/// rest, and handles every expression of the sample map (else the cold load is not made faster).
/// </summary>
public sealed class FastExpressionParserTests
{
    private static readonly RowLayout Customer = new([
        ("age", new FieldType(FieldKind.Int, false)),
        ("score", new FieldType(FieldKind.Int, true)),
        ("aum", new FieldType(FieldKind.Decimal, false)),
        ("peak", new FieldType(FieldKind.Decimal, false)),
        ("payroll", new FieldType(FieldKind.Decimal, true)),
        ("hasPhone", new FieldType(FieldKind.Bool, false)),
        ("doNotCall", new FieldType(FieldKind.Bool, false)),
        ("optIn", new FieldType(FieldKind.Bool, true)),
        ("name", new FieldType(FieldKind.String, false)),
        ("city", new FieldType(FieldKind.String, true)),
        ("openedOn", new FieldType(FieldKind.Date, false)),
        ("closedOn", new FieldType(FieldKind.Date, true)),
        ("Math", new FieldType(FieldKind.Int, false)),
    ]);

    private static readonly RowLayout Payload = new([
        ("amount", new FieldType(FieldKind.Decimal, false)),
        ("count", new FieldType(FieldKind.Int, false)),
        ("limit", new FieldType(FieldKind.Int, true)),
        ("urgent", new FieldType(FieldKind.Bool, false)),
        ("note", new FieldType(FieldKind.String, true)),
    ]);

    private static readonly ExpressionScope Scope = ExpressionScope.ForTiers(Customer).ForStrategies().WithEvent(Payload);

    private static readonly List<ParameterExpression> Parameters = ExpressionCompiler.Declare(Scope).Parameters;

    public static TheoryData<string> Handled() =>
    [
        "age >= 18", "aum >= 50000", "aum >= 6000000", "peak >= 50000 && aum < peak * 0.5", "tier == \"private\"",
        "tier == \"affluent\" || tier == \"mass\" || tier == \"long-tail\"", "city != null", "city == \"上海\"", "null != city",
        "hasPhone && !doNotCall", "age >= 55 || hasPhone", "true", "false", "TRUE", "holdings.Contains(\"credit-card\") && aum >= 3000",
        "segments.Contains(tier)", "event.amount >= 200000", "event.count > 2", "event.limit == null", "event.urgent", "event.note == \"x\"",
        "payroll >= 5000", "payroll == null", "payroll > aum", "aum == payroll", "score >= 0.5", "score == null", "null == score", "score > age",
        "age > 0.5", "age == 0.5", "aum == 0.5", "payroll == 0.5", "aum == age", "0 == aum", "optIn", "optIn == null", "hasPhone == null",
        "optIn && hasPhone", "hasPhone || optIn", "!optIn", "not hasPhone", "hasPhone and doNotCall or age < 3", "hasPhone AndAlso doNotCall",
        "hasPhone OrElse doNotCall", "age + 1 > 2", "aum + age > 2", "aum - 1.5 > payroll", "age * 2 >= score", "age / 2 == 9", "aum / 3 < 1",
        "age % 2 == 0", "aum % 7 != 1", "-age < 0", "-5 < age", "- 5 < age", "-aum < -0.25", "-score > 1", "(age)", "((age >= 1))",
        "name < \"m\"", "\"m\" > name", "name >= tier", "name == tier", "name != \"\"", "hasPhone == doNotCall", "hasPhone != true",
        "openedOn == openedOn", "openedOn < closedOn", "closedOn == null", "openedOn >= closedOn", "Math > 1", "holdings == segments",
        "holdings != null", "null == null", "score + 1 == null", "age + score > 1", "payroll * 2 > 1.25", "1 + 2 == 3", "2147483647 > age",
        "-2147483648 < age", "0.0 < aum", "1.10 == aum", "age == null",
        // An integer -0 promoted to double is 0d, as Dynamic LINQ makes it (found by the random property).
        "100000.5 >= -0", "age * 0.5 > -0",
    ];

    public static TheoryData<string> Declined() =>
    [
        "AGE >= 18", "age eq 18", "age = 18", "age <> 18", "name.Length > 3", "holdings.Count > 1", "holdings.Any()", "age in (1, 2)",
        "iif(age > 1, true, false)", "1e3 > age", "5m > aum", "0x10 > age", "'a' == name", "age >= 18 ? true : false", "openedOn < \"2025-01-01\"",
        "name + \"x\" == \"y\"", "age == \"5\"", "Math.Abs(age) > 1", "2147483648 > age", "007 == age", "tier == \"a\\\"b\"", "tier == \"a\" \"b\"",
        "age & 1", "age | 1", "age << 1 > 2", "hasPhone < doNotCall", "age && hasPhone", "!age", "-hasPhone", "age ?? 1", "holdings.Contains(5)",
        "holdings.contains(\"x\")", "name.Contains(\"x\")", "event.Amount > 1", "event.amount.Value > 1", "nothing > 1", "it > 1",
        "tier < null", "null == 5", "aum == \"1\"", "holdings == \"x\"", "age mod 2 == 0", "age >", "(age > 1", "age > 1)",
        "1. > age", "openedOn.Year > 2000", "score >= 1.5f", "new(age)", "age > 1 && ", "",
    ];

    [Theory]
    [MemberData(nameof(Handled))]
    public void TryParse_AFormMapsUse_BuildsDynamicLinqsTree(string text)
    {
        var fast = FastExpressionParser.TryParse(text, Parameters);
        Assert.NotNull(fast);
        Assert.Equal(Tree.Text(ExpressionCompiler.ParseWithDynamicLinq(text, Parameters), Parameters), Tree.Text(fast, Parameters));
    }

    [Theory]
    [MemberData(nameof(Declined))]
    public void TryParse_AnythingElse_Declines(string text) => Assert.Null(FastExpressionParser.TryParse(text, Parameters));

    [Fact]
    public void TryParse_ANameThatFoldsToTwoDeclaredNames_Declines()
    {
        var layout = new RowLayout([("age", new FieldType(FieldKind.Int, false)), ("Age", new FieldType(FieldKind.Int, false))]);
        Assert.Null(FastExpressionParser.TryParse("age > 1", ExpressionCompiler.Declare(ExpressionScope.ForTiers(layout)).Parameters));
    }

    [Property(MaxTest = 200)]
    public void TryParse_RandomExpressions_BuildsDynamicLinqsTreeOrDeclines(int seed)
    {
        var random = new Random(seed);
        var generator = new Generator(random);
        for (var i = 0; i < 12; i++)
        {
            var text = random.Next(6) == 0 ? generator.Mutated() : generator.Condition(4);
            Check(text, random, evaluate: i < 2);
        }
    }

    [Property(MaxTest = 100)]
    public void NamesIn_RandomTexts_AreTheNamesIndexOfWordFindsInItsOrder(int seed)
    {
        // The names a condition reads (explain shows them) come from one pass over the text now.
        var random = new Random(seed);
        var generator = new Generator(random);
        string[] names = [.. Parameters.Select(p => p.Name!), "amount", "count", "a-b", "Contains"];
        for (var i = 0; i < 10; i++)
        {
            var text = random.Next(3) == 0 ? generator.Mutated() : generator.Condition(4);
            var expected = names.Select(n => (Name: n, At: ExpressionLimits.IndexOfWord(text, n)))
                .Where(x => x.At >= 0).OrderBy(x => x.At).Select(x => x.Name);
            Assert.Equal(expected, ExpressionLimits.NamesIn(text, names));
        }
    }

    [Fact]
    public void TryParse_RandomExpressions_MostAreHandled()
    {
        // Declining everything would pass the property above: most well-formed expressions must be handled.
        var random = new Random(20261205);
        var generator = new Generator(random);
        var handled = 0;
        const int total = 1500;
        for (var i = 0; i < total; i++)
        {
            if (Check(generator.Condition(4), random, evaluate: false))
            {
                handled++;
            }
        }

        Assert.True(handled > total * 6 / 10, $"{handled} of {total} handled");
    }

    [Fact]
    public void SampleMap_EveryExpression_IsHandledByTheFastParser()
    {
        var loaded = MapLoader.Load(TestPaths.Repo("strategies", "retail-wealth"), new MapLoadOptions { ExpressionCache = null });
        Assert.True(loaded.Success, string.Join("\n", loaded.Diagnostics));
        var plan = loaded.Plan!;
        var scope = ExpressionScope.ForTiers(plan.Customer).ForStrategies();
        var conditions = plan.Tiers.Select(t => t.When)
            .Concat(plan.Stages.Select(s => s.When))
            .Concat(plan.Segments.Select(s => s.When))
            .Concat(plan.Products.Select(p => p.Eligible))
            .Concat(plan.Channels.Select(c => c.Reachable))
            .Concat(plan.Strategies.Select(s => s.When))
            .OfType<CompiledCondition>()
            .Where(c => c != CompiledCondition.True)
            .Select(c => (c.Text, scope))
            .Concat(plan.Strategies.Select(s => s.Scenario).OfType<ScenarioPlan>()
                .Where(s => s.When is not null)
                .Select(s => (s.When!.Text, scope.WithEvent(plan.Events[s.EventType!]))))
            .Distinct()
            .ToList();

        Assert.True(conditions.Count >= 30, $"{conditions.Count} conditions");
        Assert.Contains(conditions, c => c.Text.StartsWith("event.", StringComparison.Ordinal));
        foreach (var (text, at) in conditions)
        {
            var parameters = ExpressionCompiler.Declare(at).Parameters;
            var fast = FastExpressionParser.TryParse(text, parameters);
            Assert.True(fast is not null, $"not handled: {text}");
            Assert.Equal(Tree.Text(ExpressionCompiler.ParseWithDynamicLinq(text, parameters), parameters), Tree.Text(fast, parameters));
        }
    }

    [Fact]
    public void TypeRules_MatchReflection_OverTheTypesAnOperandCanHave()
    {
        // The parser restates, without reflection, what Dynamic LINQ finds by reflection: which
        // conversion operators exist, which types have IEquatable/IComparable, which declare op_Equality.
        Type[] operands =
        [
            typeof(int), typeof(int?), typeof(decimal), typeof(decimal?), typeof(double), typeof(double?), typeof(bool), typeof(bool?),
            typeof(string), typeof(object), typeof(IReadOnlyList<string>), typeof(DateTime), typeof(DateTime?),
        ];
        var targets = FastExpressionParser.Signatures.Equality.Concat(FastExpressionParser.Signatures.Subtract)
            .Concat(FastExpressionParser.Signatures.Negation).SelectMany(s => s).Distinct().ToList();
        foreach (var source in operands)
        {
            foreach (var target in targets.Where(t => t != source))
            {
                Assert.True(ImplicitOperator(source, target) == FastExpressionParser.HasImplicitOperator(source, target), $"{source} -> {target}");
            }

            var plain = Nullable.GetUnderlyingType(source) ?? source;
            var generic = plain.GetInterfaces().Where(i => i.IsGenericType).Select(i => i.GetGenericTypeDefinition()).ToList();
            Assert.Equal(generic.Contains(typeof(IEquatable<>)) && generic.Contains(typeof(IComparable<>)), FastExpressionParser.IsEquatableAndComparable(source));
            var equalityOperators = SelfAndBases(source).SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
                .Where(m => m.Name.Equals("op_Equality", StringComparison.OrdinalIgnoreCase) || m.Name.Equals("op_Inequality", StringComparison.OrdinalIgnoreCase))
                .ToList();
            Assert.True(equalityOperators.Count > 0 == (source == typeof(decimal) || source == typeof(double) || source == typeof(string) || source == typeof(DateTime)), source.Name);
            Assert.All(equalityOperators, m => Assert.Equal([source, source], m.GetParameters().Select(p => p.ParameterType)));
            Assert.True(equalityOperators.Count is 0 or 2, source.Name);
        }
    }

    // MethodFinder.SelfAndBaseTypes: an interface with its interfaces, any other type with its base classes.
    private static IEnumerable<Type> SelfAndBases(Type type)
    {
        if (type.IsInterface)
        {
            return [type, .. type.GetInterfaces()];
        }

        var types = new List<Type>();
        for (var t = type; t is not null; t = t.BaseType)
        {
            types.Add(t);
        }

        return types;
    }

    // Dynamic LINQ's TypeHelper.TryGetImplicitConversionOperatorMethod.
    private static bool ImplicitOperator(Type source, Type target)
    {
        bool Find(Type t) => t.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Any(m => m.Name == "op_Implicit" && m.ReturnType == target && m.GetParameters() is [var p] && p.ParameterType == source);
        return Find(source) || Find(target);
    }

    /// <summary>
    /// The fast tree equals Dynamic LINQ's, and both evaluate alike, when the fast parser handles
    /// <paramref name="text"/>; Dynamic LINQ's outcome is untouched when it declines. True when handled.
    /// </summary>
    private static bool Check(string text, Random random, bool evaluate)
    {
        Expression? fast;
        try
        {
            fast = FastExpressionParser.TryParse(text, Parameters);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"the fast parser threw on `{text}`: {e}");
        }

        if (fast is null)
        {
            return false;
        }

        Expression slow;
        try
        {
            slow = ExpressionCompiler.ParseWithDynamicLinq(text, Parameters);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"the fast parser handled `{text}`, which Dynamic LINQ refuses: {e.Message}");
        }

        Assert.True(Tree.Text(slow, Parameters) == Tree.Text(fast, Parameters),
            $"`{text}`\n dynamic: {Tree.Text(slow, Parameters)}\n    fast: {Tree.Text(fast, Parameters)}");
        if (evaluate)
        {
            var a = Evaluator.Compile(slow);
            var b = Evaluator.Compile(fast);
            for (var i = 0; i < 6; i++)
            {
                var values = Evaluator.RandomValues(random);
                Assert.Equal(Evaluator.Run(a, values), Evaluator.Run(b, values));
            }
        }

        return true;
    }

    /// <summary>A tree as text: every node's kind, type, method, lifting, member, constant and parameter.</summary>
    private static class Tree
    {
        public static string Text(Expression e, IReadOnlyList<ParameterExpression> parameters)
        {
            var text = new StringBuilder();
            Write(e, parameters, text);
            return text.ToString();
        }

        private static void Write(Expression e, IReadOnlyList<ParameterExpression> parameters, StringBuilder text)
        {
            text.Append(e.NodeType).Append('<').Append(Name(e.Type)).Append('>');
            switch (e)
            {
                case BinaryExpression b:
                    text.Append(Method(b.Method)).Append(b.IsLifted ? " lifted" : "").Append(b.IsLiftedToNull ? " toNull" : "")
                        .Append(b.Conversion is null ? "" : " conversion");
                    Children(text, parameters, b.Left, b.Right);
                    break;
                case UnaryExpression u:
                    text.Append(Method(u.Method)).Append(u.IsLifted ? " lifted" : "").Append(u.IsLiftedToNull ? " toNull" : "");
                    Children(text, parameters, u.Operand);
                    break;
                case ConstantExpression c:
                    text.Append('[').Append(Value(c.Value)).Append(']');
                    break;
                case ParameterExpression p:
                    var index = parameters.ToList().FindIndex(x => ReferenceEquals(x, p));
                    Assert.True(index >= 0, $"a parameter not declared: {p.Name}");
                    text.Append(p.Name).Append('#').Append(index);
                    break;
                case MemberExpression m:
                    text.Append(' ').Append(Name(m.Member.DeclaringType!)).Append('.').Append(m.Member.Name).Append(':').Append(m.Member.MemberType);
                    Children(text, parameters, m.Expression is null ? [] : [m.Expression]);
                    break;
                case MethodCallExpression call:
                    text.Append(Method(call.Method));
                    Children(text, parameters, call.Object is null ? [.. call.Arguments] : [call.Object, .. call.Arguments]);
                    break;
                default:
                    text.Append("{unexpected ").Append(e).Append('}');
                    break;
            }
        }

        private static void Children(StringBuilder text, IReadOnlyList<ParameterExpression> parameters, params Expression[] children)
        {
            text.Append('(');
            for (var i = 0; i < children.Length; i++)
            {
                if (i > 0)
                {
                    text.Append(", ");
                }

                Write(children[i], parameters, text);
            }

            text.Append(')');
        }

        private static string Method(MethodInfo? m) => m is null
            ? ""
            : $" {Name(m.DeclaringType!)}.{m.Name}{(m.IsGenericMethod ? "<" + string.Join(",", m.GetGenericArguments().Select(Name)) + ">" : "")}({string.Join(",", m.GetParameters().Select(p => Name(p.ParameterType)))})";

        private static string Name(Type t) => Nullable.GetUnderlyingType(t) is { } u ? Name(u) + "?" : t.IsGenericType
            ? $"{t.Name}<{string.Join(",", t.GetGenericArguments().Select(Name))}>"
            : t.Name;

        // Decimals by value: Dynamic LINQ re-reads a literal from the text it first saw for that
        // value in the process (0.50 after 0.5), which changes only the scale.
        private static string Value(object? value) => value switch
        {
            null => "null",
            decimal d => (d / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture) + "m",
            double d => d.ToString("R", CultureInfo.InvariantCulture) + "d",
            string s => "\"" + s + "\"",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture) + ":" + value.GetType().Name,
            _ => value.ToString() ?? "",
        };
    }

    /// <summary>Runs a tree over parameter values given as an array (a lambda over 20 parameters would need its own delegate type).</summary>
    private static class Evaluator
    {
        private static readonly ParameterExpression Values = Expression.Parameter(typeof(object?[]), "values");

        public static Func<object?[], object?> Compile(Expression body)
        {
            var replaced = new Replacer().Visit(body);
            return Expression.Lambda<Func<object?[], object?>>(Expression.Convert(replaced, typeof(object)), Values).Compile(preferInterpretation: true);
        }

        public static string Run(Func<object?[], object?> f, object?[] values)
        {
            try
            {
                return f(values)?.ToString() ?? "null";
            }
            catch (Exception e)
            {
                return e.GetType().Name;
            }
        }

        public static object?[] RandomValues(Random r)
        {
            var values = new object?[Parameters.Count];
            for (var i = 0; i < values.Length; i++)
            {
                var p = Parameters[i];
                var type = Nullable.GetUnderlyingType(p.Type) ?? p.Type;
                var isNull = (Nullable.GetUnderlyingType(p.Type) is not null || !p.Type.IsValueType) && r.Next(4) == 0;
                values[i] = isNull ? null
                    : type == typeof(int) ? r.Next(-3, 30)
                    : type == typeof(decimal) ? (decimal)r.Next(-100, 100000) / 4
                    : type == typeof(bool) ? r.Next(2) == 0
                    : type == typeof(string) ? Generator.Texts[r.Next(Generator.Texts.Length)]
                    : type == typeof(DateTime) ? new DateTime(2020, 1, 1).AddDays(r.Next(2000))
                    : type == typeof(IReadOnlyList<string>) ? Generator.Texts.Where(_ => r.Next(3) == 0).ToArray()
                    : Event(p.Type, r);
            }

            return values;
        }

        private static object Event(Type type, Random r)
        {
            var instance = Activator.CreateInstance(type)!;
            type.GetProperty("amount")!.SetValue(instance, (decimal)r.Next(0, 300000));
            type.GetProperty("count")!.SetValue(instance, r.Next(0, 10));
            type.GetProperty("limit")!.SetValue(instance, r.Next(3) == 0 ? null : r.Next(0, 10));
            type.GetProperty("urgent")!.SetValue(instance, r.Next(2) == 0);
            type.GetProperty("note")!.SetValue(instance, r.Next(3) == 0 ? null : "x");
            return instance;
        }

        private sealed class Replacer : ExpressionVisitor
        {
            protected override Expression VisitParameter(ParameterExpression node)
            {
                var index = Parameters.IndexOf(node);
                return index < 0 ? node : Expression.Convert(Expression.ArrayIndex(Values, Expression.Constant(index)), node.Type);
            }
        }
    }

    /// <summary>Random expressions over <see cref="Scope"/>: mostly well typed, some not, some mangled.</summary>
    private sealed class Generator(Random r)
    {
        public static readonly string[] Texts = ["private", "wealth", "上海", "", "credit-card", "a b", "M"];

        private static readonly string[] Ints = ["age", "score", "event.count", "event.limit", "Math"];
        private static readonly string[] Decimals = ["aum", "peak", "payroll", "event.amount"];
        private static readonly string[] Bools = ["hasPhone", "doNotCall", "optIn", "event.urgent"];
        private static readonly string[] Strings = ["name", "city", "tier", "stage", "event.note"];
        private static readonly string[] Dates = ["openedOn", "closedOn"];
        private static readonly string[] Lists = ["holdings", "segments"];
        private static readonly string[] Comparisons = ["==", "!=", "<", "<=", ">", ">="];

        private static readonly string[] Noise =
        [
            "&", "|", "?", " in ", "'", "\\", "AGE", "Age", " eq ", "1e3", "5m", "0x10", "\"a\" \"b\"", "holdings.Count", "name.Length",
            "tier.Contains(\"a\")", "(", ")", "!", "-", ".", "==", "null", "\"", "iif", "=", "0.", "007",
        ];

        private T Pick<T>(T[] items) => items[r.Next(items.Length)];

        public string Condition(int depth)
        {
            if (depth <= 0)
            {
                return r.Next(3) == 0 ? Pick(Bools) : Comparison(0);
            }

            return r.Next(11) switch
            {
                0 => Pick(Bools),
                1 => (r.Next(2) == 0 ? "!" : "not ") + Condition(depth - 1),
                2 => $"{Condition(depth - 1)} {Pick(["&&", "and", "AndAlso"])} {Condition(depth - 1)}",
                3 => $"{Condition(depth - 1)} {Pick(["||", "or", "OrElse"])} {Condition(depth - 1)}",
                4 => $"({Condition(depth - 1)})",
                5 => $"{Pick(Lists)}.Contains({String()})",
                6 => $"{Condition(depth - 1)} {Pick(["==", "!="])} {Condition(depth - 1)}",
                7 => Pick(["true", "false", "True"]),
                _ => Comparison(depth - 1),
            };
        }

        private string Comparison(int depth) => r.Next(10) switch
        {
            < 5 => $"{Number(depth)} {Pick(Comparisons)} {Number(depth)}",
            5 => $"{String()} {Pick(Comparisons)} {String()}",
            6 => $"{Pick([.. Strings, .. Ints, .. Decimals, .. Bools, .. Dates, .. Lists])} {Pick(["==", "!="])} null",
            7 => $"null {Pick(["==", "!="])} {Pick([.. Ints, .. Decimals, .. Strings])}",
            8 => $"{Pick(Dates)} {Pick(Comparisons)} {Pick(Dates)}",
            _ => $"{Pick([.. Ints, .. Decimals, .. Strings, .. Bools])} {Pick(Comparisons)} {Pick([.. Ints, .. Decimals, .. Strings, .. Bools])}",
        };

        private string Number(int depth)
        {
            if (depth <= 0 || r.Next(3) > 0)
            {
                return r.Next(5) switch
                {
                    0 => Pick(Ints),
                    1 => Pick(Decimals),
                    2 => r.Next(-5, 200000).ToString(CultureInfo.InvariantCulture),
                    3 => Pick(["0.5", "1.0", "12.25", "-0.75", "100000.5", "0", "-3", "2147483647"]),
                    _ => Pick([.. Ints, .. Decimals]),
                };
            }

            return r.Next(4) switch
            {
                0 => $"{Number(depth - 1)} {Pick(["+", "-", "*", "/", "%"])} {Number(depth - 1)}",
                1 => $"-{Number(depth - 1)}",
                2 => $"({Number(depth - 1)})",
                _ => $"{Number(depth - 1)} {Pick(["+", "-"])} {Number(depth - 1)}",
            };
        }

        private string String() => r.Next(3) == 0 ? Pick(Strings) : $"\"{Pick(Texts)}\"";

        public string Mutated()
        {
            var text = Condition(3);
            var at = r.Next(text.Length + 1);
            return r.Next(3) == 0 && text.Length > 0
                ? text.Remove(Math.Min(at, text.Length - 1), 1)
                : text.Insert(at, Pick(Noise));
        }
    }
}
