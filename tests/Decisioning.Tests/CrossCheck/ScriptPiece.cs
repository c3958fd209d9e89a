using System.Globalization;

namespace Decisioning.Tests.CrossCheck;

/// <summary>
/// One piece of a script (话术): literal text, or a Liquid output <c>{{ root.member }}</c>. The
/// reference renders a script by concatenating pieces, as Liquid does for plain output tags.
/// </summary>
public abstract record ScriptPiece
{
    public abstract string Template { get; }

    public static string TemplateOf(IEnumerable<ScriptPiece> pieces) => string.Concat(pieces.Select(p => p.Template));
}

public sealed record TextPiece(string Text) : ScriptPiece
{
    public override string Template => Text;
}

/// <summary><c>customer.&lt;field&gt;</c>, <c>product.id|name</c>, <c>channel.id|name</c> or <c>strategy.id</c>.</summary>
public sealed record VarPiece(string Root, string Member) : ScriptPiece
{
    public override string Template => "{{ " + Root + "." + Member + " }}";

    /// <summary>
    /// Liquid output of a plain value: text as is, nothing for nil, <c>true</c>/<c>false</c>, and
    /// numbers in their invariant decimal form.
    /// </summary>
    public static string Output(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"no Liquid output for {value.GetType()}"),
    };
}
