using System.Globalization;

namespace Decisioning.Tests.CrossCheck;

/// <summary><c>field op constant</c>, or <c>event.field op constant</c> when <see cref="OnEvent"/>.</summary>
public sealed record Compare(string Field, string Op, object Constant, bool OnEvent = false, bool ConstantFirst = false) : Cond
{
    public override bool Eval(CondEnv env)
    {
        var value = OnEvent
            ? (env.Event!.TryGetValue(Field, out var v) ? v : null)
            : env.Customer.Get(Field);
        if (value is null)
        {
            return Op == "!=";
        }

        int c;
        switch (value, Constant)
        {
            case (string s, string k):
                c = string.CompareOrdinal(s, k);
                if (Op is not ("==" or "!="))
                {
                    throw new InvalidOperationException("strings compare with == and != only");
                }

                break;
            case (bool b, bool k):
                c = b == k ? 0 : 1;
                break;
            default:
                c = Convert.ToDecimal(value, CultureInfo.InvariantCulture).CompareTo(Convert.ToDecimal(Constant, CultureInfo.InvariantCulture));
                break;
        }

        return Holds(Op, c);
    }

    /// <summary>Whether a comparison result <paramref name="c"/> (as CompareTo gives) satisfies <paramref name="op"/>.</summary>
    public static bool Holds(string op, int c) => op switch
    {
        "==" => c == 0,
        "!=" => c != 0,
        "<" => c < 0,
        "<=" => c <= 0,
        ">" => c > 0,
        _ => c >= 0,
    };

    /// <summary>Written either way round: <c>age &gt;= 18</c> or <c>18 &lt;= age</c>.</summary>
    public override string Text => ConstantFirst
        ? $"{Literal(Constant)} {Flipped(Op)} {(OnEvent ? "event." : "")}{Field}"
        : $"{(OnEvent ? "event." : "")}{Field} {Op} {Literal(Constant)}";

    private static string Flipped(string op) => op switch { "<" => ">", "<=" => ">=", ">" => "<", ">=" => "<=", _ => op };

    public static string Literal(object constant) => constant switch
    {
        string s => "\"" + s + "\"",
        bool b => b ? "true" : "false",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"no literal for {constant.GetType()}"),
    };
}

/// <summary>
/// <c>field arith k op constant</c>, such as <c>age + 5 &gt; 60</c>: int arithmetic for an int field
/// with an int <c>k</c>, decimal otherwise; a null operand makes the sum null, compared as a null.
/// </summary>
public sealed record ArithmeticCompare(string Field, char Arith, object K, string Op, object Constant, bool OnEvent = false) : Cond
{
    public override bool Eval(CondEnv env)
    {
        var value = OnEvent ? env.Event!.GetValueOrDefault(Field) : env.Customer.Get(Field);
        if (value is null)
        {
            return Op == "!=";
        }

        object result = (value, K) switch
        {
            (int v, int k) => Arith switch { '+' => v + k, '-' => v - k, _ => v * k },
            _ => Decimal(Convert.ToDecimal(value, CultureInfo.InvariantCulture), Convert.ToDecimal(K, CultureInfo.InvariantCulture)),
        };
        var c = Convert.ToDecimal(result, CultureInfo.InvariantCulture).CompareTo(Convert.ToDecimal(Constant, CultureInfo.InvariantCulture));
        return Compare.Holds(Op, c);
    }

    private decimal Decimal(decimal v, decimal k) => Arith switch { '+' => v + k, '-' => v - k, _ => v * k };

    public override string Text => $"{(OnEvent ? "event." : "")}{Field} {Arith} {Compare.Literal(K)} {Op} {Compare.Literal(Constant)}";
}

/// <summary>
/// Two fields of compatible types compared: <c>age == score</c>. As in C#, two nulls are equal;
/// a null is unequal to any value and not ordered against anything.
/// </summary>
public sealed record FieldsCompare(string Left, string Op, string Right) : Cond
{
    public override bool Eval(CondEnv env)
    {
        var (a, b) = (env.Customer.Get(Left), env.Customer.Get(Right));
        if (a is null || b is null)
        {
            var equal = a is null && b is null;
            return Op switch { "==" => equal, "!=" => !equal, _ => false };
        }

        var c = (a, b) switch
        {
            (string x, string y) => string.CompareOrdinal(x, y),
            (bool x, bool y) => x == y ? 0 : 1,
            _ => Convert.ToDecimal(a, CultureInfo.InvariantCulture).CompareTo(Convert.ToDecimal(b, CultureInfo.InvariantCulture)),
        };
        return Compare.Holds(Op, c);
    }

    public override string Text => $"{Left} {Op} {Right}";
}
