namespace Decisioning.Model;

/// <summary>The value kinds a snapshot field can have (spec section 1).</summary>
internal enum FieldKind
{
    String,
    Int,
    Decimal,
    Bool,
    Date,
}

/// <summary>A declared field type such as <c>int</c> or <c>string?</c> (optional).</summary>
internal readonly record struct FieldType(FieldKind Kind, bool Optional)
{
    public static readonly IReadOnlyList<string> Names = ["string", "int", "decimal", "bool", "date"];

    public static bool TryParse(string text, out FieldType type)
    {
        var optional = text.EndsWith('?');
        var name = optional ? text[..^1] : text;
        FieldKind? kind = name switch
        {
            "string" => FieldKind.String,
            "int" => FieldKind.Int,
            "decimal" => FieldKind.Decimal,
            "bool" => FieldKind.Bool,
            "date" => FieldKind.Date,
            _ => null,
        };
        type = kind is { } k ? new FieldType(k, optional) : default;
        return kind is not null;
    }

    /// <summary>Numbers and bools can feed a logistic model (spec section 8).</summary>
    public bool IsNumericOrBool => Kind is FieldKind.Int or FieldKind.Decimal or FieldKind.Bool;

    public override string ToString() => Names[(int)Kind] + (Optional ? "?" : "");
}
