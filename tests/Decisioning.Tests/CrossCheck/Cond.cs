namespace Decisioning.Tests.CrossCheck;

/// <summary>
/// What a condition can see while the reference decides (spec section 1, "Names in scope"):
/// fields, holdings, tier, stage, segments and, in an event scenario, the event's payload.
/// </summary>
public sealed record CondEnv(
    RandomCustomer Customer,
    string? Tier = null,
    string? Stage = null,
    IReadOnlyList<string>? Segments = null,
    IReadOnlyDictionary<string, object?>? Event = null);

/// <summary>
/// A small boolean expression AST that the reference evaluates in C# directly and prints as the
/// expression text the engine compiles. Nulls follow C# (and so RulesEngine): a comparison with a
/// null is false, except <c>!=</c>, which is true.
/// </summary>
public abstract record Cond
{
    public abstract bool Eval(CondEnv env);

    public abstract string Text { get; }

    public sealed override string ToString() => Text;
}

public sealed record Lit(bool Value) : Cond
{
    public override bool Eval(CondEnv env) => Value;

    public override string Text => Value ? "true" : "false";
}

/// <summary>A required bool field used bare: <c>isRetiree</c>.</summary>
public sealed record BoolRef(string Field) : Cond
{
    public override bool Eval(CondEnv env) => env.Customer.Get(Field) is true;

    public override string Text => Field;
}

public sealed record Not(Cond Operand) : Cond
{
    public override bool Eval(CondEnv env) => !Operand.Eval(env);

    public override string Text => Operand is BoolRef or ListHas ? $"!{Operand.Text}" : $"!({Operand.Text})";
}

public sealed record And(Cond Left, Cond Right) : Cond
{
    public override bool Eval(CondEnv env) => Left.Eval(env) && Right.Eval(env);

    public override string Text => $"({Left.Text} && {Right.Text})";
}

public sealed record Or(Cond Left, Cond Right) : Cond
{
    public override bool Eval(CondEnv env) => Left.Eval(env) || Right.Eval(env);

    public override string Text => $"({Left.Text} || {Right.Text})";
}

/// <summary><c>holdings.Contains("p")</c> or <c>segments.Contains("s")</c>.</summary>
public sealed record ListHas(string List, string Item) : Cond
{
    public override bool Eval(CondEnv env) => List == "holdings"
        ? env.Customer.HoldingList.Contains(Item)
        : env.Segments!.Contains(Item);

    public override string Text => $"{List}.Contains(\"{Item}\")";
}

/// <summary><c>tier == "x"</c>, <c>stage != "y"</c>; tier and stage are null when nothing matched.</summary>
public sealed record NameIs(string Name, string Value, bool Equal) : Cond
{
    public override bool Eval(CondEnv env)
    {
        var actual = Name == "tier" ? env.Tier : env.Stage;
        return (actual == Value) == Equal;
    }

    public override string Text => $"{Name} {(Equal ? "==" : "!=")} \"{Value}\"";
}

/// <summary><c>city == null</c>, <c>tier != null</c>: an optional field, or tier or stage, against null.</summary>
public sealed record NullCheck(string Name, bool IsNull) : Cond
{
    public override bool Eval(CondEnv env)
    {
        var value = Name switch
        {
            "tier" => env.Tier,
            "stage" => env.Stage,
            _ => env.Customer.Get(Name),
        };
        return (value is null) == IsNull;
    }

    public override string Text => $"{Name} {(IsNull ? "==" : "!=")} null";
}
