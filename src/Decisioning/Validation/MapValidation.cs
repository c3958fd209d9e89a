using Decisioning.Diagnostics;
using Decisioning.Model;
using FluentValidation;
using FluentValidation.Results;

namespace Decisioning.Validation;

/// <summary>Runs <see cref="MapValidator"/> and turns its failures into positioned diagnostics.</summary>
internal static class MapValidation
{
    public static MapSymbols Validate(MapDocument document, IReadOnlySet<string> hostModels, DiagnosticBag diagnostics) =>
        Validate(document, hostModels, diagnostics, null).Symbols;

    /// <summary>
    /// As <see cref="Validate(MapDocument, IReadOnlySet{string}, DiagnosticBag)"/>, taking from
    /// <paramref name="reuse"/> (the previous load's) the failures of every item
    /// declaration it validated, when the map declares the same ids: an item's failures depend only
    /// on the item and those ids. Returns what the next load takes.
    /// </summary>
    public static ValidationMemo Validate(MapDocument document, IReadOnlySet<string> hostModels, DiagnosticBag diagnostics, ValidationMemo? reuse)
    {
        var symbols = MapSymbols.Of(document, hostModels);
        var memo = reuse is not null && reuse.Symbols.SameAs(symbols)
            ? reuse.Next()
            : new ValidationMemo(symbols, new ReuseTable<(object, string), ValidationFailure[]>(ItemKeys.Instance));
        var context = new ValidationContext<MapDocument>(document);
        context.RootContextData[MapValidator.ReuseKey] = memo.Items;
        context.RootContextData[MapSymbols.ContextKey] = symbols;
        var result = MapValidator.Instance.Validate(context);
        foreach (var failure in result.Errors)
        {
            var at = failure.CustomState is SourceLocation location ? location : document.Location;
            var severity = failure.Severity == FluentValidation.Severity.Error ? Diagnostics.Severity.Error : Diagnostics.Severity.Warning;
            diagnostics.Add(new Diagnostic(severity, failure.ErrorCode, failure.ErrorMessage, at));
        }

        return memo;
    }

    // A declaration by reference (the same object: the same YAML read), its section by name.
    private sealed class ItemKeys : IEqualityComparer<(object Item, string Kind)>
    {
        public static readonly ItemKeys Instance = new();

        public bool Equals((object Item, string Kind) x, (object Item, string Kind) y) => ReferenceEquals(x.Item, y.Item) && x.Kind == y.Kind;

        public int GetHashCode((object Item, string Kind) key) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Item), key.Kind);
    }
}

/// <summary>What one validation leaves for the next: the ids it checked against and each item's failures.</summary>
internal sealed record ValidationMemo(MapSymbols Symbols, ReuseTable<(object, string), ValidationFailure[]> Items)
{
    /// <summary>The memo of the next validation against the same ids.</summary>
    public ValidationMemo Next() => this with { Items = Items.Next() };

    /// <summary>This validation's failures alone: what is kept for the next one.</summary>
    public ValidationMemo Kept() => this with { Items = Items.Kept() };
}
